/// The best matches of a query by BM25, gathered by `litkb_top` as FTS5 walks the matches:
/// a heap of the best `capacity` so far, so a query's first page costs one pass over its
/// matches and no sort of all of them.
final class TopMatches {
    private struct Entry {
        var key: Double
        var rowid: Int64
    }

    let capacity: Int
    /// Whether a query of one phrase is walked through xQueryPhrase (see
    /// `FullTextRank.rowScore`). Not a prefix: FTS5 merges a prefix's doclists when a query
    /// starts, and the walk would merge them a second time (35 ms for `immun*` at 1M records).
    let walksOnePhrase: Bool
    private var heap: UnsafeMutablePointer<Entry>
    private var count = 0
    private(set) var seen: Int64 = 0
    private var rows: Int64 = 0
    private var idfDeferred = false
    /// The highest key of a match not kept, and the highest below that one: what `ranked`
    /// needs to know that no match left out shares a kept one's score.
    private var excluded = -Double.infinity
    private var excludedBelow = -Double.infinity

    /// The works a match must be one of to be ranked (a Boolean query's, its words ranked):
    /// any other is counted and passed over before its score is computed.
    let admitted: WorkIDSet?

    init(capacity: Int, walksOnePhrase: Bool, admitted: WorkIDSet? = nil) {
        self.capacity = max(capacity, 1)
        self.walksOnePhrase = walksOnePhrase
        self.admitted = admitted
        heap = .allocate(capacity: self.capacity)
    }

    deinit { heap.deallocate() }

    func begin(rows: Int64, idfDeferred: Bool) {
        self.rows = rows
        self.idfDeferred = idfDeferred
    }

    /// Whether `a` ranks above `b`: higher BM25, then lower rowid (FTS5 walks rowids upward,
    /// so a later match with an equal key ranks below).
    @inline(__always)
    private static func above(_ a: Entry, _ b: Entry) -> Bool { a.key > b.key || (a.key == b.key && a.rowid < b.rowid) }

    /// Whether the match `rowid` is passed over (not admitted); counted then, as every match is.
    @inline(__always)
    func passesOver(_ rowid: Int64) -> Bool {
        guard let admitted, !admitted.contains(rowid) else { return false }
        seen += 1
        return true
    }

    @inline(__always)
    func offer(_ key: Double, _ rowid: Int64) {
        seen += 1
        let entry = Entry(key: key, rowid: rowid)
        if count < capacity {
            // Sift up: the root is the lowest-ranked entry.
            var index = count
            count += 1
            while index > 0 {
                let parent = (index - 1) / 2
                guard Self.above(heap[parent], entry) else { break }
                heap[index] = heap[parent]
                index = parent
            }
            heap[index] = entry
        } else if !Self.above(entry, heap[0]) {
            exclude(key)
        } else {
            exclude(heap[0].key)
            var index = 0
            while true {
                let left = 2 * index + 1
                guard left < count else { break }
                var lowest = left
                if left + 1 < count, Self.above(heap[left], heap[left + 1]) { lowest = left + 1 }
                guard Self.above(entry, heap[lowest]) else { break }
                heap[index] = heap[lowest]
                index = lowest
            }
            heap[index] = entry
        }
    }

    @inline(__always)
    private func exclude(_ key: Double) {
        if key > excluded {
            excludedBelow = excluded
            excluded = key
        } else if key < excluded, key > excludedBelow {
            excludedBelow = key
        }
    }

    /// The best `limit` matches, best first, with the score FTS5's bm25 gives each (negative,
    /// lower is better). Nil when a match left out may share the last one's score and come
    /// before it by rowid: with IDF deferred, the heap ranked by term frequency alone, and two
    /// different keys can round to one score once multiplied by the IDF.
    func ranked(limit: Int) -> [(id: Int64, score: Double)]? {
        let idf = idfDeferred ? FullTextRank.idf(rows: rows, hits: seen) : 1.0
        func score(_ key: Double) -> Double { -1.0 * (idfDeferred ? 0.0 + idf * key : key) }
        var entries = (0..<count).map { (id: heap[$0].rowid, score: score(heap[$0].key), key: heap[$0].key) }
        entries.sort { $0.score < $1.score || ($0.score == $1.score && $0.id < $1.id) }
        if idfDeferred, limit > 0, limit <= entries.count {
            // A match left out with the last one's very key came after it by rowid (the heap's
            // own order); one with a lower key must score strictly worse.
            let last = entries[limit - 1]
            let rival = excluded == last.key ? excludedBelow : excluded
            if rival > -Double.infinity, score(rival) <= last.score { return nil }
        }
        return entries.prefix(limit).map { ($0.id, $0.score) }
    }
}
