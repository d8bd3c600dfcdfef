import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// The reads a user waits for (`show`, the lists, `search`, `retracted`, `stats`) cost the same
/// at any size: every statement they issue reaches its rows through a key or an index, never by
/// reading a whole table.
final class QueryPlanTests: XCTestCase {
    private func knowledgeBase() throws -> KnowledgeBase {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        try kb.ingest([
            // 23: a stub described only by the text its citer prints (`citedAs`).
            Fixture.record(.pubmedXML, pmid: 20, title: "Retracted article", links: [Link(kind: .cites, target: Fixture.mention(pmid: 32500209)),
                                                                                       Link(kind: .cites, target: Fixture.mention(pmid: 23, citation: "J Test. 2019;2:2"))],
                           publicationTypes: ["Journal Article", "Retracted Publication"]),
            Fixture.record(.pubmedXML, pmid: 21, title: "Retraction notice", links: [Link(kind: .retractionOf, target: Fixture.mention(pmid: 22, citation: "J Test. 2020;1:1"))],
                           publicationTypes: ["Retraction of Publication"]),
        ], file: "r.xml")
        return kb
    }

    /// Every statement `body` runs, as SQLite was given it.
    private func statements(of kb: KnowledgeBase, _ body: () throws -> Void) throws -> Set<String> {
        let seen = StatementLog()
        try kb.queue.inDatabase { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { seen.add(statement.expandedSQL) }
            }
        }
        defer { try? kb.queue.inDatabase { db in db.trace(options: .statement, nil) } }
        try body()
        return seen.statements
    }

    func testUserReadsSearchTheirTablesNeverScanThem() throws {
        let kb = try knowledgeBase()
        // Citations of the NIH Open Citation Collection (citation_pair, by PMID).
        try kb.queue.write { db in
            try db.execute(sql: "INSERT INTO citation_pair (citing, cited) VALUES (20, 38174611), (38174611, 20), (39925875, 32500209)")
        }
        let issued = try statements(of: kb) {
            for pmid in [38174611, 32500209, 20, 22, 23] {
                _ = try kb.detail(for: .pmid(PMID(pmid)!))
                for kind in KnowledgeBase.ListKind.allCases { _ = try kb.list(kind, of: .pmid(PMID(pmid)!)) }
            }
            _ = try kb.search(SearchQuery(parsing: "therapeutic alliance OR retraction -cannabis"))
            _ = try kb.retractedWorks()
            _ = try kb.works(withStatus: StatusFilter(statuses: Set(WorkStatus.allCases)))
            _ = try kb.worksLeaningOnRetracted(depth: 2)
            _ = try kb.stats()
            _ = try kb.chase([.pmid(PMID(38174611)!), .pmid(PMID(20)!)], directions: [.backward, .forward], depth: 2)
            _ = try kb.related(.pmid(PMID(32500209)!))
            _ = try kb.citationPath(from: .pmid(PMID(20)!), to: .pmid(PMID(38174611)!))
            _ = try kb.search(SearchQuery(parsing: "therapeutic OR retraction"), order: .cited)
            for pmid in [38174611, 32500209, 20, 23] { _ = try kb.detail(for: .pmid(PMID(pmid)!), readingLists: false) }
            let filter = SearchFilter(years: 2015...2024, publicationTypes: ["review"], languages: ["eng"], hasAbstract: true, retracted: false)
            for order in SearchOrder.allCases {
                _ = try kb.search(SearchQuery(parsing: "therapeutic OR retraction"), limit: 5, offset: 1, order: order, filter: filter)
            }
            _ = try kb.searchCount(SearchQuery(parsing: "therapeutic"), filter: SearchFilter(retracted: true))
            // PubMed's fields: names, headings, types and journals through their folded indexes.
            for query in ["smith j[au]", "\"stress disorders, post traumatic\"[mh]", "asthma/therapy[majr]", "review[pt]",
                          "\"eur j psychotraumatol\"[ta]", "smith[1au] OR retraction[ti]", "therapeutic AND 2015:2024[dp] NOT ger[la]",
                          "38174611[pmid] OR 10.1080/20008066.2023.2297536[doi]",
                          "2015:2024[dp]", "therapy[sh] OR ger[la]", "retracted[sb]", "(therapeutic OR alliance) AND hasabstract AND retracted[sb]"] {
                _ = try kb.search(SearchQuery(parsing: query))
                _ = try kb.searchCount(SearchQuery(parsing: query))
            }
        }
        XCTAssertTrue(issued.contains { $0.contains("a.family_key") }, "the fielded searches are among them")
        XCTAssertGreaterThan(issued.count, 15)
        XCTAssertTrue(issued.contains { $0.contains("citation_pair") }, "the NIH OCC's citations are read with the others")
        XCTAssertTrue(issued.contains { $0.contains("GROUP BY citation") }, "the citedAs read is among them")
        var scans: [String] = []
        try kb.queue.read { db in
            // hasabstract[sb]'s works are every work with an abstract: QuerySet reads them from
            // the abstracts' index, up to twenty times the works they are ANDed with.
            for sql in issued where (sql.hasPrefix("SELECT") || sql.hasPrefix("WITH")) && sql != "SELECT DISTINCT work_id AS id FROM abstract" {
                for row in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql) {
                    let detail: String = row["detail"]
                    // A scan of a subquery's or view's rows (already narrowed by a search; `s`: a
                    // fielded search's matches, each of its terms a search; `c`:
                    // the candidates of a status, each branch of their union a search), of
                    // the FTS5 match, or of the few-row tally and source tables is what it should be.
                    // An automatic index is one SQLite builds for the statement, from a whole table or view.
                    // The one exception: the BM25 of a fielded search's full-text terms, read once
                    // into `rank` (the matches of those terms alone), indexed to join its works.
                    let rankIndex = detail.hasPrefix("SEARCH r USING AUTOMATIC") && sql.hasPrefix("WITH rank AS MATERIALIZED")
                    if detail.contains("AUTOMATIC"), !rankIndex { scans.append("\(detail)   in   \(sql)") }
                    let words = detail.split(separator: " ")
                    guard words.first == "SCAN", words.count > 1, !detail.contains("VIRTUAL TABLE"), !words[1].hasPrefix("("),
                          // work_date_stale is empty outside a writer's batch; a CONSTANT ROW is SELECT EXISTS's own.
                          !["l", "retraction_evidence", "e", "c", "r", "s", "tally", "source_file", "work_date_stale", "CONSTANT"].contains(words[1])
                    else { continue }
                    scans.append("\(detail)   in   \(sql)")
                }
            }
        }
        XCTAssertEqual(scans, [])
    }

    /// The lists' marks ask the four questions of the retraction view one by one; they must give
    /// the view's answer for every work.
    func testListMarksAgreeWithTheRetractionEvidence() throws {
        let kb = try knowledgeBase()
        let (marked, evidenced) = try kb.queue.read { db in
            (try Set(Int64.fetchAll(db, sql: "SELECT w.id FROM work w WHERE \(Graph.retractedSQL("w.id"))")),
             try Set(Int64.fetchAll(db, sql: "SELECT DISTINCT work_id FROM retraction_evidence")))
        }
        XCTAssertEqual(marked.count, 3, "the flagged similar entry, the retracted publication type, the retraction-of target")
        XCTAssertEqual(marked, evidenced)
        XCTAssertEqual(try kb.list(.references, of: .pmid(PMID(20)!)).entries.map(\.retracted), [true, false])
    }
}

private final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: Set<String> = []
    func add(_ sql: String) { lock.lock(); seen.insert(sql); lock.unlock() }
    var statements: Set<String> { lock.lock(); defer { lock.unlock() }; return seen }
}
