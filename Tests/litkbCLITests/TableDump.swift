import Foundation
import GRDB

/// A knowledge base's content, table by table, rows sorted: what two ingests must agree on.
/// `source_file` leaves out its path and times, which say when and from where, not what.
struct TableDump: Equatable {
    var tables: [String: [String]]

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        tables = try queue.read { db in
            // FTS5's shadow tables hold segments whose layout depends on when merges ran; the
            // index's content is compared through the virtual table itself (the contentless
            // affiliation index's through its tokens, affiliation_token).
            let names = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                  AND name NOT LIKE 'work\\_fts\\_%' ESCAPE '\\' AND name NOT LIKE 'affiliation\\_fts%' ESCAPE '\\'
                """)
            var tables: [String: [String]] = [:]
            for name in names {
                var columns = try db.columns(in: name).map(\.name)
                if name == "source_file" { columns.removeAll { ["path", "ingested_at", "completed_at"].contains($0) } }
                if name == "work_fts" { columns.insert("rowid", at: 0) }
                let rows = try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(name)")
                tables[name] = rows.map(\.description).sorted()
            }
            return tables
        }
    }

    /// What differs from `other`, one line a table: row counts and the first row that differs.
    func differences(from other: TableDump) -> [String] {
        Set(tables.keys).union(other.tables.keys).sorted().compactMap { name in
            let mine = tables[name] ?? [], theirs = other.tables[name] ?? []
            guard mine != theirs else { return nil }
            let first = zip(mine, theirs).first { $0 != $1 }
            return "\(name): \(mine.count) rows against \(theirs.count)" + (first.map { "; first difference: \($0.0) against \($0.1)" } ?? "")
        }
    }
}
