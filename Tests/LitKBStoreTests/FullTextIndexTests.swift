import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// Works are indexed from the tables at the end of each batch, whatever happened to them in it
/// (new, completed, merged, replaced, deleted): `work_fts` must say what the tables say.
final class FullTextIndexTests: XCTestCase {
    private func richRecord(pmid: Int, title: String, format: SourceFormat = .pubmedXML) -> WorkRecord {
        var record = Fixture.record(format, pmid: pmid, title: "  \(title) ", abstracts: [
            Abstract(language: "eng", sections: [AbstractSection(label: "BACKGROUND", nlmCategory: "BACKGROUND", text: "Alliance matters."),
                                                 AbstractSection(label: nil, text: "Unlabelled tail.")]),
            Abstract(language: "spa", kind: .publisher, sections: [AbstractSection(label: "", text: "Alianza terapéutica.")]),
        ])
        record.vernacularTitle = "Título \(pmid)"
        record.keywords = [Keyword(term: "MDMA"), Keyword(term: "alianza terapéutica", language: "spa")]
        record.mesh = [MeshHeading(descriptor: "Humans"),
                       MeshHeading(descriptor: "Stress Disorders, Post-Traumatic", major: false,
                                   qualifiers: [MeshQualifier(name: "drug therapy", major: true), MeshQualifier(name: "psychology")])]
        return record
    }

