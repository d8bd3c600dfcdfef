import GRDB
import LitKBModel

/// Which way a citation is followed: to the works a work cites, or to the works citing it.
public enum CitationDirection: String, Hashable, Sendable, Codable, CaseIterable {
    case backward, forward
}

/// A work a chase reached: from which seeds, which ways, and how few steps it took.
public struct ChasedWork: Hashable, Sendable {
    public var work: WorkSummary
    /// The seeds it was reached from, in seed order.
    public var seeds: [WorkSummary]
    public var directions: Set<CitationDirection>
    /// The fewest steps from a seed: 1 for a seed's own references or citers.
    public var depth: Int
}

/// What `KnowledgeBase.chase` found.
public struct CitationChase: Sendable {
    public var seeds: [WorkSummary]
    /// Identifiers no work in the knowledge base has.
    public var notFound: [WorkIdentifier]
    /// Every work reached, seeds and excluded works left out, closest first (then PMID).
    public var found: [ChasedWork]
    /// Distinct works reached backward (references), forward (citing works), before exclusion.
    public var references: Int
    public var citing: Int
    /// Works reached that `exclude` named, and so left out.
    public var excluded: Int
}

/// Works related to one by shared citations: how many times each was cited together with it,
/// or how many references each shares with it.
public struct RelatedWork: Hashable, Sendable {
    public var work: WorkSummary
    public var overlap: Int
}

/// One step of a citation path.
public struct PathStep: Hashable, Sendable {
    public var work: WorkSummary
    /// How the step's work is reached from the one before: it is cited by it (`backward`, the
    /// one before cites it) or cites it (`forward`). Nil for the first work.
    public var direction: CitationDirection?
}

/// The citation graph both ways, every source at once: `cites` links (reference lists, pages'
/// cited-by lists) and the NIH Open Citation Collection's pairs, each edge once, self-citations
/// left out.
struct CitationNeighbours {
    let db: Database

    func references(of id: Int64) throws -> [Int64] { try neighbours(id, .backward) }
    func citing(_ id: Int64) throws -> [Int64] { try neighbours(id, .forward) }

    func neighbours(_ id: Int64, _ direction: CitationDirection) throws -> [Int64] {
        var ids: [Int64] = []
        try FastStatement(db, "SELECT id FROM (\(Graph.citationNeighboursSQL("?1", forward: direction == .forward))) WHERE id <> ?1")
            .bind(id).query { ids.append($0.int(0)) }
        return ids
    }
}

extension KnowledgeBase {
    /// Citation chasing from `seeds`: their references (`backward`) and citing works
    /// (`forward`), and with `depth` 2 or more those of the works found, the same way on.
    /// Each work found once, with every seed and direction that reached it; works `exclude`
    /// names (already screened) are left out of the results but still followed.
    public func chase(_ seeds: [WorkIdentifier], directions: Set<CitationDirection>, depth: Int,
                      exclude: [WorkIdentifier] = []) throws -> CitationChase {
        try read { db in
            let reader = WorkReader(db: db)
            let graph = Graph(db: db)
            let neighbours = CitationNeighbours(db: db)
            var seedIDs: [Int64] = [], notFound: [WorkIdentifier] = []
            for seed in seeds {
                if let id = try reader.workID(for: seed) {
                    if !seedIDs.contains(id) { seedIDs.append(id) }
                } else {
                    notFound.append(seed)
                }
            }
            let excluded = Set(try exclude.compactMap { try reader.workID(for: $0) })
            let seedSet = Set(seedIDs)
            struct Reach { var seeds: Set<Int64> = []; var directions: Set<CitationDirection> = []; var depth = Int.max }
            var reached: [Int64: Reach] = [:]
            var reachedBy: [CitationDirection: Set<Int64>] = [.backward: [], .forward: []]
            for direction in CitationDirection.allCases where directions.contains(direction) {
                // Each frontier entry carries the seeds it came from, so that a work reached
                // through another seed's results names both.
                var frontier: [Int64: Set<Int64>] = Dictionary(uniqueKeysWithValues: seedIDs.map { ($0, [$0]) })
                var seen = seedSet
                for level in 1...max(1, depth) {
                    var next: [Int64: Set<Int64>] = [:]
                    for (id, from) in frontier.sorted(by: { $0.key < $1.key }) {
                        for other in try neighbours.neighbours(id, direction) where !seedSet.contains(other) {
                            reached[other, default: Reach()].seeds.formUnion(from)
                            reached[other]!.directions.insert(direction)
                            reached[other]!.depth = min(reached[other]!.depth, level)
                            reachedBy[direction]!.insert(other)
                            if !seen.contains(other) { next[other, default: []].formUnion(from) }
                        }
                    }
                    seen.formUnion(next.keys)
                    frontier = next
                    if frontier.isEmpty { break }
                }
            }
            let summary = SummaryCache(graph).summary
            let seedSummaries = try seedIDs.compactMap(summary)
            var found: [ChasedWork] = []
            for (id, reach) in reached where !excluded.contains(id) {
                guard let work = try summary(id) else { continue }
                found.append(ChasedWork(work: work, seeds: try seedIDs.filter(reach.seeds.contains).compactMap(summary),
                                        directions: reach.directions, depth: reach.depth))
            }
            found.sort { a, b in
                if a.depth != b.depth { return a.depth < b.depth }
                if a.seeds.count != b.seeds.count { return a.seeds.count > b.seeds.count }
                return a.work.sortKey < b.work.sortKey
            }
            return CitationChase(seeds: seedSummaries, notFound: notFound, found: found,
                                 references: reachedBy[.backward]!.count, citing: reachedBy[.forward]!.count,
                                 excluded: reached.keys.filter(excluded.contains).count)
        }
    }

