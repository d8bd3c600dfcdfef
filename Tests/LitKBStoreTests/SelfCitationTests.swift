import LitKBModel
@testable import LitKBStore
import XCTest

/// A record that lists itself: not a link, and said (pubmed21n1298 holds 27 such references,
/// e.g. PMID 29744390's).
final class SelfCitationTests: XCTestCase {
    func testAReferenceToTheRecordItselfIsReportedNotLinked() throws {
        let kb = try KnowledgeBase()
        let outcome = try kb.ingest([Fixture.record(.pubmedXML, pmid: 29744390, title: "Itself", links: [
            Link(kind: .cites, target: Fixture.mention(pmid: 11111111)),
            Link(kind: .cites, target: Fixture.mention(pmid: 29744390)),
            Link(kind: .similar, target: Fixture.mention(pmid: 29744390), rank: 1),
        ])])
        XCTAssertEqual(outcome.notes.map(\.message), ["reference 2 names the record itself; a work does not cite itself, not kept as a link"])
        XCTAssertEqual(try kb.count("link"), 1)
        XCTAssertEqual(try kb.inconsistencies(), [])
    }
}
