import GRDB
import GRDBSQLite

/// A statement prepared once per connection (GRDB's statement cache keeps it between batches)
/// and driven through SQLite's C API. Bulk ingest runs
/// tens of statements per record; GRDB's per-call argument boxing and statement-cache lookup
/// cost more than the inserts themselves (measured: see BENCHMARKS.md), so the hot path binds
/// and steps directly. GRDB still owns the statement and the connection.
final class FastStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private let connection: OpaquePointer?
    private var index: Int32 = 0

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        handle = statement.sqliteStatement
        connection = db.sqliteConnection
        // The cache holds the statement between uses: one a read left mid-way (a stream that
        // ended before its last row, a query that threw) starts again from its first row.
        reset()
    }

    /// Binds the next parameter (left to right).
    @discardableResult
    func bind(_ value: String?) -> FastStatement {
        index += 1
        if let value {
            var text = value
            text.withUTF8 { bytes in
                let start = UnsafeRawPointer(bytes.baseAddress ?? UnsafePointer<UInt8>(bitPattern: 1)!).assumingMemoryBound(to: CChar.self)
                _ = sqlite3_bind_text(handle, index, start, Int32(bytes.count), FastStatement.transient)
            }
        } else {
            sqlite3_bind_null(handle, index)
        }
        return self
    }

    @discardableResult
    func bind(_ value: Int?) -> FastStatement {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, Int64(value)) } else { sqlite3_bind_null(handle, index) }
        return self
    }

    @discardableResult
    func bind(_ value: Int64?) -> FastStatement {
        index += 1
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        return self
    }

    @discardableResult
    func bind(_ value: Bool) -> FastStatement {
        index += 1
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
        return self
    }

    @discardableResult
    func bind(_ value: Double?) -> FastStatement {
        index += 1
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
        return self
    }

    @discardableResult
    func bind(blob: [UInt8]) -> FastStatement {
        index += 1
        blob.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, Int32(bytes.count), FastStatement.transient)
        }
        return self
    }

    /// Binds an object for an SQL function that reads it with sqlite3_value_pointer and the
    /// same `type`; the caller keeps it alive while the statement runs.
    @discardableResult
    func bind(pointer: AnyObject, type: StaticString) -> FastStatement {
        index += 1
        type.utf8Start.withMemoryRebound(to: CChar.self, capacity: type.utf8CodeUnitCount + 1) {
            _ = sqlite3_bind_pointer(handle, index, Unmanaged.passUnretained(pointer).toOpaque(), $0, nil)
        }
        return self
    }

    /// Runs a statement that returns no rows, then makes it ready for the next bindings.
    func run() throws {
        defer { reset() }
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
    }

    /// Runs a query and calls `row` for each result row, then resets.
    func query(_ row: (FastStatement) throws -> Void) throws {
        defer { reset() }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw error(code) }
            try row(self)
        }
    }

    /// Moves a query to its next row: false at its end, when the statement is reset for the
    /// next bindings. For a cursor read a row at a time beside other statements.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        reset()
        guard code == SQLITE_DONE else { throw error(code) }
        return false
    }

    /// Rows the connection's last finished INSERT, UPDATE or DELETE changed: what `run` just did.
    /// (GRDB's `changesCount` checks which queue it is on first, which cost more than a
    /// citation pair's insert.)
    var changes: Int { Int(sqlite3_changes(connection)) }

    /// Ends a query before its last row, ready for the next bindings.
    func finish() { reset() }

    /// The first column of the first row, as an integer, or nil when there is no row.
    func firstInt() throws -> Int64? {
        var result: Int64?
        try query { statement in
            if result == nil, !statement.isNull(0) { result = statement.int(0) }
        }
        return result
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : Int(sqlite3_column_int64(handle, column)) }
    func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(handle, column) else { return nil }
        return String(cString: pointer)
    }
    /// A blob column's bytes, read in place (valid only inside `body`).
    func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let pointer = sqlite3_column_blob(handle, column)
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : Int(sqlite3_column_bytes(handle, column))))
    }

    func bytes(_ column: Int32) -> [UInt8] { withBytes(column) { Array($0) } }

    /// A column declared NOT NULL.
    func string(_ column: Int32) -> String { text(column) ?? "" }
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }

    /// Makes the statement ready for the next bindings, e.g. after a read stopped mid-way.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        index = 0
    }

    private func error(_ code: Int32) -> DatabaseError {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "SQLite error \(code)"
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
