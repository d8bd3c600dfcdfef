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
        try works(withStatus: StatusFilter())
    }

    /// The works whose status is one of `filter.statuses`, with their evidence, their notices
    /// and the works that cite them or list them as similar, ordered by PMID.
    public func works(withStatus filter: StatusFilter) throws -> [RetractedWork] {
        try read { db in
            let graph = Graph(db: db)
            // Candidates from the notices' index (link_notice) and the evidence's; each one's
            // status is then asked as a list's mark is.
            var branches: [String] = []
            if !filter.statuses.isDisjoint(with: [.retracted, .reinstated]) { branches.append("SELECT work_id AS id FROM retraction_evidence") }
            let kinds = filter.statuses.flatMap(\.noticeKinds)
            if !kinds.isEmpty {
                let incoming = kinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                let outgoing = kinds.compactMap(\.inverse).map { "'\($0.rawValue)'" }.joined(separator: ", ")
                branches.append("SELECT from_work AS id FROM link WHERE kind IN (\(incoming)) AND kind NOT IN ('cites', 'similar')")
                branches.append("SELECT to_work AS id FROM link WHERE kind IN (\(outgoing)) AND kind NOT IN ('cites', 'similar')")
            }
            guard !branches.isEmpty else { return [] }
            let wanted = filter.statuses.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let ids = try Int64.fetchAll(db, sql: """
                SELECT c.id FROM (\(branches.joined(separator: " UNION "))) c JOIN work w ON w.id = c.id
                WHERE \(Graph.statusSQL("c.id")) IN (\(wanted))
                ORDER BY w.pmid IS NULL, w.pmid, w.id
                """)
            let noticeKinds = Set(WorkStatus.noticeKindsByGravity)
            return try ids.compactMap { id -> RetractedWork? in
                guard let work = try graph.summary(of: id) else { return nil }
                let notices = try graph.notices(of: id).filter { noticeKinds.contains($0.kind) }
                let evidence = try graph.retractionEvidence(of: id)
                if let since = filter.since?.iso {
                    let statusKinds = work.status?.noticeKinds ?? []
                    guard notices.contains(where: { statusKinds.contains($0.kind) && ($0.date?.iso ?? "") >= since }) else { return nil }
                }
                if let reason = filter.reason?.lowercased(), !reason.isEmpty {
                    let texts = notices.flatMap { [$0.detail, $0.citation] } + evidence.map(\.detail)
                    guard texts.contains(where: { $0?.lowercased().contains(reason) ?? false }) else { return nil }
                }
                // The NIH Open Citation Collection's citations too (citation_pair, by PMID).
                let reliance = try Row.fetchAll(db, sql: """
                    SELECT from_work, kind FROM link WHERE to_work = ?1 AND kind IN ('cites', 'similar')
                    UNION
                    SELECT c.id, 'cites' FROM citation_pair p JOIN work c ON c.pmid = p.citing
                    WHERE p.cited = (SELECT pmid FROM work WHERE id = ?1)
                    ORDER BY 1, 2
                    """, arguments: [id]).compactMap { row -> (WorkSummary, RetractedWork.Reliance)? in
                    guard let summary = try graph.summary(of: row["from_work"]) else { return nil }
                    return (summary, (row["kind"] as String) == "cites" ? .cites : .listsAsSimilar)
                }
                return RetractedWork(work: work, evidence: evidence, notices: notices, reliedOnBy: reliance)
            }
        }
    }
}

/// Which works `KnowledgeBase.works(withStatus:)` lists.
public struct StatusFilter: Sendable {
    public var statuses: Set<WorkStatus>
    /// Only works with a notice of their status dated on or after this (works whose status rests
    /// on an undated flag or publication type alone are left out).
    public var since: PartialDate?
    /// Only works whose notices or evidence mention this text (any case): Retraction Watch's
    /// reasons, a notice's citation.
    public var reason: String?

    public init(statuses: Set<WorkStatus> = [.retracted], since: PartialDate? = nil, reason: String? = nil) {
        self.statuses = statuses
        self.since = since
        self.reason = reason
    }
}


