import Foundation
import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// `[ad]` reads the index of affiliation words (`affiliation_fts`): what it finds must be what
/// the scan of every folded affiliation it replaced finds, after every kind of write.
final class AffiliationIndexTests: XCTestCase {
    private func record(_ pmid: Int, _ affiliations: [[String]], format: SourceFormat = .pubmedXML, doi: String? = nil, version: Int? = nil) -> WorkRecord {
        Fixture.record(format, pmid: pmid, doi: doi, title: "Work \(pmid)",
                       authors: affiliations.enumerated().map { Author(family: "Author\($0.offset)", initials: "A", affiliations: $0.element) },
                       version: version)
    }

    /// The PMIDs whose affiliations hold the words, by the scan `[ad]` was before the index.
    private func scanned(_ kb: KnowledgeBase, _ words: String, prefix: Bool = false) throws -> [Int] {
        try kb.queue.read { db in
            try Int.fetchAll(db, sql: """
                SELECT DISTINCT w.pmid FROM affiliation f JOIN work w ON w.id = f.work_id
                WHERE (' ' || litkb_fold(f.affiliation) || ' ') LIKE ? ORDER BY 1
                """, arguments: [SearchFolding.likeWords(SearchFolding.fold(words), prefix: prefix)])
        }
    }

    private func found(_ kb: KnowledgeBase, _ query: String) throws -> [Int] {
        let parsed = try SearchQuery(parsing: query)
        let pmids = try kb.search(parsed, limit: 100).compactMap { $0.work.pmid?.value }.sorted()
        XCTAssertEqual(try kb.searchCount(parsed), pmids.count, query)
        return pmids
    }

    private func assertInStep(_ kb: KnowledgeBase, file: StaticString = #filePath, line: UInt = #line) throws {
        try kb.queue.read { db in XCTAssertEqual(try AffiliationIndex.mismatches(db), [], file: file, line: line) }
    }

    func testAffiliationSearchFollowsTheRecords() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([
            record(1, [["Dept. of Medicine, Université de Montréal, Montréal, Canada"], ["Shanghai Jiao Tong University, Shanghai, China"]]),
            record(2, [["Harvard Medical School, Boston, MA"], ["Harvard Medical School, Boston, MA"]]),
            record(3, [["Department of Psychiatry", "Medicine Faculty, Oslo"]]),
            record(4, []),
        ])
        try assertInStep(kb)
        let expected: [(String, [Int])] = [
            ("montreal[ad]", [1]), ("MONTRÉAL[ad]", [1]), ("shanghai jiao tong[ad]", [1]), ("jiao tong shanghai[ad]", []),
            // Two affiliations of one author are not one text: no phrase runs from one into the next.
            ("psychiatry medicine[ad]", []), ("medic*[ad]", [1, 2, 3]), ("harvard medical scho*[ad]", [2]),
            ("harvard[ad] AND boston[ad]", [2]), ("medicine[ad] NOT china[ad]", [3]), ("oslo[ad] OR china[ad]", [1, 3]),
        ]
        for (query, pmids) in expected {
            XCTAssertEqual(try found(kb, query), pmids, query)
        }
        for words in ["montreal", "shanghai jiao tong", "jiao tong shanghai", "psychiatry medicine", "harvard", "oslo"] {
            XCTAssertEqual(try found(kb, "\(words)[ad]"), try scanned(kb, words), words)
        }
        XCTAssertEqual(try found(kb, "medic*[ad]"), try scanned(kb, "medic", prefix: true))
        XCTAssertThrowsError(try found(kb, "\"--\"[ad]"))

        // A new version replaces PMID 1's affiliations; a page's record of PMID 3 (ranked
        // lower) leaves its own.
        try kb.ingest([record(1, [["Karolinska Institutet, Stockholm"]], version: 2), record(3, [["Nowhere Else"]], format: .pageText)])
        try assertInStep(kb)
        XCTAssertEqual(try found(kb, "montreal[ad]"), [])
        XCTAssertEqual(try found(kb, "karolinska[ad]"), [1])
        XCTAssertEqual(try found(kb, "oslo[ad]"), [3])

