import LitKBModel
@testable import LitKBStore
import XCTest

/// A stub that lists named only by ids keeps the text its citers print, for a description.
final class CitedAsTests: XCTestCase {
    func reference(_ pmid: Int, _ citation: String) -> Link {
        Link(kind: .cites, target: Fixture.mention(pmid: pmid, citation: citation))
    }

    func testAnUndescribedStubCarriesItsMostCommonCitation() throws {
        let kb = try KnowledgeBase()
        let common = "J Biol Chem. 1951 Nov;193(1):265-75"
        try kb.ingest([
            Fixture.record(.pubmedXML, pmid: 20000001, title: "First citing", links: [reference(14907713, "J Biol Chem. 1951;193:265.")]),
            Fixture.record(.pubmedXML, pmid: 20000002, title: "Second citing", links: [reference(14907713, common)]),
            Fixture.record(.pubmedXML, pmid: 20000003, title: "Third citing", links: [reference(14907713, common)]),
        ])
        let stub = try XCTUnwrap(kb.detail(for: pmid(14907713)))
        XCTAssertTrue(stub.isStub)
        XCTAssertEqual(stub.citedAs, common)
        XCTAssertNil(try kb.detail(for: pmid(20000001))?.citedAs, "a record describes itself")

        // Exported the same way, streamed.
        var streamed: [WorkDetail] = []
        try kb.forEachWork(includingStubs: true) { streamed.append($0) }
        XCTAssertEqual(streamed.first { $0.record.ids.pmid == PMID(14907713) }?.citedAs, common)
    }

    func testAStubAListDescribedHasNoNeedOfIt() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(pmid: 20000001, title: "A page", links: [
            Link(kind: .cites, target: Fixture.mention(pmid: 30000001, title: "Its own title", year: 2001, citation: "Its own title. Nature. 2001;1:1.")),
        ])])
        XCTAssertNil(try kb.detail(for: pmid(30000001))?.citedAs)
        XCTAssertEqual(try kb.detail(for: pmid(30000001))?.record.title, "Its own title")
    }

    func testACitedByEntryDescribesTheCitingWorkNotTheCitedOne() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 20000001, title: "Citing work", year: 2020, links: [
            reference(14907713, "J Biol Chem. 1951 Nov;193(1):265-75"),
        ])])
        let citedBy = try kb.list(.citedBy, of: pmid(14907713)).entries
        XCTAssertEqual(citedBy.map(\.pmid), [PMID(20000001)])
        XCTAssertEqual(citedBy.first?.title, "Citing work")
        XCTAssertNil(citedBy.first?.citation, "the link's text describes the cited work")
        XCTAssertEqual(try kb.list(.references, of: pmid(20000001)).entries.first?.citation, "J Biol Chem. 1951 Nov;193(1):265-75")
    }
}
