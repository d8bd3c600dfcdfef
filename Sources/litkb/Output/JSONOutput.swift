import LitKBExport
import LitKBIngest
import LitKBModel
import LitKBStore

/// The `--json` shapes of commands whose output is not a work: list entries are the same
/// objects a work's `similar` / `citedBy` / `references` hold.
enum JSONOutput {
    static func searchHits(_ hits: [SearchHit]) -> String {
        JSONValue.array(hits.map { hit in
            var members = WorkJSON.entry(for: hit.work).members
            members.append(.init(key: "snippet", value: .string(hit.snippet)))
            members.append(.init(key: "score", value: .double(hit.score)))
            if let count = hit.citationCount { members.append(.init(key: "citationCount", value: .number(count))) }
            return .object(members)
        }).rendered(pretty: true)
    }

    static func retracted(_ works: [RetractedWork]) -> String {
        JSONValue.array(works.map { item in
            var members = WorkJSON.entry(for: item.work).members
            members.append(.init(key: "evidence", value: .array(item.evidence.map(WorkJSON.evidence(for:)))))
            members.append(.init(key: "notices", value: .array(item.notices.map(WorkJSON.notice(for:)))))
            members.append(.init(key: "reliedOnBy", value: .array(item.reliedOnBy.map { work, reliance in
                var entry = WorkJSON.entry(for: work).members
                entry.append(.init(key: "reliance", value: .string(reliance.rawValue)))
                return .object(entry)
            })))
            return .object(members)
        }).rendered(pretty: true)
    }

    /// `retracted --citing --json`.
    static func leaning(_ works: [LeaningWork]) -> String {
        JSONValue.array(works.map { item in
            var members = WorkJSON.entry(for: item.work).members
            members.append(.init(key: "depth", value: .number(item.depth)))
            members.append(.init(key: item.depth == 1 ? "citesRetracted" : "citesLeaningWorks", value: .array(item.cites.map(WorkJSON.entry(for:)))))
            if item.depth == 1 { members.append(.init(key: "listsRetractedAsSimilar", value: .array(item.listsAsSimilar.map(WorkJSON.entry(for:))))) }
            members.append(.init(key: "linkedReferences", value: .number(item.referenceCount)))
            return .object(members)
        }).rendered(pretty: true)
    }

    static func ingest(_ reports: [FileReport]) -> String {
        JSONValue.array(reports.map { report in
            let status: String
            var error: JSONValue?
            var since: JSONValue?
            switch report.status {
            case .ingested: status = "ingested"
            case .unchanged(let date): status = "unchanged"; since = .string(date)
            case .failed(let message): status = "failed"; error = .string(message)
            case .skipped(let message): status = "skipped"; error = .string(message)
            }
            let outcome = report.outcome
            return JSONValue.fields([
                "path": .string(report.path),
                "format": report.format.map { .string($0.rawValue) },
                "status": .string(status),
                "error": error,
                "unchangedSince": since,
                "records": .number(report.records),
                "resumedAfterRecords": report.resumedAfter.map { .number($0.records) },
                "added": .number(outcome.added),
                "updated": .number(outcome.updated),
                "merged": .number(outcome.merged),
                "stubsCreated": .number(outcome.stubsCreated),
                "pairsAdded": report.pairs.map { .number($0.added) },
                "pairsAlreadyHeld": report.pairs.map { .number($0.known) },
                "olderVersionsSkipped": .number(outcome.olderVersionsSkipped),
                "deleted": .number(outcome.deleted),
                "failed": .number(outcome.failed),
                "errors": .array(report.errors.map { .string($0.description) }),
                "warnings": .array((report.warnings + outcome.notes).map { .string($0.description) }),
            ])
        }).rendered(pretty: true)
    }
}