    func testNewWorksAreIndexedExactlyAsTheTablesWouldIndexThem() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([richRecord(pmid: 1, title: "First"), richRecord(pmid: 2, title: "Second"),
                       Fixture.record(.pubmedXML, pmid: 3, title: nil)])
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
        // The identifier-only record has nothing to search and gets no row.
        XCTAssertEqual(try kb.count("work_fts"), 2)
        let row = try kb.queue.read { db in try Row.fetchOne(db, sql: "SELECT title, abstract, keywords, mesh FROM work_fts WHERE rowid = (SELECT id FROM work WHERE pmid = 1)") }
        XCTAssertEqual(row?["title"], "First\nTítulo 1")
        XCTAssertEqual(row?["abstract"], "BACKGROUND: Alliance matters.\nUnlabelled tail.\n: Alianza terapéutica.")
        XCTAssertEqual(row?["keywords"], "MDMA; alianza terapéutica")
        XCTAssertEqual(row?["mesh"], "Humans; Stress Disorders, Post-Traumatic; drug therapy; psychology")
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "alianza terapeutica")).count, 2)
    }

    /// A new work is indexed from the document its record prepared: abstracts in any order must
    /// come out in the order the tables give them (main, publisher, others, plain-language
    /// summary; then kind, language with none first, position).
    func testPreparedDocumentsFollowTheTablesOrder() throws {
        var record = Fixture.record(.pubmedXML, pmid: 5, title: "Order")
        record.abstracts = [
            Abstract(language: "eng", kind: .plainLanguageSummary, sections: [AbstractSection(text: "Plain words.")]),
            Abstract(language: "spa", kind: .publisher, sections: [AbstractSection(label: "", text: "Resumen.")]),
            Abstract(language: nil, kind: AbstractKind(rawValue: "PIP"), sections: [AbstractSection(text: "No language.")]),
            Abstract(language: "ger", kind: .publisher, sections: [AbstractSection(text: "Zusammenfassung.")]),
            Abstract(language: "eng", kind: .main, sections: [AbstractSection(label: "AIMS", text: "Main."), AbstractSection(text: "More.")]),
            Abstract(language: "fre", kind: AbstractKind(rawValue: "AAMC"), sections: []),
            Abstract(language: "eng", kind: AbstractKind(rawValue: "AAMC"), sections: [AbstractSection(text: "Other kind.")]),
        ]
        let kb = try KnowledgeBase()
        try kb.ingest([record])
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
        let abstract = try kb.queue.read { db in try String.fetchOne(db, sql: "SELECT abstract FROM work_fts") }
        XCTAssertEqual(abstract, "AIMS: Main.\nMore.\nZusammenfassung.\n: Resumen.\nOther kind.\nNo language.\nPlain words.")
    }

    /// A record's own references can merge its new work with another while it is written: the
    /// document it prepared must then give way to what the tables say. (Found in review.)
    func testAMergeDuringTheRecordsOwnWriteWinsOverItsPreparedDocument() throws {
        // Its new work folded into an older one (that one holds the PMCID, the record the DOI).
        let mergedAway = try KnowledgeBase()
        try mergedAway.ingest([Fixture.record(.pageText, pmid: nil, pmcid: "PMC5", title: "W title")])
        var record = Fixture.record(.pubmedXML, pmid: 100, doi: "10.1000/r", title: "Psilocybin trial",
                                    abstracts: [Abstract(language: "eng", sections: [AbstractSection(text: "R abstract.")])])
        record.links = [Link(kind: .cites, target: WorkMention(ids: Identifiers(pmcid: PMCID("PMC5"), doi: DOI("10.1000/r")))),
                        // The stub of the next reference may be given the deleted work's id.
                        Link(kind: .cites, target: Fixture.mention(pmid: 777, title: "Some other paper"))]
        try mergedAway.ingest([record], file: "b.xml")
        XCTAssertEqual(try mergedAway.fullTextIndexMismatches(), [])
        let hits = try mergedAway.search(SearchQuery(parsing: "psilocybin"))
        XCTAssertEqual(hits.map(\.work.pmid), [PMID(100)], "found once, as the merged work that has PMID 100")
        // The record's work stayed and took the other in: its later links and provenance
        // belong to a work that exists, and the next stub inherits nothing.
        XCTAssertEqual(try mergedAway.count("work", where: "pmid = 100 AND pmcid = 'PMC5' AND doi = '10.1000/r'"), 1)
        XCTAssertEqual(try mergedAway.count("link", where: "from_work = (SELECT id FROM work WHERE pmid = 100) AND to_work = (SELECT id FROM work WHERE pmid = 777)"), 1)
        XCTAssertEqual(try mergedAway.count("link", where: "from_work = (SELECT id FROM work WHERE pmid = 777)"), 0)
        XCTAssertEqual(try mergedAway.count("work_source", where: "work_id = (SELECT id FROM work WHERE pmid = 777)"), 0)
        XCTAssertEqual(try mergedAway.inconsistencies(), [])

        // An older DOI-only work, with an abstract, folded into the new one.
        let absorbed = try KnowledgeBase()
        try absorbed.ingest([Fixture.record(.pageText, pmid: nil, doi: "10.1000/w", title: "W title",
                                            abstracts: [Abstract(language: "eng", sections: [AbstractSection(text: "Absorbed abstract.")])])])
        var absorbing = Fixture.record(.pubmedXML, pmid: 100, title: "R title")
        absorbing.links = [Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(100), doi: DOI("10.1000/w"))))]
        try absorbed.ingest([absorbing], file: "b.xml")
        XCTAssertEqual(try absorbed.fullTextIndexMismatches(), [])
        XCTAssertEqual(try absorbed.search(SearchQuery(parsing: "absorbed")).map(\.work.pmid), [PMID(100)])
    }

    /// Language codes Swift holds equal (canonically equivalent) but SQLite orders by their bytes.
    func testPreparedDocumentsOrderLanguagesByTheirBytes() throws {
        var record = Fixture.record(.pubmedXML, pmid: 5, title: "Order")
        record.abstracts = [
            Abstract(language: "\u{E9}", kind: .publisher, sections: [AbstractSection(text: "Precomposed.")]),
            Abstract(language: "e\u{301}", kind: .publisher, sections: [AbstractSection(text: "Decomposed.")]),
        ]
        let kb = try KnowledgeBase()
        try kb.ingest([record])
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
    }

    func testChangedMergedAndDeletedWorksStayInStep() throws {
        let kb = try KnowledgeBase()
        // One batch: a record, its stub's own record later in the same batch, a second version.
        try kb.ingest([
            Fixture.record(.pageText, pmid: 10, title: "Page", links: [Link(kind: .cites, target: Fixture.mention(doi: "10.1/x", title: "Cited by DOI", year: 2020))]),
            richRecord(pmid: 11, title: "Version one"),
            { var record = richRecord(pmid: 11, title: "Version two"); record.ids.pmidVersion = 2; return record }(),
        ], file: "one.xml")
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
        // Later batches: the DOI stub's record (merge by DOI), a better source over the page, a deletion.
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 12, doi: "10.1/x", title: "Cited by DOI, full record")], file: "two.xml")
        try kb.ingest([richRecord(pmid: 10, title: "Page, now from XML")], file: "three.xml")
        let source = try kb.registerSource(SourceFileInput(path: "delete.xml", sha256: "d", format: .pubmedXML, size: 1))
        _ = try kb.deleteRecords([PMID(11)!], from: source, location: SourceLocation(file: "delete.xml"))
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "\"version two\"")).count, 0, "the deleted record is no longer found")
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "\"full record\"")).count, 1)
    }

    func testTheCheckFindsAStaleRow() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([richRecord(pmid: 1, title: "First")])
        let id = try kb.queue.write { db -> Int64 in
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmid = 1")!
            try db.execute(sql: "UPDATE work SET title = 'Changed behind the index' WHERE id = ?", arguments: [id])
            return id
        }
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [id])
    }
}
