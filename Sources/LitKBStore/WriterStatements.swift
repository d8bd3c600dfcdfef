import GRDB

/// The statements one batch's writes use, looked up once per transaction in GRDB's statement
/// cache, where they stay prepared from batch to batch.
final class WriterStatements {
    private let db: Database

    init(db: Database) { self.db = db }

    private func prepare(_ sql: String) -> FastStatement {
        // Statements are fixed strings written here; failing to prepare one is a programming error.
        do { return try FastStatement(db, sql) } catch { fatalError("cannot prepare \(sql): \(error)") }
    }

    static let identityColumns = "id, pmid, pmcid, doi, source_rank, pmid_version"
    lazy var workByPMID = prepare("SELECT \(Self.identityColumns) FROM work WHERE pmid = ?")
    lazy var workByPMCID = prepare("SELECT \(Self.identityColumns) FROM work WHERE pmcid = ?")
    lazy var workByDOI = prepare("SELECT \(Self.identityColumns) FROM work WHERE doi = ?")
    // INDEXED BY: left alone, the planner scans the UNIQUE pmid index for `pmid IS NULL` rows,
    // which grow with every reference stub (measured 1.9 ms per lookup at 40,000 stubs).
    /// A work cited the same way that holds none of the kinds of id the mention gives (those ids
    /// were not found, so any it held would be other ones: two papers of one title and year).
    lazy var workByTitleKey = prepare("""
        SELECT \(Self.identityColumns) FROM work INDEXED BY work_title_key
        WHERE title_key = ?1 AND (?2 = 0 OR pmid IS NULL) AND (?3 = 0 OR pmcid IS NULL) AND (?4 = 0 OR doi IS NULL) LIMIT 1
        """)
    lazy var stubByTitleKey = prepare("""
        SELECT \(Self.identityColumns) FROM work INDEXED BY work_title_key
        WHERE title_key = ? AND pmid IS NULL AND pmcid IS NULL AND doi IS NULL AND source_rank <= 10 LIMIT 1
        """)
    lazy var insertWork = prepare(WorkFields.insertSQL)
    lazy var insertStub = prepare(WorkFields.stubInsertSQL)
    lazy var updateWork = prepare(WorkFields.updateSQL)
    lazy var setPMIDVersion = prepare("UPDATE OR FAIL work SET pmid_version = ? WHERE id = ?")
    lazy var setPMID = prepare("UPDATE OR FAIL work SET pmid = ? WHERE id = ?")
    lazy var setPMCID = prepare("UPDATE OR FAIL work SET pmcid = ? WHERE id = ?")
    lazy var setDOI = prepare("UPDATE OR FAIL work SET doi = ? WHERE id = ?")
    lazy var insertArticleID = prepare("INSERT OR IGNORE INTO article_id (work_id, type, value) VALUES (?, ?, ?)")

    lazy var insertRegistration = prepare("INSERT OR IGNORE INTO trial_registration (work_id, registry, accession, position) VALUES (?, ?, ?, ?)")
    lazy var insertLanguage = prepare("INSERT INTO work_language (work_id, position, language) VALUES (?, ?, ?)")
    lazy var insertAbstract = prepare("INSERT OR FAIL INTO abstract (work_id, position, language, kind, copyright, source_format) VALUES (?, ?, ?, ?, ?, ?)")
    lazy var insertAbstractSection = prepare("INSERT INTO abstract_section (abstract_id, position, label, nlm_category, text) VALUES (?, ?, ?, ?, ?)")
    lazy var nextAbstractPosition = prepare("SELECT coalesce(max(position) + 1, 0) FROM abstract WHERE work_id = ?")

