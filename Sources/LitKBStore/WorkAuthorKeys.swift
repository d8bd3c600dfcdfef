import GRDB

/// The start of each work's first author's name, 4,096 works to a row of `work_author_key`
/// (schema.sql), for putting a search's works in first-author order: `--sort first-author`
/// read each match's first author from the author table, twice (`spa[la] OR fre[la]`, 32,500
/// works at 1M records: 87 ms).
///
/// A work's key is the first four bytes of the name its sort reads (`SearchOrder.firstAuthor`:
/// the family name, else the group's, of its first author), ASCII letters lowered as NOCASE
/// lowers them, read big-endian and padded with zeros; `UInt32.max` for a work without one.
/// Keys in order never contradict the names in order (a smaller key is a smaller name), so the
/// page's works are among those whose key is at most the page's last key, and only those are
/// sorted by the whole name. The blocks are rewritten by each batch with the flags' blocks
/// (those whose works' collections it wrote or moved, added or deleted).
enum WorkAuthorKeys {
    static let none = UInt32.max

    /// The key of a name as the sort compares it.
    static func key(_ name: String?) -> UInt32 {
        guard let name else { return none }
        var key: UInt32 = 0
        var count = 0
        for byte in name.utf8.prefix(4) {
            let lowered = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
            key = key << 8 | UInt32(lowered)
            count += 1
        }
        return key << (8 * UInt32(4 - count))
    }

    // MARK: Keeping the blocks

    static func refresh(blocks: [Int64], in db: Database) throws {
        try WorkBlocks.write(blocks, into: "work_author_key", column: "keys", db) { try keys(ofBlock: $0, db) }
    }

    /// Every block written again from the author table: a new or repaired `work_author_key`.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM work_author_key")
        try refresh(blocks: try WorkBlocks.every(db), in: db)
    }

    /// One block's keys as the author table gives them; nil for a block without authors.
    private static func keys(ofBlock block: Int64, _ db: Database) throws -> [UInt8]? {
        var keys = [UInt32](repeating: none, count: WorkBlocks.size)
        var any = false
        var previous: Int64 = -1
        let first = block << Int64(WorkBlocks.shift)
        // A work's first author is its row of least position: the first row of each work here.
        try FastStatement(db, "SELECT work_id, coalesce(family, collective) FROM author WHERE work_id BETWEEN ? AND ? ORDER BY work_id, position")
            .bind(first).bind(first + Int64(WorkBlocks.size) - 1).query { row in
                let work = row.int(0)
                guard work != previous else { return }
                previous = work
                any = true
                keys[Int(work - first)] = key(row.text(1))
            }
        return any ? WorkBlocks.bytes(keys) : nil
    }

    /// Where `work_author_key` differs from the author table, described; empty when they agree.
    static func mismatches(_ db: Database) throws -> [String] {
        let (differing, extra) = try WorkBlocks.mismatches(in: "work_author_key", column: "keys", db) { try keys(ofBlock: $0, db) }
        return differing.map { "\(WorkBlocks.describe($0)): their first authors' keys in work_author_key differ from the author table" }
            + extra.map { "work_author_key holds block \($0), where there are no works" }
    }

    // MARK: Reading them

    /// The works of `ids` (ascending) that can be among the first `through` in first-author
    /// order: every one whose key is at most the `through`-th smallest key. Nil when the blocks
    /// cannot be read (a date block marked stale: a write outside a batch), or the `through`-th
    /// work has no first author (the works without one come last: every match is sorted).
    static func first(of ids: [Int64], through: Int, _ db: Database) throws -> [Int64]? {
        guard through > 0, through <= ids.count, try WorkBlocks.areCurrent(db) else { return nil }
        var keys: [UInt32] = []
        keys.reserveCapacity(ids.count)
        try WorkBlocks.values(of: ids, UInt32.self, from: "SELECT keys FROM work_author_key WHERE block = ?", db) { keys.append($1 ?? none) }
        var sorted = keys
        sorted.sort()
        let last = sorted[through - 1]
        guard last != none else { return nil }
        return zip(ids, keys).compactMap { $0.1 <= last ? $0.0 : nil }
    }
}
