import GRDB
import GRDBSQLite

/// A search tree's works found in memory: each term's works read from its index into a
/// `WorkIDSet`, and the sets combined by AND, OR and NOT a machine word at a time.
///
/// The SQL of `QuerySQL` tests one side of an AND on each work of the other, an index search
/// per work (about 1 µs); reading a term's works from its index costs about 0.08 µs a work. So
/// both sides are read, except where one side is more than twenty times the other: then it is
/// tested on the other's works after all, found out by reading it until it passes that size.
/// A publication date, and a frequent term with a flag, are tested on the other side's works
/// in their blocks instead (`WorkDates`, `WorkFlags`): a few nanoseconds a work.
struct QuerySet {
    private let db: Database
    let capacity: Int64

    /// Testing a work costs about this many works read from an index.
    static let testCost = 20
    /// Below this many works a side is read whatever the other's size: the reading stops there
    /// at worst.
    static let minimumRead = 10_000

    init(_ db: Database) throws {
        self.db = db
        capacity = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM work") ?? 0) + 1
    }

    /// The works `node` matches.
    func works(_ node: SearchQuery.Node) throws -> WorkIDSet {
        try works(node, readingAtMost: nil)!
    }

    /// The works `node` matches; nil when it is one term with more than `limit` works (or one
    /// whose every row is read to find its works, as a substance's is), left to be tested.
    private func works(_ node: SearchQuery.Node, readingAtMost limit: Int?) throws -> WorkIDSet? {
        if let pattern = FullTextPattern.pattern(node) {
            return try read(QuerySQL("SELECT rowid AS id FROM work_fts WHERE work_fts MATCH ?", [pattern]), atMost: nil)
        }
        switch node {
        case .term(let term):
            if limit != nil, TermSQL.isTestedRatherThanRead(term) { return nil }
            if let key = WorkFlags.flagKey(term), let set = try WorkFlags.works(of: key, capacity: capacity, db) { return set }
            return try read(TermSQL(term).rows, atMost: limit)
        case .or(let a, let b):
            var set = try works(a)
            set.formUnion(try works(b))
            return set
        case .and(let a, let b):
            // A term with a flag or a publication date is tested on the other side's works
            // rather than read; of two such, the cheaper by cost is read.
            let (flagged, otherFlagged) = (try isTestable(a), try isTestable(b))
            let (driver, other) = flagged != otherFlagged ? (otherFlagged ? (a, b) : (b, a))
                : QuerySQL.cost(a) <= QuerySQL.cost(b) ? (a, b) : (b, a)
            return try combine(works(driver), other, negated: false)
        case .not(let a, let b):
            return try combine(works(a), b, negated: true)
        }
    }

    /// Whether `node` is a term with a flag (`WorkFlags`) or a publication date: tested in their
    /// blocks on another term's works.
    private func isTestable(_ node: SearchQuery.Node) throws -> Bool {
        guard case .term(let term) = node else { return false }
        if term.field == .publicationDate { return true }
        guard let key = WorkFlags.flagKey(term) else { return false }
        return try WorkFlags.bit(of: key, db) != nil
    }

    /// `set` AND (NOT) `other`: `other`'s works read and combined, or when it has too many, each
    /// of `set`'s tested.
    private func combine(_ set: WorkIDSet, _ other: SearchQuery.Node, negated: Bool) throws -> WorkIDSet {
        var set = set
        let size = set.count
        if size == 0 { return set }
        // A frequent term's flag is read for each work, when the blocks can be read.
        if case .term(let term) = other, let key = WorkFlags.flagKey(term),
           let kept = try WorkFlags.filter(set.ids, by: key, negated: negated, capacity: capacity, db) {
            return kept
        }
        // A publication date is looked up in the date blocks for each work, when they can be read.
        if case .term(let term) = other, term.field == .publicationDate,
           let dates = try WorkDates.dates(of: set.ids, db) {
            let range = try DateRange(term.text, term: term)
            var kept = WorkIDSet(capacity: capacity)
            for (id, date) in zip(dates.ids, dates.dates) where (Int(date) >= range.lower && Int(date) <= range.upper) != negated {
                kept.insert(id)
            }
            return kept
        }
        if let otherSet = try works(other, readingAtMost: max(Self.minimumRead, size * Self.testCost)) {
            if negated { set.subtract(otherSet) } else { set.formIntersection(otherSet) }
            return set
        }
        // One statement over the works as a JSON array: SQLite reads it faster than a
        // statement per work is bound, stepped and reset.
        let condition = try QuerySQL.predicate(other)
        let candidates = condition.readsWork
            ? "json_each(?1) j JOIN work w ON w.id = j.value" : "(SELECT value AS id FROM json_each(?1)) w"
        let test = try FastStatement(db, "SELECT w.id FROM \(candidates) WHERE \(negated ? "NOT " : "")\(condition.sql)")
        test.bind(WorkIDSet.jsonArray(set.ids))
        condition.bind(to: test)
        var kept = WorkIDSet(capacity: capacity)
        try test.query { kept.insert($0.int(0)) }
        return kept
    }

    /// The ids `query` gives (column `id`), or nil once there are more than `limit` of them.
    /// SQLite hands each to `litkb_collect` inside the statement: a result row each, stepped
    /// and read from Swift, cost twice the index read (`humans[mh]`'s 356,700 works at 1M
    /// records: 10 ms in SQLite, 30 ms row by row).
    private func read(_ query: QuerySQL, atMost limit: Int?) throws -> WorkIDSet? {
        let collected = Collected(WorkIDSet(capacity: capacity))
        // In the result column, not the WHERE clause: SQLite may test a flattened subquery's
        // conditions after a function there, and collect works they then reject.
        let statement = try FastStatement(db, """
            SELECT count(litkb_collect(s.id, ?1)) FROM (\(query.sql)\(limit.map { " LIMIT \($0 + 1)" } ?? "")) s
            """)
        statement.bind(pointer: collected, type: Self.collectedType)
        query.bind(to: statement)
        try statement.query { _ in }
        if let limit, collected.rows > limit { return nil }
        return collected.set
    }

    /// What `litkb_collect` adds to: the set and the number of rows it was given.
    final class Collected {
        var set: WorkIDSet
        var rows = 0
        init(_ set: WorkIDSet) { self.set = set }
    }

    static let collectedType: StaticString = "litkb_collected"

    /// Registers `litkb_collect(id, collected)`, which adds `id` to the `Collected` bound as its
    /// pointer and returns 0.
    static func register(on db: Database) {
        guard let connection = db.sqliteConnection else { return }
        sqlite3_create_function_v2(connection, "litkb_collect", 2, SQLITE_UTF8, nil, { context, _, values in
            let pointer = QuerySet.collectedType.utf8Start.withMemoryRebound(to: CChar.self, capacity: 1) { sqlite3_value_pointer(values?[1], $0) }
            guard let pointer, let value = values?[0] else {
                sqlite3_result_error(context, "litkb_collect needs its set", -1)
                return
            }
            let id = sqlite3_value_int64(value)
            Unmanaged<Collected>.fromOpaque(pointer)._withUnsafeGuaranteedRef {
                $0.rows += 1
                $0.set.insert(id)
            }
            sqlite3_result_int(context, 0)
        }, nil, nil, nil)
    }
}
