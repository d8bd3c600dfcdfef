import GRDB
import LitKBModel

/// The schema the binary was built with: the top-level `schema.sql`, embedded at build time.
public enum Schema {
    /// The text of `schema.sql`, byte for byte.
    public static let sql = String(decoding: PackageResources.schema_sql, as: UTF8.self)

    /// `PRAGMA user_version` of a database this build created or migrated: the number of
    /// migrations applied. `schema.sql` is always the whole current schema, and a new database is
    /// made from it (migration 1); each later migration brings a database made by an older
    /// `schema.sql` to the same state, and does nothing to one that is already there.
    public static let version = 20

    /// The `CREATE TABLE` statement of `table` in `schema.sql`, for a migration that adds it.
    static func createTableStatement(_ table: String) -> String {
        guard let start = sql.range(of: "CREATE TABLE \(table) ("),
              let end = sql.range(of: ";", range: start.upperBound..<sql.endIndex)
        else { fatalError("schema.sql has no table \(table)") }
        return String(sql[start.lowerBound..<end.upperBound])
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-schema") { db in
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // Which format gave each abstract, so a record replaces only its own format's abstracts;
        // and stubs ranked by the format that mentioned them (5–9), where version 1 gave every
        // stub 10, which no mention could then improve on.
        migrator.registerMigration("2-abstract-source-format") { db in
            if try !db.columns(in: "abstract").contains(where: { $0.name == "source_format" }) {
                try db.execute(sql: "ALTER TABLE abstract ADD COLUMN source_format TEXT")
                try db.execute(sql: "UPDATE work SET source_rank = ? WHERE source_rank = ? AND source_format IS NULL",
                               arguments: [SourceFormat.pubmedXML.mentionRank, WorkMention.rank])
            }
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        // link_asserter keeps only links a record asserts about other works: the links it
        // asserts from its own work are found through the primary key (see schema.sql).
        migrator.registerMigration("3-link-asserter-partial") { db in
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'link_asserter'")
            if definition?.contains("WHERE") != true {
                try db.execute(sql: """
                    DROP INDEX IF EXISTS link_asserter;
                    CREATE INDEX link_asserter ON link(asserted_by, source_format) WHERE asserted_by <> from_work;
                    """)
            }
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        // References with nothing but their text leave the work table for the citing record's
        // own table (see unidentified_reference in schema.sql): each such stub that nothing else
        // names becomes one row per record that cites it.
        migrator.registerMigration("4-unidentified-reference") { db in
            if try !db.tableExists("unidentified_reference") {
                try db.execute(sql: createTableStatement("unidentified_reference"))
            }
            try db.execute(sql: """
                CREATE TEMP TABLE text_only_stub AS
                    SELECT id FROM work w
                    WHERE source_rank <= \(WorkMention.rank) AND pmid IS NULL AND pmcid IS NULL AND doi IS NULL
                      AND title_key LIKE 'c:%'
                      AND \(WorkFields.columns.filter { !["title_key", "entrez_date"].contains($0) }.map { "\($0) IS NULL" }.joined(separator: " AND "))
                      AND NOT EXISTS (SELECT 1 FROM article_id a WHERE a.work_id = w.id)
                      AND NOT EXISTS (SELECT 1 FROM author a WHERE a.work_id = w.id)
                      AND NOT EXISTS (SELECT 1 FROM publication_type p WHERE p.work_id = w.id)
                      AND NOT EXISTS (SELECT 1 FROM work_flag f WHERE f.work_id = w.id OR f.asserted_by = w.id)
                      AND NOT EXISTS (SELECT 1 FROM link l WHERE l.from_work = w.id)
                      AND NOT EXISTS (SELECT 1 FROM link l WHERE l.to_work = w.id
                                      AND (l.kind <> 'cites' OR l.asserted_by <> l.from_work OR l.citation IS NULL));
                INSERT OR IGNORE INTO unidentified_reference (work_id, source_format, citation_key, position, citation)
                    SELECT l.from_work, l.source_format, w.title_key, l.position, l.citation
                    FROM link l JOIN work w ON w.id = l.to_work
                    WHERE l.to_work IN (SELECT id FROM temp.text_only_stub);
                DELETE FROM link WHERE to_work IN (SELECT id FROM temp.text_only_stub);
                DELETE FROM work_source WHERE work_id IN (SELECT id FROM temp.text_only_stub);
                DELETE FROM uninterpreted WHERE work_id IN (SELECT id FROM temp.text_only_stub);
                DELETE FROM work WHERE id IN (SELECT id FROM temp.text_only_stub);
                DROP TABLE temp.text_only_stub;
                PRAGMA user_version = 4;
                """)
        }
        // FTS5's pending-terms size and merge width for bulk ingest (see schema.sql).
        migrator.registerMigration("5-full-text-settings") { db in
            let settings = sql.split(separator: "\n").filter { $0.hasPrefix("INSERT INTO work_fts (work_fts, rank)") }
            precondition(settings.count == 2, "schema.sql sets work_fts's hashsize and automerge")
            try db.execute(sql: settings.joined(separator: "\n"))
            try db.execute(sql: "PRAGMA user_version = 5")
        }
        // Files are complete only once marked so (see source_file in schema.sql). Before, the
        // row was written first and its record count last: a file with a count finished; one
        // without was interrupted (or held no record) and is read again on its next ingest. A
        // PubMed XML file interrupted before its digest was known kept a `pending-` placeholder
        // for it: its next ingest takes that row over (`registerSource`).
        migrator.registerMigration("6-source-file-progress") { db in
            if try !db.columns(in: "source_file").contains(where: { $0.name == "completed_at" }) {
                try db.execute(sql: """
                    ALTER TABLE source_file ADD COLUMN stored_through INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE source_file ADD COLUMN stored_last TEXT;
                    ALTER TABLE source_file ADD COLUMN completed_at TEXT;
                    UPDATE source_file SET completed_at = ingested_at WHERE records > 0;
                    """)
            }
            try db.execute(sql: "PRAGMA user_version = 6")
        }
        // Reads that stay flat as the knowledge base grows (see schema.sql): notices and
        // publication types found by index, the retraction view's branches able to use them, and
        // the tally `stats` reads, counted once here and kept by triggers from then on.
        migrator.registerMigration("7-flat-reads") { db in
            if try !db.tableExists("tally") {
                try db.execute(sql: """
                    CREATE INDEX IF NOT EXISTS link_notice ON link(kind, from_work, to_work) WHERE kind NOT IN ('cites', 'similar');
                    CREATE INDEX IF NOT EXISTS publication_type_by_name ON publication_type(name, work_id);
                    DROP VIEW IF EXISTS retraction_evidence;
                    """)
                try db.execute(sql: section(from: "CREATE VIEW retraction_evidence", to: "-- What `stats` reports"))
                try db.execute(sql: section(from: "CREATE TABLE tally (", to: "-- Full-text index"))
                try db.execute(sql: Tally.recountSQL)
            }
            try db.execute(sql: "PRAGMA user_version = 7")
        }
        // A record decides its ids (issue 17; FIDELITY.md), as far as a database written under
        // the old rules shows it: a stub's PMC id that is `PMC` + its own PMID is set aside, and
        // a PMC id a record had to keep aside because a stub with another PMID held it (a
        // reference list gave it) goes to the record. What lists added to records cannot be
        // told apart here: `litkb ingest --force` of the files re-derives it.
        migrator.registerMigration("8-record-ids") { db in
            try db.execute(sql: RecordIDRepair.sql)
            try db.execute(sql: "PRAGMA user_version = 8")
        }
        // Trial registrations in their record's order (PMID 33417236 lists NCT03552159 first and
        // NCT00056316 fourth; the key sorted them). Rows already stored keep no order
        // (NULL) and come in registry and accession order until their record is ingested again.
        migrator.registerMigration("9-registration-order") { db in
            if try !db.columns(in: "trial_registration").contains(where: { $0.name == "position" }) {
                try db.execute(sql: "ALTER TABLE trial_registration ADD COLUMN position INTEGER")
            }
            try db.execute(sql: "PRAGMA user_version = 9")
        }
        // The NIH Open Citation Collection's pairs (see citation_pair in schema.sql).
        migrator.registerMigration("10-citation-pairs") { db in
            if try !db.tableExists("citation_pair") {
                try db.execute(sql: createTableStatement("citation_pair"))
                try db.execute(sql: CitationPairLoad.indexSQL)
            }
            try db.execute(sql: "PRAGMA user_version = 10")
        }
        // PubMed's fielded search: indexes of folded names, headings, types and journals.
        migrator.registerMigration("11-fielded-search") { db in
            try FieldedIndexes.addKeyColumns(db)
            try db.execute(sql: FieldedIndexes.createMissingSQL)
            try db.execute(sql: "PRAGMA user_version = 11")
        }
        // The search history (PubMed's Advanced page, PRISMA-S's search log).
        migrator.registerMigration("12-search-history") { db in
            if try !db.tableExists("search_history") {
                try db.execute(sql: createTableStatement("search_history"))
            }
            try db.execute(sql: "PRAGMA user_version = 12")
        }
        // The Entrez date ("date added", [edat]): records ingested before keep none until read again.
        migrator.registerMigration("13-entrez-date") { db in
            if try !db.columns(in: "work").contains(where: { $0.name == "entrez_date" }) {
                try db.execute(sql: "ALTER TABLE work ADD COLUMN entrez_date TEXT")
            }
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS work_by_entrez_date ON work(entrez_date) WHERE entrez_date IS NOT NULL")
            try db.execute(sql: "PRAGMA user_version = 13")
        }
        // Search's BM25 reads each match's length from blocks of lengths, not docsize.
        migrator.registerMigration("14-fts-length") { db in
            if try !db.tableExists("fts_length") {
                try db.execute(sql: createTableStatement("fts_length"))
                try FullTextRank.rebuild(in: db)
            }
            try db.execute(sql: "PRAGMA user_version = 14")
        }
        // Folded names stored in columns of their own, indexed: [au], [mh], [sh] and [pt] read
        // work ids from the index alone.
        migrator.registerMigration("15-folded-keys") { db in
            try FieldedIndexes.addKeyColumns(db)
            try FieldedIndexes.dropExpressionIndexes(db)
            try db.execute(sql: FieldedIndexes.createMissingSQL)
            try db.execute(sql: "PRAGMA user_version = 15")
        }
        // The author index holds the initials, so [au] with initials reads no author row.
        migrator.registerMigration("16-author-initials") { db in
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'author_by_family'")
            if let definition, !definition.contains("initials") { try db.execute(sql: "DROP INDEX author_by_family") }
            try db.execute(sql: FieldedIndexes.createMissingSQL)
            try db.execute(sql: "PRAGMA user_version = 16")
        }
        /// A migration that adds a section of schema.sql and fills it from the tables, unless
        /// its first table is there already.
        func registerAddition(_ identifier: String, version: Int, table: String, from start: String, to end: String,
                              build: @escaping @Sendable (Database) throws -> Void) {
            migrator.registerMigration(identifier) { db in
                if try !db.tableExists(table) {
                    try db.execute(sql: section(from: start, to: end))
                    try build(db)
                }
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        }
        // Every work's publication date in blocks, for putting a search's works in date order.
        registerAddition("17-work-dates", version: 17, table: "work_date", from: "CREATE TABLE work_date (",
                         to: "-- End of the work dates.", build: WorkDates.rebuild)
        // The most frequent terms' flags per work, for testing them on other terms' works. (A
        // later migration that changes headings, types, languages or abstracts rebuilds them.)
        registerAddition("18-work-flags", version: 18, table: "work_flags", from: "CREATE TABLE work_flag_term (",
                         to: "-- End of the work flags.", build: WorkFlags.rebuild)
        // [ad] from an index of the affiliations' words rather than a scan of every affiliation.
        registerAddition("19-affiliation-index", version: 19, table: "affiliation_fts", from: "CREATE VIRTUAL TABLE affiliation_fts",
                         to: "-- End of the affiliation index.", build: AffiliationIndex.rebuild)
        // --sort first-author from the first authors' keys in blocks.
        registerAddition("20-first-author-keys", version: 20, table: "work_author_key", from: "CREATE TABLE work_author_key (",
                         to: "-- End of the first authors' keys.", build: WorkAuthorKeys.rebuild)
        return migrator
    }

    /// The statements of `schema.sql` from the one starting with `start` up to the comment
    /// `end` begins, for a migration that adds them as they are.
    static func section(from start: String, to end: String) -> String {
        guard let from = sql.range(of: start), let to = sql.range(of: end, range: from.upperBound..<sql.endIndex)
        else { fatalError("schema.sql has no \(start) … \(end)") }
        return String(sql[from.lowerBound..<to.lowerBound])
    }
}

/// The counts `stats` reads, kept by the triggers in schema.sql.
enum Tally {
    /// Every count from the tables themselves: what the triggers must agree with.
    static let countsSQL = """
        SELECT 'works' AS name, count(*) AS n FROM work
        UNION ALL SELECT 'stubs', count(*) FROM work WHERE source_rank <= \(WorkMention.rank)
        UNION ALL SELECT 'unidentified-references', count(*) FROM (SELECT DISTINCT work_id, citation_key FROM unidentified_reference)
        UNION ALL SELECT 'abstracts:' || coalesce(language, 'und'), count(*) FROM abstract GROUP BY 1
        UNION ALL SELECT 'links:' || kind, count(*) FROM (SELECT DISTINCT kind, from_work, to_work FROM link) GROUP BY kind
        UNION ALL SELECT 'citation-pairs', count(*) FROM citation_pair
        """

    /// Sets the tally to the counts, whatever it held.
    static let recountSQL = "DELETE FROM tally; INSERT INTO tally (name, n) \(countsSQL)"
}

/// The repair of migration 8, in SQL; it changes nothing in a database written under the
/// current rules.
enum RecordIDRepair {
    static let sql = """
        INSERT OR IGNORE INTO article_id (work_id, type, value)
            SELECT id, 'pmc', pmcid FROM work WHERE source_rank <= \(WorkMention.rank) AND pmcid = 'PMC' || pmid;
        UPDATE work SET pmcid = NULL WHERE source_rank <= \(WorkMention.rank) AND pmcid = 'PMC' || pmid;
        CREATE TEMP TABLE record_id_repair AS
            SELECT s.id AS stub, min(r.id) AS record, a.value AS pmcid
            FROM work r
            JOIN article_id a ON a.work_id = r.id AND a.type = 'pmc'
            JOIN work s ON s.pmcid = a.value
            WHERE r.source_rank > \(WorkMention.rank) AND r.pmcid IS NULL AND r.pmid IS NOT NULL
              AND s.source_rank <= \(WorkMention.rank) AND s.id <> r.id AND s.pmid IS NOT NULL AND s.pmid <> r.pmid
            GROUP BY s.id;
        UPDATE work SET pmcid = NULL WHERE id IN (SELECT stub FROM record_id_repair);
        INSERT OR IGNORE INTO article_id (work_id, type, value) SELECT stub, 'pmc', pmcid FROM record_id_repair;
        UPDATE work SET pmcid = (SELECT pmcid FROM record_id_repair WHERE record = work.id) WHERE id IN (SELECT record FROM record_id_repair);
        DELETE FROM article_id WHERE type = 'pmc' AND EXISTS
            (SELECT 1 FROM record_id_repair m WHERE m.record = article_id.work_id AND m.pmcid = article_id.value);
        DROP TABLE record_id_repair;
        """
}
