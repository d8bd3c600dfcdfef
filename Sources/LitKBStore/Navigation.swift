import GRDB
import LitKBModel

/// A retracted work, why it is believed retracted, and the works in the knowledge base that
/// lean on it.
public struct RetractedWork: Hashable, Sendable {
    public enum Reliance: String, Hashable, Sendable, Codable {
        case cites
        /// Lists it among its similar articles.
        case listsAsSimilar = "lists-as-similar"
    }

    public var work: WorkSummary
    public var evidence: [RetractionEvidence]
    public var notices: [Notice]
    public var reliedOnBy: [(work: WorkSummary, reliance: Reliance)]

    public static func == (a: RetractedWork, b: RetractedWork) -> Bool {
        a.work == b.work && a.evidence == b.evidence && a.notices == b.notices
            && a.reliedOnBy.map(\.work) == b.reliedOnBy.map(\.work) && a.reliedOnBy.map(\.reliance) == b.reliedOnBy.map(\.reliance)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(work) }
}

extension KnowledgeBase {
    public enum ListKind: String, Sendable, CaseIterable {
        case similar, citedBy = "cited-by", references = "refs"
    }

    /// The work the user named, as a summary, with one of its lists.
    public func list(_ kind: ListKind, of identifier: WorkIdentifier) throws(StoreError) -> (work: WorkSummary, entries: [WorkSummary]) {
        do {
            return try read { db in
                let reader = WorkReader(db: db)
                let graph = Graph(db: db)
                guard let id = try reader.workID(for: identifier), let work = try graph.summary(of: id) else {
                    throw StoreError.notFound(identifier)
                }
                let entries = switch kind {
                case .similar: try graph.similar(of: id)
                case .citedBy: try graph.citedBy(of: id)
                case .references: try graph.references(of: id)
                }
                return (work, entries)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.database("\(error)")
        }
    }

    /// Every work known to be retracted, with its evidence and the works that cite it or list it
    /// as similar, ordered by PMID.
    public func retractedWorks() throws -> [RetractedWork] {
        try read { db in
            let graph = Graph(db: db)
            let ids = try Int64.fetchAll(db, sql: """
                SELECT DISTINCT e.work_id FROM retraction_evidence e JOIN work w ON w.id = e.work_id
                ORDER BY w.pmid IS NULL, w.pmid, w.id
                """)
            return try ids.compactMap { id in
                guard let work = try graph.summary(of: id) else { return nil }
                let reliance = try Row.fetchAll(db, sql: """
                    SELECT DISTINCT from_work, kind FROM link WHERE to_work = ? AND kind IN ('cites', 'similar') ORDER BY from_work, kind
                    """, arguments: [id]).compactMap { row -> (WorkSummary, RetractedWork.Reliance)? in
                    guard let summary = try graph.summary(of: row["from_work"]) else { return nil }
                    return (summary, (row["kind"] as String) == "cites" ? .cites : .listsAsSimilar)
                }
                return RetractedWork(work: work, evidence: try graph.retractionEvidence(of: id),
                                     notices: try graph.notices(of: id).filter { $0.kind == .retractionIn || $0.kind == .partialRetractionIn },
                                     reliedOnBy: reliance)
            }
        }
    }
}
