import GRDB
import LitKBModel

/// Counts that describe a knowledge base.
public struct KnowledgeBaseStats: Hashable, Sendable, Codable {
    public var works = 0
    /// Works with a record of their own.
    public var records = 0
    /// Works known only from lists, references and notices.
    public var stubs = 0
    public var abstractsByLanguage: [String: Int] = [:]
    /// Distinct edges per link kind (an edge asserted by two sources counts once).
    public var linksByKind: [String: Int] = [:]
    /// References given only as text, with no identifier, title or date: kept with the citing
    /// record, not as works (see `unidentified_reference` in schema.sql); one per text and work,
    /// as `refs` lists them.
    public var unidentifiedReferences = 0
    public var retractedWorks = 0
    public var sourcesByFormat: [String: Int] = [:]
    public var sources = 0
    /// Files whose ingest started and did not finish (killed, or a write failed): what they hold
    /// is partly stored, and `litkb ingest` of the same file resumes them.
    public var incompleteSources: [IncompleteSource] = []
    public var schemaVersion = 0
}

extension KnowledgeBase {
    public func stats() throws -> KnowledgeBaseStats {
        try queue.read { db in
            var stats = KnowledgeBaseStats()
            stats.works = try Int.fetchOne(db, sql: "SELECT count(*) FROM work") ?? 0
            stats.stubs = try Int.fetchOne(db, sql: "SELECT count(*) FROM work WHERE source_rank <= ?", arguments: [WorkMention.rank]) ?? 0
            stats.records = stats.works - stats.stubs
            for row in try Row.fetchAll(db, sql: "SELECT coalesce(language, 'und') AS language, count(*) AS n FROM abstract GROUP BY 1") {
                stats.abstractsByLanguage[row["language"]] = row["n"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT kind, count(*) AS n FROM (SELECT DISTINCT kind, from_work, to_work FROM link) GROUP BY kind
                """) {
                stats.linksByKind[row["kind"]] = row["n"]
            }
            stats.unidentifiedReferences = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT DISTINCT work_id, citation_key FROM unidentified_reference)") ?? 0
            stats.retractedWorks = try Int.fetchOne(db, sql: "SELECT count(DISTINCT work_id) FROM retraction_evidence") ?? 0
            for row in try Row.fetchAll(db, sql: "SELECT format, count(*) AS n FROM source_file GROUP BY format") {
                stats.sourcesByFormat[row["format"]] = row["n"]
            }
            stats.sources = stats.sourcesByFormat.values.reduce(0, +)
            stats.incompleteSources = try incompleteSources(db)
            stats.schemaVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            return stats
        }
    }
}
