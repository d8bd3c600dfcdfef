import LitKBExport
import LitKBModel
import LitKBStore

/// What `chase`, `related` and `path` print.
enum CitationText {
    /// `3 seeds → 120 references, 45 citing works → 150 unique`, then each work found with the
    /// way it was reached.
    static func text(_ chase: CitationChase, directions: Set<CitationDirection>) -> String {
        var summary: [String] = []
        if directions.contains(.backward) { summary.append(IngestText.plural(chase.references, "reference")) }
        if directions.contains(.forward) { summary.append(IngestText.plural(chase.citing, "citing work")) }
        var out = ["\(IngestText.plural(chase.seeds.count, "seed")) → \(summary.joined(separator: ", ")) → \(chase.found.count.grouped) unique"
                   + (chase.excluded > 0 ? " (\(chase.excluded.grouped) excluded as already screened)" : "")]
        for (index, found) in chase.found.enumerated() {
            out.append(SummaryText.line(found.work, number: index + 1))
            out.append("       " + reach(found))
        }
        return out.joined(separator: "\n")
    }

    /// `backward, depth 1, from PMID 123, PMID 456`
    static func reach(_ found: ChasedWork) -> String {
        let ways = CitationDirection.allCases.filter(found.directions.contains).map(\.rawValue).joined(separator: " and ")
        return "\(ways), depth \(found.depth), from " + found.seeds.map(SummaryText.name).joined(separator: ", ")
    }

    /// A work's id as commands take it: the PMID's digits, else the PMC id, else the DOI.
    static func argument(_ work: WorkSummary) -> String? {
        work.pmid.map { String($0.value) } ?? work.pmcid?.value ?? work.doi?.value
    }

    static func json(_ chase: CitationChase) -> String {
        JSONValue.fields([
            "seeds": .array(chase.seeds.map(WorkJSON.entry(for:))),
            "notFound": .array(chase.notFound.map { .string($0.description) }),
            "references": .number(chase.references),
            "citing": .number(chase.citing),
            "unique": .number(chase.found.count),
            "excluded": .number(chase.excluded),
            "found": .array(chase.found.map { found in
                .object(WorkJSON.entry(for: found.work).members + [
                    JSONValue.Member(key: "seeds", value: .array(found.seeds.map { .string(SummaryText.name($0)) })),
                    JSONValue.Member(key: "directions", value: .array(CitationDirection.allCases.filter(found.directions.contains).map { .string($0.rawValue) })),
                    JSONValue.Member(key: "depth", value: .number(found.depth)),
                ])
            }),
        ]).rendered(pretty: true)
    }

    static func json(_ related: (work: WorkSummary, coCited: [RelatedWork], coupled: [RelatedWork])) -> String {
        func list(_ entries: [RelatedWork], _ key: String) -> JSONValue {
            .array(entries.map { .object(WorkJSON.entry(for: $0.work).members + [JSONValue.Member(key: key, value: .number($0.overlap))]) })
        }
        return JSONValue.fields([
            "work": WorkJSON.entry(for: related.work),
            "coCited": list(related.coCited, "citedTogether"),
            "coupled": list(related.coupled, "sharedReferences"),
        ]).rendered(pretty: true)
    }

    static func json(_ path: [PathStep]) -> String {
        JSONValue.array(path.map { step in
            .object(WorkJSON.entry(for: step.work).members + (step.direction.map {
                [JSONValue.Member(key: "step", value: .string($0 == .backward ? "cited by the work before" : "cites the work before"))]
            } ?? []))
        }).rendered(pretty: true)
    }
}
