import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// `--sort first-author` over many works sorts only those whose first author's key in the
/// blocks (`work_author_key`) can reach the page: the page must be the one SQL's sort of every
/// match gives, names sharing their first bytes, differing in case, with diacritics, groups,
/// works without authors, records and stubs alike; and the keys must follow every write.
final class FirstAuthorOrderTests: XCTestCase {
    override func tearDown() {
        KnowledgeBase.newestFirstThreshold = 5_000
        super.tearDown()
    }

    private static let names: [String?] = [
        "Smith", "smith", "SMITH", "Smithson", "Smit", "Smíth", "Ångström", "O'Brien", "obrien", "van der Berg", "Van Der Berg",
        "Zhang", "zhang", "Ab", "A", "", "Élan", "elan", "Müller", "Muller", "MacDonald", "Mac", "Machado", nil,
    ]

    private func author(_ index: Int) -> [Author] {
        switch Self.names[index % Self.names.count] {
        case .none: index / 24 % 2 == 0 ? [] : [Author(collective: index / 24 % 4 == 1 ? "WHO Group" : "who group")]
        case .some(let family): [Author(family: family, initials: "A"), Author(family: "Second", initials: "B")]
        }
    }

    private func assertPagesAreTheSortedPages(_ kb: KnowledgeBase, _ queries: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        for query in queries {
            let parsed = try SearchQuery(parsing: query)
            for (limit, offset) in [(20, 0), (5, 3), (1, 0), (50, 40), (200, 0), (20, 300), (10, 590)] {
                KnowledgeBase.newestFirstThreshold = 5_000
                let sorted = try kb.queue.read { db in
                    let statement = try KnowledgeBase.everyMatchStatement(db, parsed, order: .firstAuthor, filter: SearchFilter())
                    var ids: [Int64] = []
                    try statement.bind(limit).bind(offset).query { ids.append($0.int(0)) }
                    return ids
                }
                KnowledgeBase.newestFirstThreshold = 1
                let page = try kb.queue.read { db in
                    try KnowledgeBase.page(db, of: QuerySet(db).works(parsed.root), order: .firstAuthor, limit: limit, offset: offset).map(\.id)
                }
                XCTAssertEqual(page, sorted, "\(query), limit \(limit), offset \(offset)", file: file, line: line)
                let pmids = try kb.queue.read { db in
                    try sorted.map { try Int.fetchOne(db, sql: "SELECT pmid FROM work WHERE id = ?", arguments: [$0]) }
                }
                XCTAssertEqual(try kb.search(parsed, limit: limit, offset: offset, order: .firstAuthor).map { $0.work.pmid?.value }, pmids,
                               "\(query), limit \(limit), offset \(offset)", file: file, line: line)
                if offset == 0 { XCTAssertFalse(sorted.isEmpty, query, file: file, line: line) }
            }
        }
    }

    func testThePageOfTheKeysIsTheSortedPage() throws {
        let types = ["Journal Article", "Review"]
        let records = (0..<600).map { index in
            var record = Fixture.record(.pubmedXML, pmid: 1_000 + index, title: "Work \(index)", publicationTypes: [types[index % 3 == 0 ? 1 : 0]])
            record.authors = author(index * 7)
            // References make stubs with authors: records come before them on ties.
            if index % 5 == 0 {
                let cited = WorkMention(ids: Identifiers(pmid: PMID(900_000 + index)), title: "Cited \(index)", authors: author(index))
                record.links = [Link(kind: .cites, target: cited)]
            }
            return record
        }
        let kb = try KnowledgeBase()
        try kb.ingest(records)
        try kb.queue.read { db in
            XCTAssertEqual(try WorkAuthorKeys.mismatches(db), [])
            // The keys narrow the sort: the first 20 of 600 come from far fewer than 600.
            let all = try QuerySet(db).works(SearchQuery(parsing: "\"journal article\"[pt] OR review[pt]").root)
            let candidates = try XCTUnwrap(WorkAuthorKeys.first(of: all.ids, through: 20, db))
            XCTAssertLessThan(candidates.count, 200)
            XCTAssertGreaterThanOrEqual(candidates.count, 20)
            // Past the works with a first author the page is every match sorted.
            XCTAssertNil(try WorkAuthorKeys.first(of: all.ids, through: all.count, db))
        }
        XCTAssertEqual(WorkAuthorKeys.key("Smith"), WorkAuthorKeys.key("sMITh"))
        XCTAssertEqual(WorkAuthorKeys.key("Smit"), WorkAuthorKeys.key("Smith"))
        XCTAssertLessThan(WorkAuthorKeys.key("Smi"), WorkAuthorKeys.key("Smit"))
        XCTAssertLessThan(WorkAuthorKeys.key(""), WorkAuthorKeys.key("A"))
        XCTAssertLessThan(WorkAuthorKeys.key("Zhang"), WorkAuthorKeys.key("Élan"))
        XCTAssertLessThan(WorkAuthorKeys.key("ÿÿÿÿ"), WorkAuthorKeys.none)
        try assertPagesAreTheSortedPages(kb, ["\"journal article\"[pt] OR review[pt]", "review[pt]", "work[ti] OR cited[ti]"])

        // New versions move three works' first authors; a reference gives a stub its authors;
        // a record is deleted (its authors with it). The keys follow, and the pages with them.
        var changed = [records[1], records[2], records[3]]
        for index in changed.indices {
            changed[index].ids.pmidVersion = 2
            changed[index].authors = [Author(family: ["Aaron", "Zzyzx", "aardvark"][index], initials: "Q")]
        }
        try kb.ingest(changed)
        let source = try kb.registerSource(SourceFileInput(path: "delete.xml", sha256: "d", format: .pubmedXML, size: 1))
        XCTAssertEqual(try kb.deleteRecords([PMID(1_004)!], from: source, location: SourceLocation(file: "delete.xml")).deleted, 1)
        try kb.queue.read { db in XCTAssertEqual(try WorkAuthorKeys.mismatches(db), []) }
        try assertPagesAreTheSortedPages(kb, ["\"journal article\"[pt] OR review[pt]", "work[ti] OR cited[ti]"])
        let page = try kb.search(SearchQuery(parsing: "work[ti]"), limit: 100, order: .firstAuthor).compactMap { $0.work.pmid?.value }
        XCTAssertLessThan(try XCTUnwrap(page.firstIndex(of: 1_003)), try XCTUnwrap(page.firstIndex(of: 1_001)), "aardvark before Aaron")
        XCTAssertFalse(page.contains(1_002), "Zzyzx is last but for the works without authors")
    }

    /// `check` finds a block whose keys differ from the authors, and `--repair` writes them again.
    func testCheckFindsAndRepairRebuildsTheKeys() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, title: "One", authors: [Author(family: "Smith", initials: "J")])])
        XCTAssertEqual(try kb.healthCheck().authorKeyMismatches, [])
        try kb.queue.write { db in try db.execute(sql: "UPDATE author SET family = 'Jones'") }
        XCTAssertEqual(try kb.healthCheck().authorKeyMismatches.count, 1)
        try kb.rebuildAuthorKeys()
        XCTAssertEqual(try kb.healthCheck().authorKeyMismatches, [])
    }
}
