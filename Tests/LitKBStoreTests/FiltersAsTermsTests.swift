import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// The options' filters (`--year`, `--type`, `--lang`, `--has-abstract`, `--retracted`) are
/// searched as the PubMed terms the history records them as, ANDed to the query: the pages and
/// counts must be those of the filters as SQL conditions on every match.
final class FiltersAsTermsTests: XCTestCase {
    override func tearDown() {
        KnowledgeBase.newestFirstThreshold = 5_000
        super.tearDown()
    }

    func testFiltersAsTermsGiveWhatTheirConditionsGive() throws {
        var numbers = SeededNumbers(seed: 7)
        func next(_ bound: Int) -> Int { numbers.next(bound) }
        let types = ["Journal Article", "Review", "Case Reports", "Retracted Publication"]
        let records: [WorkRecord] = (0..<800).map { index in
            var record = Fixture.record(.pubmedXML, pmid: 5_000 + index, title: "Work \(index)\(next(3) == 0 ? " cited" : "")",
                                        authors: [Author(family: ["Smith", "Zhang", "Müller", "Abe"][next(4)], initials: "A")],
                                        publicationTypes: [types[next(4) == 0 ? next(types.count) : 0]],
                                        abstracts: next(2) == 0 ? [Abstract(language: "eng", sections: [AbstractSection(label: "", text: "Work about things.")])] : [])
            switch next(4) {
            case 0: record.published = nil
            case 1: record.published = nil; record.electronicPublished = PartialDate(year: 2018 + next(4), month: 1 + next(12))
            default: record.published = PartialDate(year: 2017 + next(6))
            }
            record.languages = [["eng", "ger", "fre"][next(3)]]
            record.journal = Journal(title: ["J One", "Two Journal", nil][next(3)])
            record.links = next(5) == 0 ? [Link(kind: .cites, target: Fixture.mention(pmid: 5_000 + next(800)))] : []
            return record
        }
        let kb = try KnowledgeBase()
        try kb.ingest(records)
        let filters = [
            SearchFilter(years: 2019...2020), SearchFilter(years: 2020...2020), SearchFilter(publicationTypes: ["review"]),
            SearchFilter(publicationTypes: ["Review", "case reports"], languages: ["ger"]), SearchFilter(languages: ["eng", "fre"], hasAbstract: true),
            SearchFilter(retracted: true), SearchFilter(retracted: false), SearchFilter(years: 2018...2021, hasAbstract: true, retracted: false),
        ]
        for query in ["work", "work OR cited", "cited[ti]", "smith[au]", "work NOT cited", "2019:2022[dp]"] {
            let parsed = try SearchQuery(parsing: query)
            for filter in filters {
                func reference(_ order: SearchOrder, limit: Int, offset: Int) throws -> [Int?] {
                    try kb.queue.read { db in
                        let statement = try KnowledgeBase.everyMatchStatement(db, parsed, order: order, filter: filter)
                        var ids: [Int64] = []
                        try statement.bind(limit).bind(offset).query { ids.append($0.int(0)) }
                        return try ids.map { try Int.fetchOne(db, sql: "SELECT pmid FROM work WHERE id = ?", arguments: [$0]) }
                    }
                }
                let every = try reference(.relevance, limit: 10_000, offset: 0)
                XCTAssertEqual(try kb.searchCount(parsed, filter: filter), every.count, "\(query) \(filter)")
                XCTAssertFalse(every.isEmpty, "\(query) \(filter)")
                for order in [SearchOrder.relevance, .pubdate, .firstAuthor, .journal, .cited] {
                    for (limit, offset, threshold) in [(20, 0, 5_000), (7, 5, 1), (20, 0, 1)] {
                        KnowledgeBase.newestFirstThreshold = threshold
                        XCTAssertEqual(try kb.search(parsed, limit: limit, offset: offset, order: order, filter: filter).map { $0.work.pmid?.value },
                                       try reference(order, limit: limit, offset: offset), "\(query) \(filter) \(order) \(limit) \(offset)")
                    }
                }
            }
        }
    }
}
