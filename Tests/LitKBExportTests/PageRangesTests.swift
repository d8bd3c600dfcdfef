@testable import LitKBExport
import XCTest

/// MEDLINE's abbreviated page ranges, in the shapes the real files hold (counts from
/// pubmed20n0014 and pubmed21n1298: 36,915 `187-94`-like, 122 `1595-603.e9`, 88 `3-4, 11`, ...).
final class PageRangesTests: XCTestCase {
    func testAbbreviatedRangesAreWrittenInFull() {
        let cases: [(String, String)] = [
            ("168-72", "168-172"),
            ("187-94", "187-194"),
            ("2557-76", "2557-2576"),
            ("11035-44", "11035-11044"),
            ("1595-603.e9", "1595-1603.e9"),
            ("3-10, 13-4", "3-10, 13-14"),
            ("81-2, 85", "81-82, 85"),
            ("449-50, 454-5", "449-450, 454-455"),
            ("suppl 116-8", "suppl 116-118"),
            ("Suppl 2:17-8", "Suppl 2:17-18"),
            ("12-8 contd", "12-18 contd"),
            ("e123-e45", "e123-e145"),
            ("168–72", "168–172"),
            ("99-101", "99-101"),
        ]
        for (given, expected) in cases {
            XCTAssertEqual(PageRanges.expanded(given), expected, given)
        }
    }

    func testWhatIsNotPlainlyAnAbbreviationIsKept() {
        for kept in ["339-342", "90", "e408", "e462-e471", "E1-13", "160S-162S", "1161.e1-1161.e2", "465-e917",
                     "10-6-19", "129-5", "iii-v", "(82)15d-(82)23d", "CD012625", ""] {
            XCTAssertEqual(PageRanges.expanded(kept), kept, kept)
        }
    }

    func testBibTeXWritesTheFullRangeAndJSONTheSourcesForm() throws {
        let work = Fixtures.bare { $0.pages = "168-72" }
        var writer = BibTeXWriter()
        let entry = writer.entry(for: work)
        XCTAssertTrue(entry.contains("pages = {168--172}"), entry)
        XCTAssertTrue(try WorkJSON.encode(work, pretty: false).contains("\"pages\":\"168-72\""))
    }
}
