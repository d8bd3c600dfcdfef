import GRDB
import LitKBModel

/// What storing a file's citation pairs did.
public struct CitationPairOutcome: Sendable, Equatable {
    /// Pairs new to the knowledge base.
    public var added = 0
    /// Pairs it held already (from an earlier file, or twice in this one).
    public var known = 0
    /// Stubs made for PMIDs no work had.
    public var stubsCreated = 0

    public init() {}

    public mutating func add(_ other: CitationPairOutcome) {
        added += other.added
        known += other.known
        stubsCreated += other.stubsCreated
    }
}

/// Stores citation pairs (`citation_pair`, see schema.sql) a transaction per chunk, each with
/// the file's progress: a killed load resumes after its last commit, and a pair stored twice is
/// stored once. Every PMID a pair names gets a work, a stub when no record has come, so that
/// the pairs read back as any other link.
///
/// A load large beside what the table holds drops the index of cited PMIDs first and builds it
/// again at the end (`finish`): SQLite builds an index from sorted keys several times faster
/// than it inserts the same keys one by one in random order (BENCHMARKS.md), and that index
/// is the one the load would insert into at random. Until then `cited-by` reads scan.
public final class CitationPairLoad {
    private let store: KnowledgeBase
    private let source: SourceID
    /// PMIDs that have a work: read once from `work_pmid`, then kept as the load makes stubs.
    private var known = PMIDSet()
    public private(set) var outcome = CitationPairOutcome()
    /// Whether this load dropped the index of cited PMIDs, to build it again in `finish`.
    public let rebuildsIndex: Bool

    /// `expectedPairs`: about how many pairs the file holds, when its size tells (nil: unknown).
    init(store: KnowledgeBase, source: SourceID, expectedPairs: Int?) throws {
        self.store = store
        self.source = source
        var known = PMIDSet()
        var held = 0
        try store.queue.read { db in
            try FastStatement(db, "SELECT pmid FROM work WHERE pmid IS NOT NULL").query { known.insert($0.int(0)) }
            held = try Int.fetchOne(db, sql: "SELECT n FROM tally WHERE name = 'citation-pairs'") ?? 0
        }
        self.known = known
        rebuildsIndex = (expectedPairs ?? 0) >= max(CitationPairLoad.bulkThreshold, held / 2)
        if rebuildsIndex {
            try store.queue.write { db in try db.execute(sql: "DROP INDEX IF EXISTS citation_pair_cited") }
        }
    }

    static let rowsPerStatement = 64

    /// `INSERT OR IGNORE` of `rows` pairs: a pair already held is passed over, the others stored.
    static func insertPairSQL(rows: Int) -> String {
        "INSERT OR IGNORE INTO citation_pair (citing, cited) VALUES " + Array(repeating: "(?, ?)", count: rows).joined(separator: ", ")
    }

    /// A stub for each of `rows` PMIDs, ranked as the collection's mentions.
    static func insertStubSQL(rows: Int) -> String {
        "INSERT OR IGNORE INTO work (pmid, source_rank) VALUES "
            + Array(repeating: "(?, \(SourceFormat.nihOCC.mentionRank))", count: rows).joined(separator: ", ")
    }

    /// Inserts `rows` with `OR IGNORE` statements of `rowsPerStatement` rows each (the last
    /// shorter); the rows stored.
    private func insert<Row>(_ rows: some RandomAccessCollection<Row>, db: Database, sql: (Int) -> String,
                             bind: (FastStatement, Row) -> Void) throws -> Int {
        var stored = 0
        var start = rows.startIndex
        let full = try FastStatement(db, sql(Self.rowsPerStatement))
        while start < rows.endIndex {
            let end = rows.index(start, offsetBy: Self.rowsPerStatement, limitedBy: rows.endIndex) ?? rows.endIndex
            let count = rows.distance(from: start, to: end)
            let statement = count == Self.rowsPerStatement ? full : try FastStatement(db, sql(count))
            for row in rows[start..<end] { bind(statement, row) }
            try statement.run()
            stored += statement.changes
            start = end
        }
        return stored
    }

    /// A load of fewer pairs inserts into the index as it goes.
    static let bulkThreshold = 1_000_000

