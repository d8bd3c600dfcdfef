import LitKBModel
@testable import LitKBStore
import XCTest

/// A work's status from every source's notices: a retraction over an expression of concern over
/// a correction, a reinstatement lifting a retraction; marks in lists, counts in `stats`.
final class WorkStatusTests: XCTestCase {
    func notice(_ kind: LinkKind, pmid: Int, about paper: WorkMention, date: Int = 2021) -> WorkRecord {
        var record = Fixture.record(.retractionWatch, pmid: pmid, title: "\(kind.noticeLabel) notice", year: date,
                                    links: [Link(kind: kind, target: paper)])
        record.ids.others = [ArticleID(type: "retraction-watch", value: String(pmid))]
        return record
    }

    func testEachNoticeGivesItsStatusAndAReinstatementLiftsARetraction() throws {
        let kb = try KnowledgeBase()
        // A PubMed-like record citing four papers, each of which a notice will speak about.
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 100, title: "Citing work", links: [
            Link(kind: .cites, target: Fixture.mention(pmid: 1, title: "Retracted paper")),
            Link(kind: .cites, target: Fixture.mention(pmid: 2, title: "Warned paper")),
            Link(kind: .cites, target: Fixture.mention(doi: "10.1000/AMENDED", title: "Amended paper")),
            Link(kind: .cites, target: Fixture.mention(pmid: 4, title: "Reinstated paper")),
            Link(kind: .cites, target: Fixture.mention(pmid: 5, title: "Clean paper")),
        ])], file: "pubmed.xml")
        try kb.ingest([
            notice(.retractionOf, pmid: 11, about: Fixture.mention(pmid: 1, citation: "Retraction Watch record 11, 2021-06-07: Retraction (Fake data)")),
            notice(.expressionOfConcernFor, pmid: 12, about: Fixture.mention(pmid: 2)),
            // Matched by DOI, whatever its case.
            notice(.erratumFor, pmid: 13, about: Fixture.mention(doi: "10.1000/amended")),
            notice(.retractionOf, pmid: 14, about: Fixture.mention(pmid: 4)),
            notice(.reinstatementOf, pmid: 15, about: Fixture.mention(pmid: 4), date: 2022),
        ], file: "rw.csv")

        let statuses = try [1, 2, 4, 5].map { try kb.detail(for: pmid($0))?.status }
        XCTAssertEqual(statuses, [.retracted, .expressionOfConcern, .reinstated, nil])
        XCTAssertEqual(try kb.detail(for: .doi(DOI("10.1000/amended")!))?.status, .corrected)
        XCTAssertEqual(try [1, 2, 4].map { try kb.detail(for: pmid($0))?.retracted }, [true, false, false])
        let retracted = try XCTUnwrap(kb.detail(for: pmid(1)))
        XCTAssertEqual(retracted.retractionEvidence.first { $0.kind == .retractionOf }?.detail,
                       "Retraction Watch record 11, 2021-06-07: Retraction (Fake data)")

        // The citing work's reference list carries the same statuses, from the list's SQL.
        let references = try kb.list(.references, of: pmid(100)).entries
        XCTAssertEqual(references.map(\.status), [.retracted, .expressionOfConcern, .corrected, .reinstated, nil])
        XCTAssertEqual(references.map(\.retracted), [true, false, false, false, false])

        // Only the standing retraction counts as retracted.
        XCTAssertEqual(try kb.stats().retractedWorks, 1)
        XCTAssertEqual(try kb.retractedWorks().map { $0.work.pmid?.value }, [1])
    }

    func testStatusFiltersBySinceAndReason() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([
            notice(.retractionOf, pmid: 11, about: Fixture.mention(pmid: 1, citation: "Retraction Watch record 11, 2019-01-02: Retraction (Fake data)"), date: 2019),
            notice(.retractionOf, pmid: 12, about: Fixture.mention(pmid: 2, citation: "Retraction Watch record 12, 2022-03-04: Retraction (Duplication of Image)"), date: 2022),
            notice(.expressionOfConcernFor, pmid: 13, about: Fixture.mention(pmid: 3, citation: "Retraction Watch record 13: Expression of concern (Image)"), date: 2023),
            notice(.erratumFor, pmid: 14, about: Fixture.mention(pmid: 4), date: 2020),
        ], file: "rw.csv")
        func listed(_ filter: StatusFilter) throws -> [Int?] { try kb.works(withStatus: filter).map { $0.work.pmid?.value } }
        XCTAssertEqual(try listed(StatusFilter()), [1, 2])
        XCTAssertEqual(try listed(StatusFilter(statuses: Set(WorkStatus.allCases))), [1, 2, 3, 4])
        XCTAssertEqual(try listed(StatusFilter(statuses: [.expressionOfConcern, .corrected])), [3, 4])
        XCTAssertEqual(try listed(StatusFilter(since: PartialDate(iso: "2021-06"))), [2])
        XCTAssertEqual(try listed(StatusFilter(statuses: Set(WorkStatus.allCases), since: PartialDate(iso: "2020"))), [2, 3, 4])
        XCTAssertEqual(try listed(StatusFilter(statuses: Set(WorkStatus.allCases), reason: "IMAGE")), [2, 3])
        let first = try XCTUnwrap(kb.works(withStatus: StatusFilter()).first)
        XCTAssertEqual(first.notices.map(\.detail), ["Retraction Watch record 11, 2019-01-02: Retraction (Fake data)"])
        XCTAssertEqual(first.notices.map { $0.date?.iso }, ["2019"])
        XCTAssertNil(PartialDate(iso: "2021-13"))
        XCTAssertNil(PartialDate(iso: "21-06"))
    }

    /// Works leaning on retracted work: ordered by how many of their references are retracted,
    /// then by the share; depth 2 adds the works citing those.
    func testWorksLeaningOnRetractedWorkComeMostLeaningFirstWithTheirPath() throws {
        let kb = try KnowledgeBase()
        let retractedA = Fixture.mention(pmid: 1), retractedB = Fixture.mention(pmid: 2), clean = Fixture.mention(pmid: 3)
        try kb.ingest([
            // Cites one retracted of two references: share 1/2.
            Fixture.record(.pubmedXML, pmid: 10, title: "Half", links: [Link(kind: .cites, target: retractedA), Link(kind: .cites, target: clean)]),
            // Cites both retracted works.
            Fixture.record(.pubmedXML, pmid: 11, title: "Both", links: [Link(kind: .cites, target: retractedA), Link(kind: .cites, target: retractedB),
                                                                       Link(kind: .cites, target: clean)]),
            // Cites one retracted of one: share 1.
            Fixture.record(.pubmedXML, pmid: 12, title: "All", links: [Link(kind: .cites, target: retractedB)]),
            // Lists one as similar only.
            Fixture.record(.pubmedXML, pmid: 13, title: "Similar", links: [Link(kind: .similar, target: retractedA, rank: 1)]),
            // Cites a work that cites retracted work.
            Fixture.record(.pubmedXML, pmid: 20, title: "Second hand", links: [Link(kind: .cites, target: Fixture.mention(pmid: 11)),
                                                                              Link(kind: .cites, target: Fixture.mention(pmid: 12))]),
        ], file: "pubmed.xml")
        try kb.ingest([notice(.retractionOf, pmid: 91, about: retractedA), notice(.retractionOf, pmid: 92, about: retractedB)], file: "rw.csv")
        let depthOne = try kb.worksLeaningOnRetracted()
        XCTAssertEqual(depthOne.map { $0.work.pmid?.value }, [11, 12, 10, 13])
        XCTAssertEqual(depthOne.map(\.cites.count), [2, 1, 1, 0])
        XCTAssertEqual(depthOne.map(\.referenceCount), [3, 1, 2, 0])
        XCTAssertEqual(depthOne.last?.listsAsSimilar.map { $0.pmid?.value }, [1])
        let withSecond = try kb.worksLeaningOnRetracted(depth: 2)
        XCTAssertEqual(withSecond.map { $0.work.pmid?.value }, [11, 12, 10, 13, 20])
        XCTAssertEqual(withSecond.last?.depth, 2)
        XCTAssertEqual(withSecond.last?.cites.map { $0.pmid?.value }, [11, 12])
    }
}
