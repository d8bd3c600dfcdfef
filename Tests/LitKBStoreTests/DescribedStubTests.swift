import LitKBModel
@testable import LitKBStore
import XCTest

/// Stubs described by what their citations print (a PubMed XML reference gives ids and text
/// only), without that text ever deciding which work a mention is.
final class DescribedStubTests: XCTestCase {
    /// A PubMed XML reference as `ReferenceCitationParser.describe` leaves it.
    func describedReference(pmid: Int, title: String? = nil, journal: String, year: Int, citation: String) -> Link {
        var mention = Fixture.mention(pmid: pmid, title: title, journal: journal, year: year, citation: citation)
        mention.describedFromCitation = true
        return Link(kind: .cites, target: mention)
    }

    func testAStubTakesTheDescriptionOfTheCitationThatMadeIt() throws {
        let kb = try KnowledgeBase()
        let citing = Fixture.record(.pubmedXML, pmid: 20000001, title: "Citing work", links: [
            describedReference(pmid: 14907713, journal: "J Biol Chem", year: 1951, citation: "J Biol Chem. 1951 Nov;193(1):265-75"),
        ])
        try kb.ingest([citing])
        let stub = try XCTUnwrap(kb.detail(for: pmid(14907713)))
        XCTAssertTrue(stub.isStub)
        XCTAssertEqual(stub.record.journal.isoAbbreviation, "J Biol Chem")
        XCTAssertEqual(stub.record.published?.year, 1951)
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    func testTextNeverIdentifiesAndBetterSourcesReplaceIt() throws {
        let kb = try KnowledgeBase()
        // Two references print the same title and year but name different PMIDs: two works.
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 20000001, title: "Citing work", links: [
            describedReference(pmid: 30000001, title: "Same printed title", journal: "Nature", year: 2001, citation: "Same printed title. Nature. 2001;1:1."),
            describedReference(pmid: 30000002, title: "Same printed title", journal: "Nature", year: 2001, citation: "Same printed title. Nature. 2001;1:1."),
        ])])
        XCTAssertEqual(try kb.detail(for: pmid(30000001))?.record.title, "Same printed title")
        XCTAssertEqual(try kb.detail(for: pmid(30000002))?.record.title, "Same printed title")
        XCTAssertEqual(try kb.count("work"), 3)
        // A page's list gives the title as a field: it replaces what litkb read from text.
        try kb.ingest([Fixture.record(.pageText, pmid: 20000002, title: "A page", links: [
            Link(kind: .similar, target: Fixture.mention(pmid: 30000001, title: "The real title", journal: "Nature", year: 2001), rank: 1),
        ])], file: "page.txt")
        XCTAssertEqual(try kb.detail(for: pmid(30000001))?.record.title, "The real title")
        // And a later text description does not undo it.
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 20000003, title: "Another citing work", links: [
            describedReference(pmid: 30000001, title: "Garbled title", journal: "Nature", year: 2001, citation: "Garbled title. Nature. 2001;1:1."),
        ])], file: "other.xml")
        XCTAssertEqual(try kb.detail(for: pmid(30000001))?.record.title, "The real title")
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    func testACitedByEntryDescribesTheCitingWorkNotTheCitedOne() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 20000001, title: "Citing work", year: 2020, links: [
            describedReference(pmid: 14907713, journal: "J Biol Chem", year: 1951, citation: "J Biol Chem. 1951 Nov;193(1):265-75"),
        ])])
        let citedBy = try kb.list(.citedBy, of: pmid(14907713)).entries
        XCTAssertEqual(citedBy.map(\.pmid), [PMID(20000001)])
        XCTAssertEqual(citedBy.first?.title, "Citing work")
        XCTAssertNil(citedBy.first?.citation, "the link's text describes the cited work")
        let references = try kb.list(.references, of: pmid(20000001)).entries
        XCTAssertEqual(references.first?.citation, "J Biol Chem. 1951 Nov;193(1):265-75")
    }
}
