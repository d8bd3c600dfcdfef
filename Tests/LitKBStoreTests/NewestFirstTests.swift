import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// A search without words lists its works newest first. Many matches are read down the
/// publication-date index instead of sorted whole: the page must be the sorted page exactly,
/// dates with and without months or days, electronic dates, no dates, records and stubs alike.
final class NewestFirstTests: XCTestCase {
    override func tearDown() {
        WorkFlags.minimumWorks = 20_000
        WorkFlags.readWholeFrom = 150_000
        KnowledgeBase.newestFirstThreshold = 5_000
        super.tearDown()
    }

    func testThePageReadDownTheDateIndexIsTheSortedPage() throws {
        var numbers = SeededNumbers(seed: 99)
        func next(_ bound: Int) -> Int { numbers.next(bound) }
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
            // Marked by the triggers; a writer's batch rewrites them as it ends.
            XCTAssertGreaterThan(try Int.fetchOne(db, sql: "SELECT count(*) FROM work_date_stale") ?? 0, 0)
            try WorkDates.refreshStale(in: db)
            // Every heading, type and language of 100 works or more gets a flag, tested on other
            // terms' works instead of read.
            WorkFlags.minimumWorks = 100
            // And those of 300 works or more are read from every block of flags, not their index.
            WorkFlags.readWholeFrom = 300
            try WorkFlags.rebuild(in: db)
            XCTAssertEqual(try WorkFlags.terms(db).map { "\($0.field):\($0.key)" }.sorted(),
                           ["la:eng", "la:ger", "mh:aged", "mh:asthma", "mh:female", "mh:humans", "mh:mice", "pt:case reports",
                            "pt:journal article", "pt:review", "sb:hasabstract"])
        }
        // The works found in memory are the works SQL finds.
        for query in ["humans[mh] AND 2020[dp]", "female[mh] AND aged[mh]", "humans[mh] OR ger[la]", "review[pt] NOT mice[mh]",
                      "work AND (humans[mh] NOT 2021[dp])", "cited[ti] OR review[pt]", "(2019[dp] OR 2021[dp]) AND eng[la]",
                      "\"journal article\"[pt] NOT 2020[dp]", "2019:2020/02[dp] AND humans[mh]", "review[pt] AND 2021/01/02:2021/01/03[dp]",
                      "2020[dp] AND ger[la]", "(work AND humans[mh]) NOT mice[mh]", "2019[dp] AND NOT review[pt]".replacingOccurrences(of: "AND NOT", with: "NOT"),
                      "cited[ti] NOT eng[la]", "asthma[mh] NOT \"case reports\"[pt]"] {
            let root = try SearchQuery(parsing: query).root
            try kb.queue.read { db in
                XCTAssertEqual(try WorkFlags.mismatches(db), [])
                XCTAssertNotNil(try WorkFlags.works(of: ("mh", "humans"), capacity: QuerySet(db).capacity, db))
                let inMemory = try QuerySet(db).works(root).ids
                let statement = try FastStatement(db, try QuerySQL.set(root).sql)
                try QuerySQL.set(root).bind(to: statement)
                var bySQL: [Int64] = []
                try statement.query { bySQL.append($0.int(0)) }
                XCTAssertEqual(inMemory, bySQL.sorted(), query)
                XCTAssertFalse(inMemory.isEmpty, query)
            }
        }
        let queries = ["humans[mh]", "female[mh]", "review[pt]", "mice[majr]", "eng[la]", "\"journal article\"[pt]",
                       "humans[mh] AND 2020[dp]", "2020[dp]", "2019:2020/02[dp]", "female[mh] AND aged[mh]", "humans[mh] OR ger[la]",
                       "review[pt] NOT mice[mh]", "(2019[dp] OR 2021[dp]) AND eng[la]", "ger[la] NOT 2020[dp]"]
        for query in queries {
            let parsed = try SearchQuery(parsing: query)
            for (limit, offset) in [(20, 0), (5, 3), (1, 0), (50, 40), (200, 0), (20, 300)] {
                for order in [SearchOrder.relevance, .pubdate] {
                    // The reference: every match found and sorted by SQL alone.
                    let sorted = try kb.queue.read { db in
                        let statement = try KnowledgeBase.everyMatchStatement(db, parsed, order: order, filter: SearchFilter())
                        var ids: [Int64] = []
                        try statement.bind(limit).bind(offset).query { ids.append($0.int(0)) }
                        return try ids.map { id -> PMID? in try Int.fetchOne(db, sql: "SELECT pmid FROM work WHERE id = ?", arguments: [id]).flatMap { PMID($0) } }
                    }
                    KnowledgeBase.newestFirstThreshold = 1
                    let candidates = try kb.queue.read { db in
                        try WorkDates.newest(of: QuerySet(db).works(parsed.root), through: limit + offset, db)
                    }
                    // Past the dated matches it leaves the page to the sort (the undated come last).
                    if limit + offset <= 50 { XCTAssertNotNil(candidates, "\(query) \(limit) \(offset)") }
                    let page = try kb.search(parsed, limit: limit, offset: offset, order: order).map(\.work.pmid)
                    XCTAssertEqual(page, sorted, "\(query), limit \(limit), offset \(offset), \(order)")
                    if offset == 0 { XCTAssertFalse(sorted.isEmpty, query) }
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
        try edge.queue.write { db in
            try db.execute(sql: "UPDATE work SET day = 20 WHERE pmid = 7000")
            try WorkDates.refreshStale(in: db)
        }
        KnowledgeBase.newestFirstThreshold = 1
        let edgeQuery = try SearchQuery(parsing: "review[pt]")
        XCTAssertEqual(try edge.search(edgeQuery, limit: 1).map(\.work.pmid), [PMID(7001)])
        XCTAssertEqual(try edge.search(edgeQuery, limit: 3).map(\.work.pmid), [PMID(7001), PMID(7002), PMID(7000)])

    }
    /// A Boolean query with words ranks its works by the words' BM25, read in one pass over
    /// their matches among the query's works (`QuerySet`): the page must be the page SQL
    /// gives, sorting every match, records before stubs and works the words miss after both.
    func testBooleanPagesRankedWithinTheirWorksAreTheSortedPages() throws {
        var state: UInt64 = 7
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
        let vocabulary = ["asthma", "child", "wheeze", "cancer", "therapy", "trial", "mice", "cohort", "risk", "sleep"]
        let records: [WorkRecord] = (0..<800).map { index in
            let words = (0..<(2 + next(9))).map { _ in vocabulary[next(vocabulary.count)] }
            var record = Fixture.record(.pubmedXML, pmid: 5_000 + index, title: words.joined(separator: " "), year: 2015 + next(8),
                                        publicationTypes: [next(4) == 0 ? "Review" : "Journal Article"])
            record.mesh = ["Humans", "Mice", "Asthma"].filter { _ in next(2) == 0 }.map { MeshHeading(descriptor: $0) }
            // Stubs whose titles hold the same words: ranked below every record.
            record.links = next(3) == 0 ? [Link(kind: .cites, target: Fixture.mention(pmid: 800_000 + next(400), title: "asthma child risk"))] : []
            return record
        }
        let kb = try KnowledgeBase()
        try kb.ingest(records)
        for query in ["asthma AND humans[mh]", "(asthma OR wheeze) AND 2018:2020[dp] NOT review[pt]", "child AND (mice[mh] OR review[pt])",
                      "sleep NOT asthma[mh]", "risk AND 2016[dp]", "therapy[ti] AND humans[mh] AND mice[mh]", "asthma OR review[pt]"] {
            let parsed = try SearchQuery(parsing: query)
            XCTAssertNotNil(parsed.rankPattern, query)
            for (limit, offset, order) in [(1, 0, SearchOrder.relevance), (5, 0, .relevance), (20, 0, .relevance), (300, 0, .relevance),
                                           (1, 0, .pubdate), (20, 0, .pubdate), (10, 15, .pubdate), (300, 0, .pubdate)] {
                // Newest first, with words: dates from the blocks, then BM25 among works of a date.
                KnowledgeBase.newestFirstThreshold = 1
                let sorted = try kb.queue.read { db in
                    let statement = try KnowledgeBase.everyMatchStatement(db, parsed, order: order, filter: SearchFilter())
                    var ids: [Int64] = []
                    try statement.bind(limit).bind(offset).query { ids.append($0.int(0)) }
                    return try ids.map { id -> PMID? in try Int.fetchOne(db, sql: "SELECT pmid FROM work WHERE id = ?", arguments: [id]).flatMap { PMID($0) } }
                }
                XCTAssertFalse(sorted.isEmpty, query)
                XCTAssertEqual(try kb.search(parsed, limit: limit, offset: offset, order: order).map(\.work.pmid), sorted,
                               "\(query), limit \(limit), offset \(offset), \(order)")
            }
        }
        // Words alone, newest first.
        for query in ["asthma", "child OR sleep", "\"cancer therapy\""] {
            let parsed = try SearchQuery(parsing: query)
            XCTAssertNotNil(parsed.pattern, query)
            let sorted = try kb.queue.read { db in
                let statement = try KnowledgeBase.everyMatchStatement(db, parsed, order: .pubdate, filter: SearchFilter())
                var ids: [Int64] = []
                try statement.bind(20).bind(0).query { ids.append($0.int(0)) }
                return ids
            }
            let page = try kb.queue.read { db in try KnowledgeBase.pageNewestFirst(db, parsed, limit: 20, offset: 0) }
            XCTAssertEqual(page?.map(\.id), sorted, query)
            XCTAssertFalse(sorted.isEmpty, query)
        }
    }
    /// The date blocks follow the records: a later version of a record with another date
    /// rewrites its block, a block marked stale is not read (the page is the sorted page still),
    /// and `mismatches` names a block that differs from the work table.
    func testTheDateBlocksFollowTheWorkTable() throws {
        KnowledgeBase.newestFirstThreshold = 1
        let kb = try KnowledgeBase()
        try kb.ingest((0..<30).map { Fixture.record(.pubmedXML, pmid: 100 + $0, title: "Work \($0)", year: 1990 + $0, publicationTypes: ["Review"]) })
        let query = try SearchQuery(parsing: "review[pt]")
        XCTAssertEqual(try kb.search(query, limit: 2).compactMap { $0.work.pmid?.value }, [129, 128])
        // PMID 100, from 1990 to 2030: first now.
        var moved = Fixture.record(.pubmedXML, pmid: 100, title: "Work 0", year: 2030, publicationTypes: ["Review"], version: 2)
        moved.published = PartialDate(year: 2030, month: 5)
        try kb.ingest([moved])
        XCTAssertEqual(try kb.search(query, limit: 2).compactMap { $0.work.pmid?.value }, [100, 129])
        try kb.queue.read { db in
            XCTAssertEqual(try WorkDates.mismatches(db), [])
            XCTAssertNotNil(try WorkDates.newest(of: QuerySet(db).works(query.root), through: 2, db))
        }
        // A date changed outside a batch: its block is marked, not read, until a writer rewrites it.
        try kb.queue.write { db in try db.execute(sql: "UPDATE work SET year = 2040 WHERE pmid = 105") }
        try kb.queue.read { db in
            XCTAssertNil(try WorkDates.newest(of: QuerySet(db).works(query.root), through: 2, db))
            XCTAssertEqual(try WorkDates.mismatches(db).count, 2, "the mark, and the block's old date")
        }
        XCTAssertEqual(try kb.search(query, limit: 2).compactMap { $0.work.pmid?.value }, [105, 100])
        try kb.queue.write { db in try WorkDates.refreshStale(in: db) }
        try kb.queue.read { db in XCTAssertEqual(try WorkDates.mismatches(db), []) }
        XCTAssertEqual(try kb.search(query, limit: 3).compactMap { $0.work.pmid?.value }, [105, 100, 129])
        // A block that says otherwise than the table is found.
        try kb.queue.write { db in try db.execute(sql: "UPDATE work_date SET dates = zeroblob(16384)") }
        try kb.queue.read { db in XCTAssertEqual(try WorkDates.mismatches(db), ["works 0–4095: their dates in work_date differ from the work table's"]) }
        try kb.queue.write { db in try WorkDates.rebuild(in: db) }
        try kb.queue.read { db in XCTAssertEqual(try WorkDates.mismatches(db), []) }
    }
    /// The flags follow the records: a later version with other headings, new records and a
    /// merge rewrite their blocks in the batch, and the terms are chosen again as the works double.
    func testTheFlagsFollowTheRecords() throws {
        WorkFlags.minimumWorks = 3
        let kb = try KnowledgeBase()
        func record(_ pmid: Int, _ headings: [String], language: String = "eng") -> WorkRecord {
            var record = Fixture.record(.pubmedXML, pmid: pmid, title: "Trial \(pmid)", year: 2000 + pmid % 20, publicationTypes: ["Review"])
            record.mesh = headings.map { MeshHeading(descriptor: $0) }
            record.languages = [language]
            return record
        }
        try kb.ingest((1...6).map { record($0, $0 % 2 == 0 ? ["Humans", "Mice"] : ["Humans"]) })
        try kb.queue.write { db in try WorkFlags.rebuild(in: db) }
        let mice = try SearchQuery(parsing: "trial NOT mice[mh]")
        XCTAssertEqual(try kb.search(mice, limit: 10).compactMap { $0.work.pmid?.value }.sorted(), [1, 3, 5])
        // PMID 1 gains Mice, PMID 2 loses it, PMID 7 arrives with it.
        // The new versions alone first: no work is added, no date changes, only their flags.
        var changed = [record(1, ["Humans", "Mice"]), record(2, ["Humans"], language: "ger")]
        for index in 0..<2 { changed[index].ids.pmidVersion = 2 }
        try kb.ingest(changed)
        try kb.queue.read { db in XCTAssertEqual(try WorkFlags.mismatches(db), []) }
        try kb.ingest([record(7, ["Mice"])])
        try kb.queue.read { db in
            XCTAssertEqual(try WorkFlags.mismatches(db), [])
            XCTAssertNotNil(try WorkFlags.filter([1, 2], by: ("mh", "mice"), negated: false, capacity: 100, db))
        }
        XCTAssertEqual(try kb.search(mice, limit: 10).compactMap { $0.work.pmid?.value }.sorted(), [2, 3, 5])
        XCTAssertEqual(try kb.searchCount(SearchQuery(parsing: "trial AND eng[la]")), 6)
        XCTAssertEqual(try kb.searchCount(SearchQuery(parsing: "trial AND humans[mh] NOT mice[mh]")), 3)
        // A knowledge base that doubled since the terms were chosen chooses them again as a file completes.
        try kb.queue.write { db in
            try db.execute(sql: "UPDATE work_flag_choice SET works = 1; DELETE FROM work_flag_term WHERE key = 'mice'")
            try db.execute(sql: "UPDATE tally SET n = n + 60000 WHERE name = 'works'")
            try WorkFlags.chooseAgainIfGrown(db)
            XCTAssertNotNil(try WorkFlags.bit(of: ("mh", "mice"), db))
            try db.execute(sql: "UPDATE tally SET n = n - 60000 WHERE name = 'works'")
        }
    }
}
