import LitKBExport
import LitKBStore

/// `search --explain`: PubMed's "search details" for a litkb query.
enum SearchDetails {
    static func text(_ explanation: SearchExplanation, query: String, filter: SearchFilter) -> String {
        var out = ["Search details for: \(query)", "Query translation: \(explanation.translation)"]
        for line in explanation.lines {
            out.append("  \(line.operator.isEmpty ? "" : line.operator + " ")\(line.term.translation): \(IngestText.plural(line.count, "work"))")
        }
        if explanation.lines.count > 1 || !filter.isEmpty {
            out.append("  the query: \(IngestText.plural(explanation.matches, "work"))")
        }
        for condition in filters(filter) { out.append("  AND \(condition)") }
        out.append("Total: \(IngestText.plural(explanation.total, "work"))")
        out += notes(explanation).map { "Note: " + $0 }
        out.append("FTS5 query: \(explanation.pattern ?? "none: structured terms are searched in their tables")")
        return out.joined(separator: "\n")
    }

    static func json(_ explanation: SearchExplanation, query: String, filter: SearchFilter) -> String {
        JSONValue.fields([
            "query": .string(query),
            "translation": .string(explanation.translation),
            "fts": explanation.pattern.map { .string($0) },
            "terms": .array(explanation.lines.map { line in
                JSONValue.fields([
                    "term": .string(line.term.text),
                    "field": .string(line.term.field.label),
                    "tag": .string(line.term.field.tag),
                    "prefix": .bool(line.term.prefix),
                    "operator": .string(line.operator.isEmpty ? "AND" : line.operator),
                    "count": .number(line.count),
                ])
            }),
            "queryMatches": .number(explanation.matches),
            "filters": .array(filters(filter).map { .string($0) }),
            "count": .number(explanation.total),
            "notes": .array(notes(explanation).map { .string($0) }),
        ]).rendered(pretty: true)
    }

    /// What a PubMed user would otherwise assume about the terms.
    static func notes(_ explanation: SearchExplanation) -> [String] {
        var notes: [String] = []
        if explanation.lines.contains(where: { [.mesh, .majorMesh, .subheading].contains($0.term.field) }) {
            notes.append("MeSH terms match their descriptor exactly, not exploded to narrower terms: litkb holds no MeSH tree.")
        }
        if explanation.lines.contains(where: { $0.term.field == .allFields }) {
            notes.append("All Fields is the title, every abstract, keywords and MeSH words (no automatic term mapping).")
        }
        return notes
    }

    static func filters(_ filter: SearchFilter) -> [String] {
        var conditions: [String] = []
        if let years = filter.years {
            let span = years.lowerBound == years.upperBound ? "\(years.lowerBound)" : "\(years.lowerBound) to \(years.upperBound)"
            conditions.append("published \(span) (in print, else electronically)")
        }
        if !filter.publicationTypes.isEmpty { conditions.append("publication type " + filter.publicationTypes.joined(separator: " or ")) }
        if !filter.languages.isEmpty { conditions.append("language " + filter.languages.joined(separator: " or ")) }
        if filter.hasAbstract { conditions.append("has an abstract") }
        if let retracted = filter.retracted { conditions.append(retracted ? "retracted" : "not retracted") }
        return conditions
    }
}
