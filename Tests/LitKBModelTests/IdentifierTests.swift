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
