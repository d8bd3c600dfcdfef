import Foundation
import LitKBModel
import GRDB
@testable import LitKBStore
import XCTest

final class SchemaTests: XCTestCase {
    /// The file opened as another program would, with the one function the schema's indexes
    /// call (the store registers it on every connection it opens).
    static func rawQueue(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in SearchFolding.register(on: db) }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    func testEmbeddedSchemaEqualsTopLevelSchemaFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("schema.sql"), encoding: .utf8)
        XCTAssertEqual(Schema.sql, file)
        XCTAssertTrue(Schema.sql.contains("CREATE TABLE work ("))
    }

    /// A database made by the previous version (schema 1, abstracts without their format) is
    /// brought up to date on opening, and takes records.
    func testVersionOneDatabaseIsMigrated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let versionOne = Schema.sql.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("source_format  TEXT,                    -- the format of the record that gave it") }
            // Versions 1 and 2 indexed every link by its asserting work.
            .map { $0.hasPrefix("CREATE INDEX link_asserter") ? "CREATE INDEX link_asserter ON link(asserted_by, source_format);" : $0 }
            .joined(separator: "\n")
        XCTAssertNotEqual(versionOne, Schema.sql)
        try Self.rawQueue(path).write { db in
            try db.execute(sql: versionOne)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('1-schema'); PRAGMA user_version = 1")
            // A version 1 stub: rank 10, whatever mentioned it.
            try db.execute(sql: "INSERT INTO work (pmid, source_rank, title) VALUES (29728331, 10, 'A title from a page list.')")
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        // Version 3: link_asserter holds only links about other works.
        let asserterIndex = try Self.rawQueue(path).read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'link_asserter'")
        }
        XCTAssertEqual(asserterIndex, "CREATE INDEX link_asserter ON link(asserted_by, source_format) WHERE asserted_by <> from_work")
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, title: "T", abstracts: [Abstract(language: "eng", sections: [AbstractSection(text: "Text.")])])])
        XCTAssertEqual(try kb.count("abstract", where: "source_format = 'pubmed-xml'"), 1)
        XCTAssertEqual(try kb.count("work", where: "pmid = 29728331 AND source_rank = 9"), 1, "the stub takes the best mention rank")
    }

    /// Version 4: a version 3 database's stubs that are nothing but a reference's text become
    /// rows of the records that cite them; a stub that anything else names stays a work.
    func testVersionThreeTextOnlyStubsBecomeTheirRecordsReferences() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v3.sqlite").path
        let table = Schema.createTableStatement("unidentified_reference")
        XCTAssertTrue(table.hasSuffix("PRIMARY KEY (work_id, source_format, citation_key)\n) STRICT, WITHOUT ROWID;"), table)
        // Version 3 had neither the table nor work_fts's settings.
        let versionThree = Schema.sql.replacingOccurrences(of: table, with: "")
            .replacingOccurrences(of: Schema.section(from: "-- What `stats` reports", to: "-- Full-text index"), with: "").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("INSERT INTO work_fts") }.joined(separator: "\n")
        try Self.rawQueue(path).write { db in
            try db.execute(sql: versionThree)
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('1-schema'), ('2-abstract-source-format'), ('3-link-asserter-partial');
                PRAGMA user_version = 3;
                INSERT INTO work (id, pmid, source_rank, source_format, title) VALUES (1, 1, 50, 'pubmed-xml', 'One'), (5, 5, 50, 'pubmed-xml', 'Five');
                INSERT INTO work (id, pmid, source_rank, title_key) VALUES (2, NULL, 9, 'c:0000000000000002'), (3, NULL, 9, 'c:0000000000000003'),
                    (4, 44, 9, NULL), (6, NULL, 9, 'c:0000000000000006'), (7, NULL, 8, 'c:0000000000000007'),
                    (8, NULL, 8, 'c:0000000000000008');
                INSERT INTO author (work_id, position, family) VALUES (6, 0, 'Roe');
                INSERT INTO link (kind, from_work, to_work, asserted_by, source_format, position, citation) VALUES
                    ('cites', 1, 2, 1, 'pubmed-xml', 0, 'A text both records cite.'),
                    ('cites', 1, 4, 1, 'pubmed-xml', 1, 'A reference with a PMID.'),
                    ('cites', 1, 6, 1, 'pubmed-xml', 2, 'Roe R. A text with an author.'),
                    ('cites', 5, 2, 5, 'pubmed-xml', 3, 'A text both records cite.'),
                    ('cites', 5, 3, 5, 'pubmed-xml', 0, 'A text that is also a notice.'),
                    ('erratum-in', 1, 3, 1, 'pubmed-xml', 0, 'A text that is also a notice.'),
                    -- Two lists of one format merged into work 1: two texts at one place.
                    ('cites', 1, 7, 1, 'pmc-jats', 0, 'First article text.'),
                    ('cites', 1, 8, 1, 'pmc-jats', 0, 'Second article text.');
                """)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        XCTAssertEqual(try Self.rawQueue(path).read { db in try Int64.fetchAll(db, sql: "SELECT id FROM work ORDER BY id") }, [1, 3, 4, 5, 6])
        XCTAssertEqual(try kb.count("unidentified_reference"), 4)
        XCTAssertEqual(try kb.count("unidentified_reference", where: """
            work_id = 5 AND position = 3 AND citation = 'A text both records cite.' AND citation_key = 'c:0000000000000002'
            """), 1)
        XCTAssertEqual(try kb.count("link", where: "to_work = 2"), 0)
        XCTAssertEqual(try kb.list(.references, of: .pmid(PMID(1)!)).entries.map { $0.pmid?.value.description ?? $0.citation ?? "?" },
                       ["A text both records cite.", "First article text.", "Second article text.", "44", "Roe R. A text with an author."])
        XCTAssertEqual(try kb.inconsistencies(), [])
        XCTAssertEqual(try fullTextSettings(path), ["automerge": 8, "hashsize": 4_194_304])
    }

    /// Version 6: before it, a file's row was written first and its record count last, so a
    /// row without a count is a file whose ingest was interrupted: it becomes incomplete, and
    /// its next ingest reads it again instead of calling it unchanged.
    func testVersionFiveFilesWithoutARecordCountBecomeIncomplete() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v5.sqlite").path
        let table = Schema.createTableStatement("source_file")
        let versionFiveTable = """
            CREATE TABLE source_file (
                id           INTEGER PRIMARY KEY,
                path         TEXT NOT NULL,
                sha256       TEXT NOT NULL,
                format       TEXT NOT NULL,
                size         INTEGER NOT NULL,
                records      INTEGER NOT NULL DEFAULT 0,
                ingested_at  TEXT NOT NULL,
                UNIQUE (sha256, format)
            ) STRICT;
            """
        try Self.rawQueue(path).write { db in
            try db.execute(sql: Schema.sql.replacingOccurrences(of: table, with: versionFiveTable))
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('1-schema'), ('2-abstract-source-format'), ('3-link-asserter-partial'),
                    ('4-unidentified-reference'), ('5-full-text-settings');
                PRAGMA user_version = 5;
                INSERT INTO source_file (path, sha256, format, size, records, ingested_at) VALUES
                    ('done.xml', 'aa', 'pubmed-xml', 10, 30000, '2026-01-01T00:00:00Z'),
                    ('killed.xml.gz', 'bb', 'pubmed-xml', 20, 0, '2026-01-02T00:00:00Z'),
                    ('early.xml.gz', 'pending-1234', 'pubmed-xml', 30, 0, '2026-01-03T00:00:00Z');
                INSERT INTO work (id, pmid, source_rank, source_format) VALUES (1, 7, 50, 'pubmed-xml');
                INSERT INTO work_source (work_id, source_file_id, record_ordinal) VALUES (1, 3, 1);
                """)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        XCTAssertEqual(try kb.sourceState(sha256: "aa", format: .pubmedXML),
                       .complete(SourceFile(path: "done.xml", sha256: "aa", format: .pubmedXML, ingestedAt: "2026-01-01T00:00:00Z")))
        XCTAssertEqual(try kb.sourceState(sha256: "bb", format: .pubmedXML), .interrupted(SourceProgress(storedThrough: 0, records: 0)))
        XCTAssertEqual(try kb.incompleteSources().map(\.path), ["killed.xml.gz", "early.xml.gz"])
        XCTAssertEqual(try kb.sourceState(sha256: "cc", format: .pubmedXML), .new)
        // Killed before its digest was known, a file kept a placeholder no digest matches: read
        // again from the same path, it takes that row's place and its records.
        let source = try kb.registerSource(SourceFileInput(path: "early.xml.gz", sha256: "dd", format: .pubmedXML, size: 30))
        XCTAssertEqual(try kb.incompleteSources().map(\.path), ["killed.xml.gz", "early.xml.gz"])
        XCTAssertEqual(try kb.count("source_file", where: "sha256 LIKE 'pending-%'"), 0)
        XCTAssertEqual(try kb.count("work_source", where: "work_id = 1 AND source_file_id = \(source.rawValue)"), 1)
    }

    /// Version 7: a version 6 database gets the notice and publication-type indexes, a
    /// retraction view whose branches can use them, and a tally counted from its tables, which
    /// the triggers then keep through further writes.
    func testVersionSixDatabaseGetsIndexesAndATallyOfItsRows() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v6.sqlite").path
        let tallySection = Schema.section(from: "-- What `stats` reports", to: "-- Full-text index")
        let versionSix = Schema.sql.replacingOccurrences(of: tallySection, with: "")
            .replacingOccurrences(of: " AND kind NOT IN ('cites', 'similar')\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("CREATE INDEX link_notice") && !$0.hasPrefix("CREATE INDEX publication_type_by_name") }
            .joined(separator: "\n")
        XCTAssertFalse(versionSix.contains("CREATE TABLE tally"))
        try Self.rawQueue(path).write { db in
            try db.execute(sql: versionSix)
            try db.execute(sql: """
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('1-schema'), ('2-abstract-source-format'), ('3-link-asserter-partial'),
                    ('4-unidentified-reference'), ('5-full-text-settings'), ('6-source-file-progress');
                PRAGMA user_version = 6;
                INSERT INTO work (id, pmid, source_rank, source_format) VALUES (1, 7, 50, 'pubmed-xml'), (2, 8, 50, 'pubmed-xml');
                INSERT INTO work (id, pmid, source_rank) VALUES (3, 9, 9), (4, 10, 9);
                INSERT INTO abstract (work_id, position, language, kind) VALUES (1, 0, 'eng', 'main'), (1, 1, 'spa', 'publisher'),
                    (2, 0, NULL, 'main');
                -- The same reference asserted by two formats of work 1's record: one edge.
                INSERT INTO link (kind, from_work, to_work, asserted_by, source_format, position) VALUES
                    ('cites', 1, 3, 1, 'pubmed-xml', 0), ('cites', 1, 3, 1, 'medline', 0), ('cites', 2, 3, 2, 'pubmed-xml', 0),
                    ('retraction-in', 4, 2, 2, 'pubmed-xml', 0);
                INSERT INTO unidentified_reference (work_id, source_format, citation_key, position, citation) VALUES
                    (1, 'pubmed-xml', 'c:1', 1, 'A.'), (1, 'medline', 'c:1', 1, 'A.'), (2, 'pubmed-xml', 'c:1', 1, 'A.');
                INSERT INTO publication_type (work_id, position, name) VALUES (3, 0, 'Retracted Publication');
                """)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        let stats = try kb.stats()
        XCTAssertEqual([stats.works, stats.records, stats.stubs, stats.unidentifiedReferences, stats.retractedWorks], [4, 2, 2, 2, 2])
        XCTAssertEqual(stats.abstractsByLanguage, ["eng": 1, "spa": 1, "und": 1])
        XCTAssertEqual(stats.linksByKind, ["cites": 2, "retraction-in": 1])
        XCTAssertEqual(try kb.inconsistencies(), [])
        // The triggers keep it from here: work 1's medline rows go, the edges and text stay.
        try kb.queue.write { db in
            try db.execute(sql: "DELETE FROM link WHERE source_format = 'medline'; DELETE FROM unidentified_reference WHERE source_format = 'medline'")
        }
        XCTAssertEqual(try kb.stats().linksByKind, ["cites": 2, "retraction-in": 1])
        XCTAssertEqual(try kb.stats().unidentifiedReferences, 2)
        try kb.queue.write { db in try db.execute(sql: "DELETE FROM link WHERE from_work IN (1, 4) OR to_work = 4; DELETE FROM work WHERE id = 4") }
        XCTAssertEqual(try kb.stats().linksByKind, ["cites": 1])
        XCTAssertEqual([try kb.stats().works, try kb.stats().records, try kb.stats().stubs], [3, 2, 1])
        XCTAssertEqual(try kb.inconsistencies(), [])
        let indexes = try kb.queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('link_notice', 'publication_type_by_name') ORDER BY name")
        }
        XCTAssertEqual(indexes, ["link_notice", "publication_type_by_name"])
    }

    private func fullTextSettings(_ path: String) throws -> [String: Int] {
        try Self.rawQueue(path).read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT k, v FROM work_fts_config WHERE k <> 'version'").map {
                ($0["k"] as String, $0["v"] as Int)
            })
        }
    }

    /// Version 8: a version 7 database written under the old id rules is repaired on opening: a
    /// record gets the PMC id a stub held from a reference, and a stub's `PMC` + its own PMID is
    /// set aside.
    func testVersionSevenDatabaseHasItsRecordIdsRepaired() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v7.sqlite").path
        try Self.rawQueue(path).write { db in
            try db.execute(sql: Schema.sql)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for name in ["1-schema", "2-abstract-source-format", "3-link-asserter-partial", "4-unidentified-reference",
                         "5-full-text-settings", "6-source-file-progress", "7-flat-reads"] {
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [name])
            }
            try db.execute(sql: """
                PRAGMA user_version = 7;
                INSERT INTO work (id, pmid, pmcid, source_rank) VALUES (1, 33996417, 'PMC8144891', 9);
                INSERT INTO work (id, pmid, source_rank, source_format, title) VALUES (2, 34094825, 50, 'pubmed-xml', 'Its own record');
                INSERT INTO article_id VALUES (2, 'pmc', 'PMC8144891');
                INSERT INTO work (id, pmid, pmcid, source_rank) VALUES (3, 31912902, 'PMC31912902', 9);
                INSERT INTO work (id, pmid, pmcid, source_rank, source_format, title) VALUES (4, 5, 'PMC5', 50, 'pubmed-xml', 'A record says so');
                """)
            try db.execute(sql: Tally.recountSQL)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        XCTAssertEqual(try kb.detail(for: pmid(34094825))?.record.ids.pmcid?.value, "PMC8144891")
        XCTAssertNil(try kb.detail(for: pmid(33996417))?.record.ids.pmcid)
        XCTAssertNil(try kb.detail(for: pmid(31912902))?.record.ids.pmcid)
        XCTAssertEqual(try kb.detail(for: pmid(5))?.record.ids.pmcid?.value, "PMC5", "a record's own PMC id stays, whatever its number")
        XCTAssertEqual(try kb.count("article_id", where: "type = 'pmc'"), 2, "the stubs keep aside what their lists said")
        XCTAssertEqual(try kb.count("article_id", where: "work_id = 2"), 0)
    }

    /// Version 9: trial registrations keep their record's order; a version 8 table gains the
    /// column, its rows readable as before.
    func testTrialRegistrationsKeepTheirOrderAndAVersionEightTableGainsIt() throws {
        let kb = try KnowledgeBase()
        var record = Fixture.record(.pubmedXML, pmid: 33417236, title: "Eight trials")
        record.registrations = ["NCT03552159", "NCT01430286", "NCT00416078", "NCT00056316"].map { TrialRegistration(registry: "ClinicalTrials.gov", accession: $0) }
        try kb.ingest([record])
        XCTAssertEqual(try kb.detail(for: pmid(33417236))?.record.registrations.map(\.accession),
                       ["NCT03552159", "NCT01430286", "NCT00416078", "NCT00056316"])
        var streamed: [String] = []
        try kb.forEachWork(includingStubs: false) { streamed += $0.record.registrations.map(\.accession) }
        XCTAssertEqual(streamed, ["NCT03552159", "NCT01430286", "NCT00416078", "NCT00056316"])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("v8.sqlite").path
        let table = Schema.createTableStatement("trial_registration")
        let versionEight = Schema.sql.replacingOccurrences(of: table, with: table.split(separator: "\n").filter { !$0.contains("position   INTEGER") }.joined(separator: "\n"))
        XCTAssertNotEqual(versionEight, Schema.sql)
        try Self.rawQueue(path).write { db in
            try db.execute(sql: versionEight)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for name in ["1-schema", "2-abstract-source-format", "3-link-asserter-partial", "4-unidentified-reference",
                         "5-full-text-settings", "6-source-file-progress", "7-flat-reads", "8-record-ids"] {
                try db.execute(sql: "INSERT INTO grdb_migrations VALUES (?)", arguments: [name])
            }
            try db.execute(sql: """
                PRAGMA user_version = 8;
                INSERT INTO work (id, pmid, source_rank, source_format, title) VALUES (1, 7, 50, 'pubmed-xml', 'Old');
                INSERT INTO trial_registration (work_id, registry, accession) VALUES (1, 'ClinicalTrials.gov', 'NCT2'), (1, 'ClinicalTrials.gov', 'NCT1');
                """)
            try db.execute(sql: Tally.recountSQL)
        }
        let old = try KnowledgeBase(path: path)
        XCTAssertEqual(try old.schemaVersion(), 20)
        XCTAssertEqual(try old.detail(for: pmid(7))?.record.registrations.map(\.accession), ["NCT1", "NCT2"])
    }

    /// Version 10 (before fielded search, the history and Entrez dates): a database of it
    /// gains the folded indexes, the history table and the column, and its works are found by
    /// the fields at once.
    /// schema.sql's tables before the fielded search: no Entrez date, no folded key columns.
    private func versionTenTables() throws -> String {
        let start = try XCTUnwrap(Schema.sql.range(of: "-- PubMed's fielded search"))
        let tables = String(Schema.sql[..<start.lowerBound])
            .replacingOccurrences(of: "    title_key         TEXT,\n", with: "    title_key         TEXT\n")
            .replacingOccurrences(of: #"    entrez_date       TEXT                  -- ISO date PubMed added the record (EDAT): "date added""# + "\n", with: "")
            .replacingOccurrences(of: #"(?m)^    \w+_key +TEXT, +-- \w+ folded \(litkb_fold\).*\n"#, with: "", options: .regularExpression)
        XCTAssertFalse(tables.contains("entrez_date"))
        XCTAssertFalse(tables.contains("family_key") || tables.contains("descriptor_key") || tables.contains("name_key"))
        return tables
    }

    func testVersionTenDatabaseGainsFieldedSearch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kb.sqlite").path
        let versionTen = try versionTenTables()
        let identifiers = Schema.migrator.migrations.prefix(10).map { "('\($0)')" }.joined(separator: ", ")
        try Self.rawQueue(path).write { db in
            try db.execute(sql: versionTen)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES \(identifiers); PRAGMA user_version = 10")
            try db.execute(sql: "INSERT INTO work (id, pmid, source_rank, source_format, title, year) VALUES (1, 7, 50, 'pubmed-xml', 'A trial', 2019)")
            try db.execute(sql: "INSERT INTO author (work_id, position, family, initials) VALUES (1, 0, 'Müller', 'JA')")
            try db.execute(sql: "INSERT INTO mesh_heading (work_id, position, descriptor, major) VALUES (1, 0, 'Asthma', 1)")
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        let indexes = try Self.rawQueue(path).read { db in try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index'")) }
        XCTAssertTrue(Set(FieldedIndexes.names + ["work_by_entrez_date"]).isSubset(of: indexes), "\(indexes)")
        for query in ["muller j[au]", "asthma[majr]", "2019[dp]"] {
            XCTAssertEqual(try kb.search(SearchQuery(parsing: query)).compactMap { $0.work.pmid?.value }, [7], query)
        }
        XCTAssertEqual(try kb.recordSearch(query: "asthma[mh]", translation: "\"asthma\"[MeSH Terms]", count: 1), 1)
    }

    /// Versions 11 to 14 indexed the folded names as expressions: version 15 stores them in
    /// columns, fills them, and indexes the columns under the same names.
    func testVersionFourteenDatabaseGainsFoldedKeyColumns() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kb.sqlite").path
        let identifiers = Schema.migrator.migrations.prefix(14).map { "('\($0)')" }.joined(separator: ", ")
        try Self.rawQueue(path).write { db in
            try db.execute(sql: try versionTenTables())
            try db.execute(sql: "ALTER TABLE work ADD COLUMN entrez_date TEXT")
            try db.execute(sql: """
                CREATE INDEX author_by_family ON author(litkb_fold(family));
                CREATE INDEX mesh_heading_by_descriptor ON mesh_heading(litkb_fold(descriptor));
                CREATE INDEX publication_type_by_folded_name ON publication_type(litkb_fold(name));
                CREATE INDEX mesh_qualifier_by_name ON mesh_qualifier(litkb_fold(qualifier));
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES \(identifiers);
                PRAGMA user_version = 14;
                INSERT INTO work (id, pmid, source_rank, source_format, title, year) VALUES (1, 7, 50, 'pubmed-xml', 'A trial', 2019);
                INSERT INTO author (work_id, position, family, initials) VALUES (1, 0, 'Müller-Lüdenscheidt', 'JA');
                INSERT INTO mesh_heading (work_id, position, descriptor, major) VALUES (1, 0, 'Stress Disorders, Post-Traumatic', 1);
                INSERT INTO mesh_qualifier (work_id, heading_position, position, qualifier, major) VALUES (1, 0, 0, 'drug therapy', 0);
                INSERT INTO publication_type (work_id, position, name) VALUES (1, 0, 'Randomized Controlled Trial');
                """)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        let definitions = try Self.rawQueue(path).read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
                .map { ($0["name"] as String, $0["sql"] as String) })
        }
        for (_, key, _, index) in FieldedIndexes.keys {
            XCTAssertEqual(definitions[index].map { $0.contains("(\(key)") && !$0.contains("litkb_fold") }, true, "\(index): \(definitions[index] ?? "missing")")
        }
        let keys = try Self.rawQueue(path).read { db in
            try [String.fetchOne(db, sql: "SELECT family_key FROM author"), String.fetchOne(db, sql: "SELECT descriptor_key FROM mesh_heading"),
                 String.fetchOne(db, sql: "SELECT qualifier_key FROM mesh_qualifier"), String.fetchOne(db, sql: "SELECT name_key FROM publication_type")]
        }
        XCTAssertEqual(keys, ["muller ludenscheidt", "stress disorders post traumatic", "drug therapy", "randomized controlled trial"])
        for query in ["muller-ludenscheidt j[au]", "\"stress disorders, post-traumatic/drug therapy\"[mh]", "\"drug therapy\"[sh]",
                      "randomized controlled trial[pt]"] {
            XCTAssertEqual(try kb.search(SearchQuery(parsing: query)).compactMap { $0.work.pmid?.value }, [7], query)
        }
    }

    /// Version 16's author index holds the initials: a version 15 database gets it, and an
    /// author search tests initials from the index, a given name from the row where there are
    /// no initials, and initials that are not plain letters folded.
    func testVersionFifteenDatabaseGainsTheInitialsInItsAuthorIndex() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kb.sqlite").path
        let authors: [(Int, [Author])] = [
            (1, [Author(family: "Wang", initials: "Y")]), (2, [Author(family: "Smith", initials: "J"), Author(family: "Wang", initials: "YJ")]),
            (3, [Author(family: "Wang", given: "Yu Ping")]), (4, [Author(family: "Wáng", initials: "Ö")]), (5, [Author(family: "Wang", initials: "X")]),
            (6, [Author(family: "Wang", initials: "Y-J")]), (7, [Author(family: "Wang", given: "Xiu")]),
        ]
        try KnowledgeBase(path: path).ingest(authors.map { pmid, authors in Fixture.record(.pubmedXML, pmid: pmid, title: "Work \(pmid)", authors: authors) })
        try Self.rawQueue(path).write { db in
            try db.execute(sql: """
                DROP INDEX author_by_family; CREATE INDEX author_by_family ON author(family_key);
                DELETE FROM grdb_migrations WHERE identifier IN ('16-author-initials', '17-work-dates', '18-work-flags', '19-affiliation-index', '20-first-author-keys'); PRAGMA user_version = 15;
                """)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        let definition = try Self.rawQueue(path).read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE name = 'author_by_family'")
        }
        XCTAssertEqual(definition, "CREATE INDEX author_by_family ON author(family_key, initials)")
        for (query, expected) in [("wang y[au]", [1, 2, 3, 6]), ("wang yj[au]", [2, 6]), ("wang o[au]", [4]), ("wang x[au]", [5, 7]),
                                  ("wang[1au]", [1, 3, 4, 5, 6, 7]), ("\"wang, yu ping\"[fau]", [3]), ("smith j[1au]", [2]), ("wang y[1au]", [1, 3, 6])] {
            XCTAssertEqual(try kb.search(SearchQuery(parsing: query)).compactMap { $0.work.pmid?.value }.sorted(), expected, query)
            XCTAssertEqual(try kb.searchCount(SearchQuery(parsing: query)), expected.count, query)
        }
    }

    /// An ingest large beside the knowledge base drops the fielded-search indexes and builds
    /// them when it completes; one left incomplete leaves them to the end of the run, or to the
    /// next open for writing once nothing is incomplete.
    func testFieldedIndexesAreBuiltAgainAfterALargeIngest() throws {
        let kb = try KnowledgeBase()
        func present() throws -> Set<String> {
            try kb.queue.read { db in try Set(String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'index'")) }
        }
        let large = SourceFileInput(path: "big.xml.gz", sha256: "a", format: .pubmedXML, size: 16_000_000)
        let source = try kb.registerSource(large)
        XCTAssertTrue(try present().isDisjoint(with: FieldedIndexes.names), "dropped for a file of ~29,000 records into an empty base")
        try kb.finishSource(source, records: 1)
        XCTAssertTrue(Set(FieldedIndexes.names).isSubset(of: try present()))

        let interrupted = try kb.registerSource(SourceFileInput(path: "other.xml.gz", sha256: "b", format: .pubmedXML, size: 16_000_000))
        _ = interrupted
        XCTAssertTrue(try present().isDisjoint(with: FieldedIndexes.names))
        try kb.buildFieldedIndexes()
        XCTAssertTrue(Set(FieldedIndexes.names).isSubset(of: try present()), "the end of the run builds them")
        // A small file beside what is stored keeps them.
        try kb.ingest((1...40).map { (pmid: Int) in Fixture.record(pmid: pmid, title: "Work \(pmid)") })
        _ = try kb.registerSource(SourceFileInput(path: "small.xml", sha256: "c", format: .pubmedXML, size: 100_000))
        XCTAssertTrue(Set(FieldedIndexes.names).isSubset(of: try present()))
    }

    func testNewDatabaseRecordsSchemaVersion() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kb.sqlite").path
        XCTAssertEqual(try KnowledgeBase(path: path).schemaVersion(), 20)
        // Opening again migrates nothing and keeps the version.
        XCTAssertEqual(try KnowledgeBase(path: path).schemaVersion(), 20)
        XCTAssertEqual(try fullTextSettings(path), ["automerge": 8, "hashsize": 4_194_304])
    }
}