    /// Stores one chunk and the file's progress through it, in one transaction.
    @discardableResult
    public func write(_ pairs: [CitationPair], progress: SourceProgress) throws -> CitationPairOutcome {
        // In key order the inserts append to the table's B-tree (the collection comes sorted by
        // citing PMID; a file that does not is sorted here, a chunk at a time).
        var pairs = pairs
        if !pairs.isSorted() { pairs.sort() }
        let chunk = try store.queue.write { db -> CitationPairOutcome in
            var chunk = CitationPairOutcome()
            var made: [Int64] = []
            do {
                var previousCiting: Int64 = -1
                for pair in pairs {
                    if pair.citing != previousCiting, !known.contains(pair.citing) {
                        known.insert(pair.citing)
                        made.append(pair.citing)
                    }
                    previousCiting = pair.citing
                    if !known.contains(pair.cited) {
                        known.insert(pair.cited)
                        made.append(pair.cited)
                    }
                }
                // In PMID order, so that work_pmid takes them in its own order.
                made.sort()
                chunk.stubsCreated = try insert(made, db: db, sql: Self.insertStubSQL) { $0.bind($1) }
                try WorkDates.refreshStale(in: db)
                // 64 rows to a statement: one at a time, SQLite's per-statement work cost more
                // than the insert (measured in BENCHMARKS.md).
                chunk.added = try insert(pairs, db: db, sql: Self.insertPairSQL) { $0.bind($1.citing).bind($1.cited) }
                chunk.known = pairs.count - chunk.added
                try db.execute(sql: """
                    INSERT INTO tally (name, n) VALUES ('citation-pairs', ?1), ('works', ?2), ('stubs', ?2)
                    ON CONFLICT (name) DO UPDATE SET n = n + excluded.n
                    """, arguments: [chunk.added, chunk.stubsCreated])
                try progress.record(for: source, in: db)
            } catch {
                // The transaction rolls back: the stubs it made are not there.
                for pmid in made { known.remove(pmid) }
                throw error
            }
            return chunk
        }
        outcome.add(chunk)
        return chunk
    }

    /// Builds the index of cited PMIDs again if the load dropped it.
    public func finish() throws {
        guard rebuildsIndex else { return }
        let path = store.queue.path
        guard !path.isEmpty, path != ":memory:" else {
            try store.queue.write { db in try db.execute(sql: CitationPairLoad.indexSQL) }
            return
        }
        // On a connection of its own, whose sorter spills to temporary files on disk with a
        // helper thread: the store's connection keeps temporary data in memory (for its ingest
        // batches), where SQLite's sorter took 5.5–7 s to index 9.3 million pairs, against
        // 3.9–4.6 s this way (BENCHMARKS.md). The ingest lock keeps every other writer out.
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.prepareDatabase { db in
            _ = try Int.fetchOne(db, sql: "PRAGMA threads = 2")
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        let builder = try DatabaseQueue(path: path, configuration: configuration)
        try builder.write { db in try db.execute(sql: CitationPairLoad.indexSQL) }
        try builder.close()
    }

    static let indexSQL = "CREATE INDEX IF NOT EXISTS citation_pair_cited ON citation_pair(cited)"
}

extension KnowledgeBase {
    /// Starts storing the citation pairs of `source`.
    public func citationPairLoad(source: SourceID, expectedPairs: Int?) throws -> CitationPairLoad {
        try CitationPairLoad(store: self, source: source, expectedPairs: expectedPairs)
    }
}

/// A set of PMIDs as bits, 65,536 to a page: all of PubMed's 37 million fit in 6 MB, where a
/// hash set would take a gigabyte, and a lookup is a dictionary probe and a bit test.
struct PMIDSet {
    private var pages: [Int64: [UInt64]] = [:]

    func contains(_ pmid: Int64) -> Bool {
        guard let page = pages[pmid >> 16] else { return false }
        let bit = Int(pmid & 0xFFFF)
        return page[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    mutating func insert(_ pmid: Int64) {
        let bit = Int(pmid & 0xFFFF)
        pages[pmid >> 16, default: [UInt64](repeating: 0, count: 1024)][bit >> 6] |= 1 << UInt64(bit & 63)
    }

    mutating func remove(_ pmid: Int64) {
        let bit = Int(pmid & 0xFFFF)
        pages[pmid >> 16]?[bit >> 6] &= ~(1 << UInt64(bit & 63))
    }
}

extension Array where Element: Comparable {
    func isSorted() -> Bool {
        guard count > 1 else { return true }
        for index in 1..<count where self[index] < self[index - 1] { return false }
        return true
    }
}