/// A work that cites or lists a retracted work (depth 1), or cites such a work (depth 2).
public struct LeaningWork: Hashable, Sendable {
    public var work: WorkSummary
    public var depth: Int
    /// Depth 1: the retracted works it cites; depth 2: the depth-1 works it cites.
    public var cites: [WorkSummary]
    /// Depth 1: the retracted works it lists as similar without citing them.
    public var listsAsSimilar: [WorkSummary]
    /// Its references in all (linked ones), to weigh how much it leans.
    public var referenceCount: Int
}

extension KnowledgeBase {
    /// The works that lean on a retracted work: those citing or listing one, ordered by how many
    /// of their references are retracted (then the share of their references, then PMID); with
    /// `depth` 2, then the works citing those, ordered by how many of them each cites.
    public func worksLeaningOnRetracted(depth: Int = 1) throws -> [LeaningWork] {
        try read { db in
            let graph = Graph(db: db)
            let summary = SummaryCache(graph).summary
            var cited: [Int64: [Int64]] = [:], listed: [Int64: [Int64]] = [:]
            // Citations from the works' lists and from the NIH Open Citation Collection alike.
            try FastStatement(db, """
                WITH r(id) AS (SELECT DISTINCT work_id FROM retraction_evidence WHERE NOT \(Graph.noticeSQL("work_id", .reinstatementIn)))
                SELECT l.from_work, l.to_work, l.kind = 'cites' FROM link l JOIN r ON l.to_work = r.id
                WHERE l.kind IN ('cites', 'similar') AND l.from_work <> l.to_work
                UNION
                SELECT c.id, r.id, 1 FROM r JOIN work w ON w.id = r.id JOIN citation_pair p ON p.cited = w.pmid
                JOIN work c ON c.pmid = p.citing
                WHERE c.id <> r.id
                ORDER BY 1, 2
                """).query { row in
                if row.bool(2) { cited[row.int(0), default: []].append(row.int(1)) } else { listed[row.int(0), default: []].append(row.int(1)) }
            }
            func references(_ id: Int64) throws -> Int {
                var count = 0
                try FastStatement(db, "SELECT count(*) FROM (\(Graph.citationNeighboursSQL("?1")))").bind(id).query { count = Int($0.int(0)) }
                return count
            }
            var first: [LeaningWork] = []
            for id in Set(cited.keys).union(listed.keys) {
                guard let work = try summary(id) else { continue }
                let citedIDs = Array(Set(cited[id] ?? [])).sorted()
                let listedIDs = Array(Set(listed[id] ?? []).subtracting(citedIDs)).sorted()
                first.append(LeaningWork(work: work, depth: 1, cites: try citedIDs.compactMap(summary), listsAsSimilar: try listedIDs.compactMap(summary),
                                         referenceCount: try references(id)))
            }
            first.sort { a, b in
                if a.cites.count != b.cites.count { return a.cites.count > b.cites.count }
                let shareA = Double(a.cites.count) / Double(max(1, a.referenceCount)), shareB = Double(b.cites.count) / Double(max(1, b.referenceCount))
                if shareA != shareB { return shareA > shareB }
                if a.listsAsSimilar.count != b.listsAsSimilar.count { return a.listsAsSimilar.count > b.listsAsSimilar.count }
                return (a.work.pmid?.value ?? .max, a.work.doi?.value ?? "") < (b.work.pmid?.value ?? .max, b.work.doi?.value ?? "")
            }
            guard depth >= 2 else { return first }
            let firstIDs = Set(cited.keys).union(listed.keys)
            var citing: [Int64: [Int64]] = [:]
            let neighbours = CitationNeighbours(db: db)
            for id in cited.keys.sorted() {
                for from in try neighbours.citing(id) where !firstIDs.contains(from) { citing[from, default: []].append(id) }
            }
            var second: [LeaningWork] = []
            for (id, via) in citing {
                guard let work = try summary(id) else { continue }
                second.append(LeaningWork(work: work, depth: 2, cites: try via.sorted().compactMap(summary), listsAsSimilar: [], referenceCount: try references(id)))
            }
            second.sort { a, b in
                if a.cites.count != b.cites.count { return a.cites.count > b.cites.count }
                return (a.work.pmid?.value ?? .max, a.work.doi?.value ?? "") < (b.work.pmid?.value ?? .max, b.work.doi?.value ?? "")
            }
            return first + second
        }
    }
}
