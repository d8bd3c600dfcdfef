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
    /// Citations the NIH Open Citation Collection gave (PMID pairs; see `citation_pair`).
    public var citationPairs = 0
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
        try read { db in
            var stats = KnowledgeBaseStats()
            // Kept by triggers on every write (`tally` in schema.sql): a few rows at any size.
            for row in try Row.fetchAll(db, sql: "SELECT name, n FROM tally WHERE n <> 0") {
                let name: String = row["name"], count: Int = row["n"]
                switch name {
                case "works": stats.works = count
                case "stubs": stats.stubs = count
                case "unidentified-references": stats.unidentifiedReferences = count
                case "citation-pairs": stats.citationPairs = count
                default:
                    if name.hasPrefix("abstracts:") { stats.abstractsByLanguage[String(name.dropFirst(10))] = count }
                    if name.hasPrefix("links:") { stats.linksByKind[String(name.dropFirst(6))] = count }
                }
            }
            stats.records = stats.works - stats.stubs
            // Index searches in each branch of the view (schema.sql), however many works there are.
            stats.retractedWorks = try Int.fetchOne(db, sql: "SELECT count(DISTINCT work_id) FROM retraction_evidence WHERE NOT \(Graph.noticeSQL("work_id", .reinstatementIn))") ?? 0
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