    lazy var insertFlag = prepare("INSERT OR IGNORE INTO work_flag (work_id, flag, asserted_by, source_format) VALUES (?, ?, ?, ?)")
    lazy var insertUninterpreted = prepare("INSERT INTO uninterpreted (work_id, source_format, section, line, text) VALUES (?, ?, ?, ?, ?)")
    // What a work asserted is in two places (see link_asserter in schema.sql): links from the
    // work itself, under the primary key, and links about other works, in the partial index.
    lazy var deleteAssertedOwnLinks = prepare("DELETE FROM link WHERE from_work = ?1 AND asserted_by = ?1 AND source_format = ?2")
    lazy var deleteAssertedOtherLinks = prepare("DELETE FROM link WHERE asserted_by = ?1 AND source_format = ?2 AND asserted_by <> from_work")
    lazy var deleteAssertedOutgoingList = prepare("DELETE FROM link WHERE from_work = ?1 AND kind = ?3 AND asserted_by = ?1 AND source_format = ?2")
    lazy var deleteAssertedIncomingList = prepare("DELETE FROM link WHERE to_work = ?1 AND kind = ?3 AND asserted_by = ?1 AND source_format = ?2")
    lazy var deleteUnidentifiedReferences = prepare("DELETE FROM unidentified_reference WHERE work_id = ? AND source_format = ?")
    lazy var deleteAssertedFlags = prepare("DELETE FROM work_flag WHERE asserted_by = ? AND source_format = ?")
    lazy var deleteUninterpreted = prepare("DELETE FROM uninterpreted WHERE work_id = ? AND source_format = ?")
    lazy var recordSource = prepare("""
        INSERT INTO work_source (work_id, source_file_id, record_ordinal) VALUES (?, ?, ?)
        ON CONFLICT DO UPDATE SET record_ordinal = excluded.record_ordinal
        """)
    lazy var markFullTextDirty = prepare("INSERT OR IGNORE INTO temp.full_text_dirty (id) VALUES (?)")
    lazy var markAffiliationsDirty = prepare(AffiliationIndex.markWithoutAffiliationsSQL)
    lazy var markFlagsDirty = prepare("INSERT OR IGNORE INTO temp.work_flags_dirty (block) VALUES (? >> \(WorkFlags.blockShift))")
    lazy var insertReadyDocument = prepare("INSERT OR REPLACE INTO temp.full_text_ready (id, title, abstract, keywords, mesh) VALUES (?, ?, ?, ?, ?)")
    lazy var dropReadyDocument = prepare("DELETE FROM temp.full_text_ready WHERE id = ?")

    private var existence: [String: FastStatement] = [:]
    private struct MultiRowKey: Hashable {
        var table: String
        var rows: Int
        var orIgnore: Bool
    }
    private var multiRow: [MultiRowKey: FastStatement] = [:]

    /// `INSERT INTO table (columns) VALUES (...), (...), ...` for `rows` rows: one statement for
    /// all of a record's MeSH headings (or authors, ...) instead of one per row, which halves
    /// the per-row cost of bulk ingest. Bind row after row, then run once.
    ///
    /// `OR FAIL`, not the default `ABORT`: SQLite gives a statement that writes several rows and
    /// may abort a statement journal, a copy of every page it touches (16 KB each) so that it can
    /// undo only itself; 8 % of the writer's instructions. A failed row fails its whole record,
    /// which is rolled back to its transaction or savepoint, so the statement never needs undoing
    /// alone.
    func insert(into table: String, _ columns: String, columnCount: Int, rows: Int, orIgnore: Bool = false) -> FastStatement {
        // A table is always written with the same columns here, so they are not part of the key.
        let key = MultiRowKey(table: table, rows: rows, orIgnore: orIgnore)
        if let cached = multiRow[key] { return cached }
        let row = "(" + Array(repeating: "?", count: columnCount).joined(separator: ", ") + ")"
        let statement = prepare((orIgnore ? "INSERT OR IGNORE" : "INSERT OR FAIL") + " INTO \(table) (\(columns)) VALUES "
                                + Array(repeating: row, count: rows).joined(separator: ", "))
        multiRow[key] = statement
        return statement
    }

    /// Inserts `count` rows with `INSERT OR IGNORE`, 64 to a statement (see `insert(into:)`);
    /// `bind` binds the row at an index. The first of two equal rows wins, as one at a time.
    func insertRows(into table: String, _ columns: String, columnCount: Int, count: Int,
                    bind: (FastStatement, Int) -> Void) throws {
        let perStatement = 64
        var start = 0
        while start < count {
            let end = min(start + perStatement, count)
            let statement = insert(into: table, columns, columnCount: columnCount, rows: end - start, orIgnore: true)
            for index in start..<end { bind(statement, index) }
            try statement.run()
            start = end
        }
    }

    /// Whether `table` holds any row for the work.
    func exists(in table: String, workID: Int64) throws -> Bool {
        let statement: FastStatement
        if let cached = existence[table] {
            statement = cached
        } else {
            statement = prepare("SELECT 1 FROM \(table) WHERE work_id = ? LIMIT 1")
            existence[table] = statement
        }
        return try statement.bind(workID).firstInt() != nil
    }
}
