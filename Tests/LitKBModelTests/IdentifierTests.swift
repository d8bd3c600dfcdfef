import LitKBModel
import XCTest

final class IdentifierTests: XCTestCase {
    func testDOIIsNormalizedOnceOnCreation() {
        XCTAssertEqual(DOI("https://doi.org/10.1016/S2215-0366(18)30135-4.")?.value, "10.1016/s2215-0366(18)30135-4")
        XCTAssertEqual(DOI("doi: 10.1080/20008066.2023.2297536")?.value, "10.1080/20008066.2023.2297536")
        XCTAssertEqual(DOI("http://dx.doi.org/10.1007/S00213-024-06665-Y;")?.value, "10.1007/s00213-024-06665-y")
        // A closing parenthesis that closes nothing inside the DOI is the sentence's.
        XCTAssertEqual(DOI("10.1000/abc)")?.value, "10.1000/abc")
        XCTAssertNil(DOI("10.1000"))
        XCTAssertNil(DOI("11.1000/abc"))
        XCTAssertNil(DOI("10.1000/has space"))
    }

    /// Bare ASCII forms take a byte-level path; everything here must read as the full rules say.
    func testBareFormsReadLikeTheFullRules() {
        XCTAssertEqual(DOI("10.1000/ABC.Def-(1)")?.value, "10.1000/abc.def-(1)")
        XCTAssertEqual(DOI("10.1000.5/x")?.value, "10.1000.5/x")
        XCTAssertEqual(DOI("10.1000/x/y")?.value, "10.1000/x/y", "only the first slash ends the registrant")
        XCTAssertEqual(DOI("10.1000/abc.")?.value, "10.1000/abc", "trailing punctuation still goes")
        XCTAssertEqual(DOI(" 10.1000/abc ")?.value, "10.1000/abc", "surrounding spaces still go")
        XCTAssertEqual(DOI("10.1000/ÄBC")?.value, "10.1000/äbc", "non-ASCII is lower-cased by the full rules")
        XCTAssertEqual(DOI("DOI:10.1000/ABC")?.value, "10.1000/abc")
        XCTAssertNil(DOI("10./abc"), "an empty registrant")
        XCTAssertNil(DOI("10.10a0/abc"), "a registrant that is not digits and dots")
        XCTAssertNil(DOI("10.1000/"), "an empty suffix")
        XCTAssertNil(DOI("10.1000\tabc/x"))
        XCTAssertEqual(PMID("00123")?.value, 123)
        XCTAssertEqual(PMID("999999999999")?.value, 999_999_999_999)
        XCTAssertNil(PMID("1234567890123"), "more than 12 digits")
        XCTAssertNil(PMID("12a"))
        XCTAssertNil(PMID(""))
        XCTAssertEqual(PMID(" 42 ")?.value, 42)
    }

    func testPMIDAndPMCIDAreDistinctTypes() {
        XCTAssertEqual(PMID("pmid: 38174611")?.value, 38174611)
        XCTAssertNil(PMID("PMC10769553"))
        XCTAssertNil(PMID("0"))
        XCTAssertEqual(PMCID("pmc10769553")?.value, "PMC10769553")
        XCTAssertNil(PMCID("10769553"), "bare digits are a PMID, not a PMCID")
    }

    func testUserIdentifiersParseEveryForm() {
        XCTAssertEqual(WorkIdentifier(parsing: "38174611"), .pmid(PMID(38174611)!))
        XCTAssertEqual(WorkIdentifier(parsing: "PMC10769553"), .pmcid(PMCID("PMC10769553")!))
        XCTAssertEqual(WorkIdentifier(parsing: "https://doi.org/10.1080/20008066.2023.2297536"), .doi(DOI("10.1080/20008066.2023.2297536")!))
        XCTAssertNil(WorkIdentifier(parsing: "not-an-id"))
    }

    func testPartialDatesKeepWhatTheyCannotReduce() {
        XCTAssertEqual(PartialDate(parsing: "2025 Jan 23"), PartialDate(year: 2025, month: 1, day: 23))
        XCTAssertEqual(PartialDate(parsing: "2020 Aug;"), PartialDate(year: 2020, month: 8))
        XCTAssertEqual(PartialDate(parsing: "1998 Dec-1999 Jan"), PartialDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan"))
        XCTAssertEqual(PartialDate(parsing: "2001 Spring"), PartialDate(year: 2001, text: "2001 Spring"))
        XCTAssertEqual(PartialDate(year: 2024, month: 1, day: 3).iso, "2024-01-03")
        XCTAssertNil(PartialDate(parsing: "Spring"))
    }

    func testNoticeKindsAndTheirInverses() {
        XCTAssertEqual(LinkKind(noticeName: "RetractionIn"), .retractionIn)
        XCTAssertEqual(LinkKind(noticeName: "Expression of concern in"), .expressionOfConcernIn)
        XCTAssertEqual(LinkKind(noticeName: "ErratumFor"), .erratumFor)
        XCTAssertEqual(LinkKind(noticeName: "CorrectedandRepublishedIn"), .correctedAndRepublishedIn)
        XCTAssertEqual(LinkKind(noticeName: "Corrected and republished in"), .correctedAndRepublishedIn)
        XCTAssertEqual(LinkKind(noticeName: "RetractedandRepublishedFrom"), .retractedAndRepublishedFrom)
        XCTAssertEqual(LinkKind.correctedAndRepublishedIn.inverse, .correctedAndRepublishedFrom)
        XCTAssertEqual(LinkKind.retractionIn.inverse, .retractionOf)
        XCTAssertEqual(LinkKind.cites.inverse, .citedBy)
        XCTAssertNil(LinkKind.similar.inverse)
        XCTAssertEqual(LinkKind.expressionOfConcernIn.noticeLabel, "Expression of concern in")
        XCTAssertTrue(LinkKind.erratumIn.isNotice)
        XCTAssertFalse(LinkKind.cites.isNotice)
    }
}