    /// Co-citation (works most often cited together with the work: both in one reference list)
    /// and bibliographic coupling (works sharing most references with it), each with its
    /// overlap count, most first (then PMID), at most `limit` of each.
    public func related(_ identifier: WorkIdentifier, limit: Int = 20) throws -> (work: WorkSummary, coCited: [RelatedWork], coupled: [RelatedWork]) {
        try read { db in
            let graph = Graph(db: db)
            let neighbours = CitationNeighbours(db: db)
            guard let id = try WorkReader(db: db).workID(for: identifier), let work = try graph.summary(of: id) else {
                throw StoreError.notFound(identifier)
            }
            func overlap(first: CitationDirection, then second: CitationDirection) throws -> [RelatedWork] {
                var counts: [Int64: Int] = [:]
                for middle in try neighbours.neighbours(id, first) {
                    for other in try neighbours.neighbours(middle, second) where other != id { counts[other, default: 0] += 1 }
                }
                var ranked: [RelatedWork] = []
                for (other, count) in counts {
                    guard let summary = try graph.summary(of: other) else { continue }
                    ranked.append(RelatedWork(work: summary, overlap: count))
                }
                ranked.sort { $0.overlap != $1.overlap ? $0.overlap > $1.overlap : $0.work.sortKey < $1.work.sortKey }
                return Array(ranked.prefix(limit))
            }
            // Co-cited: the references of the works citing it. Coupled: the citers of its references.
            return (work, try overlap(first: .forward, then: .backward), try overlap(first: .backward, then: .forward))
        }
    }

    /// The shortest chain of citations between two works, following citations either way
    /// (A cites X, which Y cites, ...), at most `maximumLength` steps; nil when there is none.
    /// Searched from both ends at once, the smaller side a step at a time.
    public func citationPath(from start: WorkIdentifier, to end: WorkIdentifier, maximumLength: Int = 6) throws -> [PathStep]? {
        try read { db in
            let reader = WorkReader(db: db)
            let graph = Graph(db: db)
            let neighbours = CitationNeighbours(db: db)
            guard let a = try reader.workID(for: start) else { throw StoreError.notFound(start) }
            guard let b = try reader.workID(for: end) else { throw StoreError.notFound(end) }
            func summary(_ id: Int64) throws -> WorkSummary {
                guard let found = try graph.summary(of: id) else { throw StoreError.notFound(start) }
                return found
            }
            if a == b { return [PathStep(work: try summary(a), direction: nil)] }
            // For each work reached, the work it was reached from and how (the direction from
            // the start's side towards the end).
            var fromStart: [Int64: (Int64, CitationDirection)?] = [a: nil], fromEnd: [Int64: (Int64, CitationDirection)?] = [b: nil]
            var startFrontier = [a], endFrontier = [b]
            var depthFromStart: [Int64: Int] = [a: 0], depthFromEnd: [Int64: Int] = [b: 0]
            var meeting: Int64?
            var length = 0
            while meeting == nil, length < maximumLength, !startFrontier.isEmpty, !endFrontier.isEmpty {
                let expandStart = startFrontier.count <= endFrontier.count
                let level = (expandStart ? depthFromStart[startFrontier[0]]! : depthFromEnd[endFrontier[0]]!) + 1
                var next: [Int64] = []
                // Every meeting of this level, the shortest whole chain kept: the other side's
                // works met may lie at different depths.
                var best: (id: Int64, length: Int)?
                for id in (expandStart ? startFrontier : endFrontier) {
                    for direction in CitationDirection.allCases {
                        for other in try neighbours.neighbours(id, direction) {
                            if expandStart {
                                guard fromStart[other] == nil else { continue }
                                fromStart[other] = (id, direction)
                                depthFromStart[other] = level
                                if let rest = depthFromEnd[other], best == nil || level + rest < best!.length { best = (other, level + rest) }
                            } else {
                                guard fromEnd[other] == nil else { continue }
                                // Seen from the start's side, the step from `other` to `id` goes the other way.
                                fromEnd[other] = (id, direction == .backward ? .forward : .backward)
                                depthFromEnd[other] = level
                                if let rest = depthFromStart[other], best == nil || level + rest < best!.length { best = (other, level + rest) }
                            }
                            next.append(other)
                        }
                    }
                }
                length += 1
                if let best, best.length <= maximumLength { meeting = best.id }
                if best != nil, meeting == nil { return nil }
                if expandStart { startFrontier = next } else { endFrontier = next }
            }
            guard let meeting else { return nil }
            var path: [PathStep] = []
            var id = meeting
            var steps: [(Int64, CitationDirection?)] = [(meeting, nil)]
            while case let (previous, direction)?? = fromStart[id] {
                steps[0].1 = direction
                steps.insert((previous, nil), at: 0)
                id = previous
            }
            id = meeting
            while case let (following, direction)?? = fromEnd[id] {
                steps.append((following, direction))
                id = following
            }
            for (id, direction) in steps { path.append(PathStep(work: try summary(id), direction: direction)) }
            return path
        }
    }
}

extension WorkSummary {
    /// PMID order, works without one after (by DOI, then title).
    var sortKey: String {
        if let pmid { return String(repeating: "0", count: max(0, 12 - String(pmid.value).count)) + String(pmid.value) }
        return "~" + (doi?.value ?? "") + "|" + (title ?? "")
    }
}
