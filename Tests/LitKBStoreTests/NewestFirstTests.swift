import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// A search without words lists its works newest first. Many matches are read down the
/// publication-date index instead of sorted whole: the page must be the sorted page exactly,
/// dates with and without months or days, electronic dates, no dates, records and stubs alike.
final class NewestFirstTests: XCTestCase {
    override func tearDown() {
        KnowledgeBase.newestFirstThreshold = 5_000
        super.tearDown()
    }

    func testThePageReadDownTheDateIndexIsTheSortedPage() throws {
        var state: UInt64 = 99
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        let headings = ["Humans", "Female", "Aged", "Mice", "Asthma"]
        let types = ["Journal Article", "Review", "Case Reports"]
        let records: [WorkRecord] = (0..<1_500).map { index in
            var record = Fixture.record(.pubmedXML, pmid: 1_000 + index, title: "Work \(index)",
                                        publicationTypes: [types[next(types.count)]])
            // Few distinct dates, so that many works share one: the ties are where order is decided.
            switch next(6) {
            case 0: record.published = nil
            case 1: record.published = PartialDate(year: 2019 + next(3))
            case 2: record.published = PartialDate(year: 2019 + next(3), month: 1 + next(3))
            case 3: record.published = PartialDate(year: 2019 + next(3), month: 1 + next(2), day: 1 + next(3))
            case 4: record.published = nil; record.electronicPublished = PartialDate(year: 2020 + next(2), month: 1 + next(2), day: 1 + next(2))
            default: record.published = nil; record.electronicPublished = PartialDate(year: 2021)
            }
            record.mesh = headings.filter { _ in next(2) == 0 }.map { MeshHeading(descriptor: $0, major: next(2) == 0) }
            record.languages = next(3) == 0 ? ["ger"] : ["eng"]
            // References make stubs: undated works matched by nothing here, and records' citations.
            record.links = next(4) == 0 ? [Link(kind: .cites, target: Fixture.mention(pmid: 900_000 + next(300), title: "Cited"))] : []
            return record
        }
        let kb = try KnowledgeBase()
        try kb.ingest(records)
        // A day without a month (no parser writes one, the schema allows it): January by the
        // index's date, before all of January by the sort key.
        try kb.queue.write { db in
            try db.execute(sql: "UPDATE work SET month = NULL, day = 3, year = 2021 WHERE pmid IN (1000, 1001, 1002)")
            try db.execute(sql: "UPDATE work SET year = 2021, month = 1, day = 2 WHERE pmid IN (1003, 1004)")
        }
        let queries = ["humans[mh]", "female[mh]", "review[pt]", "mice[majr]", "eng[la]", "\"journal article\"[pt]"]
        for query in queries {
            let parsed = try SearchQuery(parsing: query)
            for (limit, offset) in [(20, 0), (5, 3), (1, 0), (50, 40), (200, 0), (20, 300)] {
                for order in [SearchOrder.relevance, .pubdate] {
                    KnowledgeBase.newestFirstThreshold = .max
                    let sorted = try kb.search(parsed, limit: limit, offset: offset, order: order).map(\.work.pmid)
                    KnowledgeBase.newestFirstThreshold = 1
                    let read = try kb.queue.read { db in try KnowledgeBase.pageNewestFirst(db, parsed, limit: limit, offset: offset) }
                    // Past the dated matches it leaves the page to the sort (the undated come last).
                    if limit + offset <= 200 { XCTAssertNotNil(read, "\(query) \(limit) \(offset)") }
                    let page = try kb.search(parsed, limit: limit, offset: offset, order: order).map(\.work.pmid)
                    XCTAssertEqual(page, sorted, "\(query), limit \(limit), offset \(offset), \(order)")
                    XCTAssertFalse(sorted.isEmpty, query)
                }
            }
        }
        // The January rule, alone: A has a day and no month (the index's 2021-01-20, after all of
        // January by the key), B and C are of January; the page of one is B.
        let edge = try KnowledgeBase()
        var dated = [(7001, PartialDate(year: 2021, month: 1, day: 10)), (7002, PartialDate(year: 2021, month: 1, day: 5)),
                     (7003, PartialDate(year: 2020, month: 6, day: 1))].map { pmid, date in
            var record = Fixture.record(.pubmedXML, pmid: pmid, title: "Edge \(pmid)", publicationTypes: ["Review"])
            record.published = date
            return record
        }
        dated.append(Fixture.record(.pubmedXML, pmid: 7000, title: "Edge 7000", year: 2021, publicationTypes: ["Review"]))
        try edge.ingest(dated)
        try edge.queue.write { db in try db.execute(sql: "UPDATE work SET day = 20 WHERE pmid = 7000") }
        KnowledgeBase.newestFirstThreshold = 1
        let edgeQuery = try SearchQuery(parsing: "review[pt]")
        XCTAssertEqual(try edge.search(edgeQuery, limit: 1).map(\.work.pmid), [PMID(7001)])
        XCTAssertEqual(try edge.search(edgeQuery, limit: 3).map(\.work.pmid), [PMID(7001), PMID(7002), PMID(7000)])

        // A Boolean or a date is left to the sort; so is a search with too few matches.
        KnowledgeBase.newestFirstThreshold = 1
        for query in ["humans[mh] AND 2020[dp]", "2020[dp]", "female[mh] AND aged[mh]"] {
            XCTAssertNil(try kb.queue.read { db in try KnowledgeBase.pageNewestFirst(db, SearchQuery(parsing: query), limit: 20, offset: 0) }, query)
        }
        KnowledgeBase.newestFirstThreshold = 5_000
        XCTAssertNil(try kb.queue.read { db in try KnowledgeBase.pageNewestFirst(db, SearchQuery(parsing: "humans[mh]"), limit: 20, offset: 0) })
    }
}