final class TitleKeyTests: XCTestCase {
    func testTitleKeyFoldsCaseDiacriticsAndPunctuation() {
        XCTAssertEqual(TitleKey.words(of: "Método: Alianza TERAPÉUTICA (5th ed.)"), "metodo alianza terapeutica 5th ed")
        XCTAssertEqual(TitleKey.words(of: "Łódź–Ørsted: Straße"), "lodz orsted strase")
        // Other scripts are lower-cased and keep their marks.
        XCTAssertEqual(TitleKey.words(of: "Δ-9 THC in Ελλάδα"), "δ 9 thc in ελλάδα")
        XCTAssertEqual(TitleKey.make(title: "Método: Alianza TERAPÉUTICA", year: 2013), TitleKey.make(title: "metodo alianza terapeutica.", year: 2013))
        XCTAssertNotEqual(TitleKey.make(title: "Método: Alianza TERAPÉUTICA", year: 2013), TitleKey.make(title: "Método: Alianza TERAPÉUTICA", year: 2014))
        XCTAssertEqual(TitleKey.make(title: "Two words", year: 2020), "t:" + TitleKey.hash("2020|two words"))
        XCTAssertNil(TitleKey.make(title: "Single", year: 2020))
        // Stored keys must not change between versions: FNV-1a 64 of the folded text, computed
        // independently (Python) for these two.
        XCTAssertEqual(TitleKey.make(title: "Método: Alianza TERAPÉUTICA", year: 2013), "t:b506052fa402eb8a")
        XCTAssertEqual(TitleKey.citationKey("Łódź–Ørsted: Straße"), "c:ed567430a47924d9")
        XCTAssertNil(TitleKey.make(title: "Two words", year: nil))
        XCTAssertEqual(TitleKey.citationKey("Agin-Liebes, G. (2022). Prospective examination."),
                       "c:" + TitleKey.hash("agin liebes g 2022 prospective examination"))
    }

    func testHashIsFNV1a64() {
        // Published FNV-1a 64-bit test vectors.
        XCTAssertEqual(TitleKey.hash(""), "cbf29ce484222325")
        XCTAssertEqual(TitleKey.hash("a"), "af63dc4c8601ec8c")
        XCTAssertEqual(TitleKey.hash("foobar"), "85944171f73967e8")
    }
}
