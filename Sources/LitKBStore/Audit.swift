import GRDB
import LitKBModel

/// How an entry of someone's bibliography was found in the knowledge base.
public enum AuditMatch: String, Hashable, Sendable {
    case doi, pmid, pmcid
    /// No identifier found it; its title and year did, folded as a reference's are.
    case titleAndYear = "title-and-year"
}

/// A file the knowledge base was built from, for a report to say what its answer rests on.
public struct IngestedFile: Hashable, Sendable {
    public var path: String
    public var format: SourceFormat
    /// Of its content: the same file under another name is the same.
    public var sha256: String
    public var records: Int
    public var ingestedAt: String
    public var complete: Bool
}

extension KnowledgeBase {
    /// The work an entry of a bibliography names: by its DOI, else its PMID, else its PMCID,
    /// else its title and year; with how it was found. Nil when nothing names it.
    public func find(ids: Identifiers, title: String?, year: Int?) throws -> (work: WorkDetail, matchedBy: AuditMatch)? {
        try read { db in
            let reader = WorkReader(db: db)
            let tries: [(WorkIdentifier?, AuditMatch)] = [(ids.doi.map(WorkIdentifier.doi), .doi), (ids.pmid.map(WorkIdentifier.pmid), .pmid),
                                                          (ids.pmcid.map(WorkIdentifier.pmcid), .pmcid)]
            for case let (identifier?, how) in tries {
                if let id = try reader.workID(for: identifier), let work = try reader.detail(of: id) { return (work, how) }
            }
            guard let key = TitleKey.make(title: title, year: year) else { return nil }
            // A work with its own record before a stub cited the same way.
            guard let id = try Int64.fetchOne(db, sql: """
                SELECT id FROM work INDEXED BY work_title_key WHERE title_key = ? ORDER BY source_rank DESC, id LIMIT 1
                """, arguments: [key]), let work = try reader.detail(of: id) else { return nil }
            return (work, .titleAndYear)
        }
    }

    /// Every file ingested, oldest first.
    public func ingestedFiles() throws -> [IngestedFile] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT path, format, sha256, records, ingested_at, completed_at FROM source_file ORDER BY ingested_at, id").map { row in
                IngestedFile(path: row["path"], format: SourceFormat(rawValue: row["format"]) ?? .pageText, sha256: row["sha256"], records: row["records"],
                             ingestedAt: row["ingested_at"], complete: (row["completed_at"] as String?) != nil)
            }
        }
    }
}