        // A work known by its DOI alone, with affiliations, and a stub of PMID 500: one record
        // shows them one work, and the DOI work's affiliations move to the PMID's.
        try kb.ingest([record(7, [["Lister Institute, London"]]).with(links: [Link(kind: .cites, target: Fixture.mention(pmid: 500))])])
        var byDOI = record(0, [["Institut Pasteur, Paris"]], format: .pageText, doi: "10.5555/aff.one")
        byDOI.ids.pmid = nil
        try kb.ingest([byDOI])
        XCTAssertEqual(try kb.searchCount(SearchQuery(parsing: "pasteur[ad]")), 1)
        let outcome = try kb.ingest([Fixture.record(.pubmedXML, pmid: 500, doi: "10.5555/aff.one", title: "The work itself")], file: "own.xml")
        XCTAssertEqual(outcome.merged, 1, "\(outcome.notes)")
        try assertInStep(kb)
        XCTAssertEqual(try found(kb, "pasteur[ad]"), [500])
        XCTAssertEqual(try found(kb, "paris[ad] OR london[ad]"), [7, 500])

        // A deleted record keeps no affiliation words.
        let source = try kb.registerSource(SourceFileInput(path: "delete.xml", sha256: "d", format: .pubmedXML, size: 1))
        XCTAssertEqual(try kb.deleteRecords([PMID(2)!], from: source, location: SourceLocation(file: "delete.xml")).deleted, 1)
        try assertInStep(kb)
        XCTAssertEqual(try found(kb, "harvard[ad]"), [])
        XCTAssertEqual(try found(kb, "medic*[ad]"), try scanned(kb, "medic", prefix: true))
    }

    /// `check` finds a work whose row says other words than its affiliations, and `--repair`
    /// writes the index again.
    func testCheckFindsAndRepairRebuildsTheIndex() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([record(1, [["Karolinska Institutet, Stockholm"]]), record(2, [["Institut Pasteur, Paris"]])])
        XCTAssertEqual(try kb.healthCheck().affiliationIndexMismatches, [])
        try kb.queue.write { db in
            try db.execute(sql: """
                INSERT INTO affiliation_fts (affiliation_fts, rowid, words)
                SELECT 'delete', id, 'karolinska institutet stockholm' FROM work WHERE pmid = 1
                """)
        }
        XCTAssertEqual(try found(kb, "karolinska[ad]"), [])
        let report = try kb.healthCheck()
        XCTAssertEqual(report.affiliationIndexMismatches.count, 1)
        XCTAssertTrue(report.affiliationIndexMismatches[0].hasPrefix("1 works ("), report.affiliationIndexMismatches[0])
        try kb.rebuildAffiliationIndex()
        XCTAssertEqual(try kb.healthCheck().affiliationIndexMismatches, [])
        XCTAssertEqual(try found(kb, "karolinska[ad]"), [1])
    }

    /// A version 18 database gains the index, built from the affiliations it holds.
    func testVersionEighteenDatabaseGainsTheIndex() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-affiliations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kb.sqlite").path
        try KnowledgeBase(path: path).ingest([record(1, [["Karolinska Institutet, Stockholm"]]), record(2, [["Institut Pasteur, Paris"]])])
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                DROP TABLE affiliation_token; DROP TABLE affiliation_fts; DELETE FROM grdb_migrations WHERE identifier IN ('19-affiliation-index', '20-first-author-keys'); PRAGMA user_version = 18;
                """)
        }
        let kb = try KnowledgeBase(path: path)
        XCTAssertEqual(try kb.schemaVersion(), 20)
        XCTAssertEqual(try found(kb, "institut*[ad]"), [1, 2])
        XCTAssertEqual(try found(kb, "paris[ad]"), [2])
        try assertInStep(kb)
    }
}

private extension WorkRecord {
    func with(links: [Link]) -> WorkRecord {
        var record = self
        record.links = links
        return record
    }
}
