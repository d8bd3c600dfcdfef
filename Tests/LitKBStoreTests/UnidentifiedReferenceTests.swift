import LitKBModel
@testable import LitKBStore
import XCTest

/// References given only as text (no identifier, title or date) stay with the record that
/// cites them, in their places in its list, and go wherever its other assertions go.
final class UnidentifiedReferenceTests: XCTestCase {
    private func text(_ citation: String) -> Link {
        Link(kind: .cites, target: Fixture.mention(citation: citation))
    }

    private func citations(_ entries: [WorkSummary]) -> [String] {
        entries.map { $0.pmid.map { "PMID \($0)" } ?? $0.citation ?? "?" }
    }

    func testATextReferenceStaysWithItsRecordInItsPlaceAndMakesNoWork() throws {
        let kb = try KnowledgeBase()
        let book = "Smith J. Handbook of hypertension. London: Elsevier; 1999."
        let outcome = try kb.ingest([
            Fixture.record(.pubmedXML, pmid: 1, title: "Citing", links: [
                Link(kind: .cites, target: Fixture.mention(pmid: 10)),
                text(book),
                Link(kind: .cites, target: Fixture.mention(title: "A titled reference without identifiers", year: 2000,
                                                           citation: "Doe J. A titled reference without identifiers. 2000.")),
                text("Jones K. Personal communication."),
                // The same text twice in one list is one entry, at its first place.
                text(book),
            ]),
            Fixture.record(.pubmedXML, pmid: 2, title: "Also citing the book", links: [text(book)]),
        ], file: "refs.xml")
        // The PMID and the titled reference are works a record can still fill; the texts are not.
        XCTAssertEqual(outcome.stubsCreated, 2)
        XCTAssertEqual(try kb.count("work"), 4)
        XCTAssertEqual(try kb.count("unidentified_reference"), 3)
        XCTAssertEqual(try kb.count("unidentified_reference", where: "work_id = (SELECT id FROM work WHERE pmid = 1) AND position IN (1, 3)"), 2)
        let references = try kb.list(.references, of: pmid(1)).entries
        XCTAssertEqual(citations(references), ["PMID 10", book, "Doe J. A titled reference without identifiers. 2000.",
                                               "Jones K. Personal communication."])
        XCTAssertEqual(references[1].isStub, true)
        XCTAssertNil(references[1].primaryIdentifier)
        XCTAssertEqual(citations(try kb.list(.references, of: pmid(2)).entries), [book])
        XCTAssertEqual(try kb.stats().unidentifiedReferences, 3)
        XCTAssertEqual(try kb.detail(for: pmid(1))?.references.count, 4)
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    /// A text is known by its folded words, as the citation-key stubs were: case, punctuation and
    /// spacing apart, one text is one entry; a text of fewer than two words names nothing.
    func testTextsThatFoldAlikeAreOneReferenceAndOneWordNamesNothing() throws {
        let kb = try KnowledgeBase()
        let outcome = try kb.ingest([
            Fixture.record(.pubmedXML, pmid: 1, title: "T", links: [
                text("Signal Transduction in Responses to UV Light."),
                text("In:"),
                text("Signal transduction in responses to UV\u{2005}light"),
                text("Another text."),
            ]),
        ], file: "fold.xml")
        XCTAssertEqual(citations(try kb.list(.references, of: pmid(1)).entries),
                       ["Signal Transduction in Responses to UV Light.", "Another text."])
        XCTAssertEqual(try kb.count("unidentified_reference"), 2)
        XCTAssertEqual(try kb.count("work"), 1)
        XCTAssertEqual(outcome.notes.map(\.message), ["cites entry 2 names no work (no identifier, title or citation); skipped"])
        // The page's copy of the list prints the text its own way: still one entry.
        try kb.ingest([Fixture.record(.pageText, pmid: 1, title: "T", links: [text("Another text")])], file: "page.txt")
        XCTAssertEqual(try kb.list(.references, of: pmid(1)).entries.count, 2)
        XCTAssertEqual(try kb.stats().unidentifiedReferences, 2)
    }

    func testANewVersionReplacesItsTextReferencesAndADeletionRemovesThem() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, title: "T", links: [text("Old text one."), text("Old text two.")], version: 1)],
                      file: "v1.xml")
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, title: "T", links: [text("New text.")], version: 2)], file: "v2.xml")
        XCTAssertEqual(citations(try kb.list(.references, of: pmid(1)).entries), ["New text."])
        XCTAssertEqual(try kb.count("unidentified_reference"), 1)

        // Another format's list of the same work is its own: the page's text stays beside the XML's.
        try kb.ingest([Fixture.record(.pageText, pmid: 1, title: "T", links: [text("Page text.")])], file: "page.txt")
        XCTAssertEqual(citations(try kb.list(.references, of: pmid(1)).entries), ["New text.", "Page text."])

        let source = try kb.registerSource(SourceFileInput(path: "delete.xml", sha256: "d", format: .pubmedXML, size: 1))
        XCTAssertEqual(try kb.deleteRecords([PMID(1)!], from: source, location: SourceLocation(file: "delete.xml")).deleted, 1)
        XCTAssertEqual(try kb.count("unidentified_reference"), 0)
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    func testAnELinkResultLeavesTheRecordsTextReferencesAlone() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, title: "T", links: [text("A text.")])], file: "a.xml")
        try kb.ingest([Fixture.record(.elink, pmid: 1, links: [Link(kind: .cites, target: Fixture.mention(pmid: 7))])], file: "links.xml")
        // Both are first in their lists; at the same place, a work with a PMID comes first.
        XCTAssertEqual(citations(try kb.list(.references, of: pmid(1)).entries), ["PMID 7", "A text."])
        XCTAssertEqual(try kb.count("unidentified_reference"), 1)
    }

    func testTextReferencesFollowTheirWorkIntoAMerge() throws {
        let kb = try KnowledgeBase()
        // Two records of one work, not yet known to be one: a page (PMID) and a PMC article (DOI).
        try kb.ingest([Fixture.record(.pageText, pmid: 1, title: "T", links: [text("Page text.")])], file: "page.txt")
        try kb.ingest([Fixture.record(.jats, pmid: nil, doi: "10.1/one", title: "T", links: [text("JATS text.")])], file: "a.nxml")
        XCTAssertEqual(try kb.count("work"), 2)
        // The XML record names both.
        let outcome = try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, doi: "10.1/one", title: "T")], file: "b.xml")
        XCTAssertEqual(outcome.merged, 1)
        XCTAssertEqual(try kb.count("work"), 1)
        XCTAssertEqual(citations(try kb.list(.references, of: pmid(1)).entries), ["JATS text.", "Page text."])
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    /// Two works of one format, each with its own text list, merged: both lists survive, in
    /// their places, as their links to stubs did.
    func testAMergeKeepsBothListsOfOneFormat() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.jats, pmid: nil, pmcid: "PMC100", title: "T", links: [text("A zero."), text("A one.")])],
                      file: "a.nxml")
        try kb.ingest([Fixture.record(.jats, pmid: nil, doi: "10.1/one", title: "T", links: [text("B zero."), text("B one."), text("B two.")])],
                      file: "b.nxml")
        XCTAssertEqual(try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, pmcid: "PMC100", doi: "10.1/one", title: "T")], file: "c.xml").merged, 1)
        XCTAssertEqual(citations(try kb.list(.references, of: pmid(1)).entries), ["A zero.", "B zero.", "A one.", "B one.", "B two."])
        XCTAssertEqual(try kb.count("unidentified_reference"), 5)
        XCTAssertEqual(try kb.inconsistencies(), [])
    }
}
