import GRDB
import LitKBModel

/// The indexes of PubMed's fielded search (folded names, headings, types, journals, dates:
/// schema.sql from `author_by_family` to "End of the fielded-search indexes") are kept during an
/// ingest small beside the file, and dropped for one that is large and built again when it
/// completes. Built in one sorted pass they cost a sixth of what a row-by-row insert into them
/// costs (pubmed20n0014 into a new knowledge base: 0.48 s to build, 3.1 s to keep).
///
/// A killed ingest leaves them missing until it is resumed; opening the knowledge base for
/// writing builds them again when no ingest is left incomplete (`KnowledgeBase.prepare`).
enum FieldedIndexes {
    static let sql = Schema.section(from: "CREATE INDEX author_by_family", to: "-- End of the fielded-search indexes.")
    /// The same, each index only where it is missing.
    static let createMissingSQL = sql.replacingOccurrences(of: "CREATE INDEX ", with: "CREATE INDEX IF NOT EXISTS ")

    /// The folded names the writer stores beside the names (schema.sql): each table, its key
    /// column, the column it folds, and the index of the key.
    static let keys: [(table: String, key: String, source: String, index: String)] = [
        ("author", "family_key", "family", "author_by_family"),
        ("mesh_heading", "descriptor_key", "descriptor", "mesh_heading_by_descriptor"),
        ("mesh_qualifier", "qualifier_key", "qualifier", "mesh_qualifier_by_name"),
        ("publication_type", "name_key", "name", "publication_type_by_folded_name"),
    ]

    /// Gives a database of an older schema the key columns, filled (migrations 11 and 15).
    static func addKeyColumns(_ db: Database) throws {
        for (table, key, source, _) in keys where try !db.columns(in: table).contains(where: { $0.name == key }) {
            try db.execute(sql: "ALTER TABLE \(table) ADD COLUMN \(key) TEXT")
            try db.execute(sql: "UPDATE \(table) SET \(key) = litkb_fold(\(source))")
        }
    }

    /// Drops the indexes of a version 11 to 14 database that fold the names as they read them
    /// (indexes of an expression, under the names the key columns' indexes now have).
    static func dropExpressionIndexes(_ db: Database) throws {
        for index in keys.map(\.index) {
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?", arguments: [index])
            if definition?.contains("litkb_fold(") == true { try db.execute(sql: "DROP INDEX \(index)") }
        }
    }

    static let names: [String] = sql.split(separator: "\n").compactMap { line in
        guard line.hasPrefix("CREATE INDEX ") else { return nil }
        return line.dropFirst("CREATE INDEX ".count).split(separator: " ").first.map(String.init)
    }

    /// Rows of records an incoming file holds, roughly: PubMed XML about 5.8 KB of XML a record
    /// (550 bytes gzipped), MEDLINE about 4 KB.
    static func estimatedRecords(_ input: SourceFileInput) -> Int {
        let gzipped = input.path.hasSuffix(".gz")
        switch input.format {
        case .pubmedXML: return input.size / (gzipped ? 550 : 5_800)
        case .medline: return input.size / (gzipped ? 400 : 4_000)
        default: return 0
        }
    }

    /// Drops the indexes when `input` brings at least a fifth as many records as are stored:
    /// from there a sorted build at the end costs less than keeping them row by row.
    static func dropIfLarge(_ db: Database, for input: SourceFileInput) throws {
        let incoming = estimatedRecords(input)
        guard incoming >= 1_000 else { return }
        let stored = try Int.fetchOne(db, sql: """
            SELECT coalesce(sum(CASE name WHEN 'works' THEN n WHEN 'stubs' THEN -n END), 0) FROM tally WHERE name IN ('works', 'stubs')
            """) ?? 0
        guard incoming * 5 >= stored else { return }
        for name in names { try db.execute(sql: "DROP INDEX IF EXISTS \(name)") }
    }

    /// Builds the missing indexes, unless an ingest is still incomplete (it builds them when it completes).
    static func buildIfMissing(_ db: Database, evenIfIncomplete: Bool = false) throws {
        let present = try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index'"))
        guard !Set(names).isSubset(of: present) else { return }
        if !evenIfIncomplete, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM source_file WHERE completed_at IS NULL)") ?? false { return }
        // The sorter of each build takes a helper thread: the ingest's parser has finished.
        _ = try Int.fetchOne(db, sql: "PRAGMA threads = 2")
        defer { _ = try? Int.fetchOne(db, sql: "PRAGMA threads = 0") }
        try db.execute(sql: createMissingSQL)
    }
}
