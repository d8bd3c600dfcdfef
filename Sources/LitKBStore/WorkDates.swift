import GRDB
import GRDBSQLite

/// Every work's publication date, 4,096 works to a row of `work_date` (schema.sql), for putting
/// a search's works in date order: reading a date from the work's row is a search of the work
/// table per work (1 to 2 µs; `therapy[sh]`'s 31,960 works at 1M records sorted in 75 ms),
/// reading it from these blocks a few nanoseconds and a block per 4,096 ids.
///
/// The date is the one `work_by_publication_date` indexes (DateRange.publication, yyyymmdd), 0
/// for a work without one. Triggers mark the blocks a change to the work table touches
/// (`work_date_stale`); the writer rewrites them before its transaction commits, and a search
/// reads the blocks only while no block is marked.
enum WorkDates {
    static let blockShift = WorkBlocks.shift
    static let blockSize = WorkBlocks.size

    // MARK: Keeping the blocks

    /// Rewrites the blocks marked stale, clears the marks, and returns the blocks.
    @discardableResult
    static func refreshStale(in db: Database) throws -> [Int64] {
        let stale = try Int64.fetchAll(db, sql: "SELECT block FROM work_date_stale")
        guard !stale.isEmpty else { return [] }
        try write(blocks: stale, in: db)
        try db.execute(sql: "DELETE FROM work_date_stale")
        return stale
    }

    /// Every block written again from the work table: a new or repaired `work_date`.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM work_date")
        try write(blocks: try WorkBlocks.every(db), in: db)
        try db.execute(sql: "DELETE FROM work_date_stale")
    }

    private static func write(blocks: [Int64], in db: Database) throws {
        try WorkBlocks.write(blocks, into: "work_date", column: "dates", db) { try dates(ofBlock: $0, db) }
    }

    /// One block's dates as the work table gives them; nil for a block without works.
    private static func dates(ofBlock block: Int64, _ db: Database) throws -> [UInt8]? {
        var dates = [UInt32](repeating: 0, count: blockSize)
        var any = false
        let first = block << Int64(blockShift)
        try FastStatement(db, "SELECT id, \(DateRange.publication("")) FROM work WHERE id BETWEEN ? AND ?")
            .bind(first).bind(first + Int64(blockSize) - 1).query { row in
                any = true
                if !row.isNull(1) { dates[Int(row.int(0) - first)] = UInt32(clamping: max(row.int(1), 0)) }
            }
        return any ? WorkBlocks.bytes(dates) : nil
    }

    /// Where `work_date` differs from the work table, described; empty when they agree. For
    /// `litkb check`.
    static func mismatches(_ db: Database) throws -> [String] {
        var problems: [String] = []
        let stale = try Int.fetchOne(db, sql: "SELECT count(*) FROM work_date_stale") ?? 0
        if stale > 0 { problems.append("\(stale) blocks of dates are marked stale after their batch ended: searches sort without them") }
        let (differing, extra) = try WorkBlocks.mismatches(in: "work_date", column: "dates", db) { try dates(ofBlock: $0, db) }
        problems += differing.map { "\(WorkBlocks.describe($0)): their dates in work_date differ from the work table's" }
        problems += extra.map { "work_date holds block \($0), where there are no works" }
        return problems
    }

    // MARK: Reading them

    /// The works of `matches` that come first newest first, for a page ending at the
    /// `through`-th: every one dated on or after the `through`-th's date (the page is then
    /// sorted by the whole key among them alone). That date reads from January 1 when it is in
    /// January: a day without a month sits in January here, after all of January by the key.
    /// Nil when the blocks cannot be read (marked stale), or fewer works than `through` have a
    /// date (the undated come last, by the key).
    static func newest(of matches: WorkIDSet, through: Int, _ db: Database) throws -> [Int64]? {
        guard through > 0, let (ids, dates) = try dates(of: matches.ids, db) else { return nil }
        // The `through`-th latest date: a heap of the latest `through` seen, its root the earliest.
        var heap = Heap(capacity: through)
        for date in dates where date != 0 { heap.offer(date) }
        guard heap.count == through, let last = heap.minimum else { return nil }
        let from = last % 10_000 / 100 == 1 ? last / 10_000 * 10_000 + 101 : last
        return zip(ids, dates).compactMap { $0.1 >= from ? $0.0 : nil }
    }

    /// The date of each of `ids` (ascending), 0 for none; nil when the blocks cannot be read
    /// (marked stale).
    static func dates(of ids: [Int64], _ db: Database) throws -> (ids: [Int64], dates: [UInt32])? {
        guard try WorkBlocks.areCurrent(db) else { return nil }
        var dates: [UInt32] = []
        dates.reserveCapacity(ids.count)
        try WorkBlocks.values(of: ids, UInt32.self, from: "SELECT dates FROM work_date WHERE block = ?", db) { dates.append($1 ?? 0) }
        return (ids, dates)
    }

    /// A min-heap of at most `capacity` dates: the latest seen.
    private struct Heap {
        private var items: [UInt32] = []
        let capacity: Int
        init(capacity: Int) {
            self.capacity = capacity
            items.reserveCapacity(capacity)
        }
        var count: Int { items.count }
        var minimum: UInt32? { items.first }

        mutating func offer(_ date: UInt32) {
            if items.count < capacity {
                items.append(date)
                var child = items.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard items[child] < items[parent] else { break }
                    items.swapAt(child, parent)
                    child = parent
                }
            } else if date > items[0] {
                items[0] = date
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var least = parent
                    if left < items.count, items[left] < items[least] { least = left }
                    if right < items.count, items[right] < items[least] { least = right }
                    guard least != parent else { break }
                    items.swapAt(parent, least)
                    parent = least
                }
            }
        }
    }
}
