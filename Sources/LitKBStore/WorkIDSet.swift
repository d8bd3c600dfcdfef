/// A set of work ids as one bit per id, from 0 to the highest id of the knowledge base: 4.1M
/// works take 512 KB, and an AND, OR or NOT of two sets is a pass over their words, not a
/// search per id. Ids outside the range are never members.
struct WorkIDSet {
    private var words: [UInt64]
    let capacity: Int64

    /// An empty set for ids 0 ..< `capacity`.
    init(capacity: Int64) {
        self.capacity = max(capacity, 0)
        words = Array(repeating: 0, count: Int((self.capacity + 63) / 64))
    }

    @inline(__always)
    func contains(_ id: Int64) -> Bool {
        guard id >= 0, id < capacity else { return false }
        return words[Int(id >> 6)] & (1 << UInt64(id & 63)) != 0
    }

    @inline(__always)
    mutating func insert(_ id: Int64) {
        guard id >= 0, id < capacity else { return }
        words[Int(id >> 6)] |= 1 << UInt64(id & 63)
    }

    var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    var isEmpty: Bool { !words.contains { $0 != 0 } }

    mutating func formIntersection(_ other: WorkIDSet) {
        precondition(capacity == other.capacity)
        for index in words.indices { words[index] &= other.words[index] }
    }

    mutating func formUnion(_ other: WorkIDSet) {
        precondition(capacity == other.capacity)
        for index in words.indices { words[index] |= other.words[index] }
    }

    mutating func subtract(_ other: WorkIDSet) {
        precondition(capacity == other.capacity)
        for index in words.indices { words[index] &= ~other.words[index] }
    }

    /// Ids as a JSON array, for SQLite's `json_each` to hand a statement many works at once.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The members in ascending order.
    var ids: [Int64] {
        var ids: [Int64] = []
        ids.reserveCapacity(count)
        for (index, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                ids.append(Int64(index) << 6 | Int64(bits.trailingZeroBitCount))
                bits &= bits - 1
            }
        }
        return ids
    }
}
