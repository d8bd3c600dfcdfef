import LitKBModel
@testable import LitKBParsers
import XCTest

/// What `litkb audit` reads of a bibliography: each entry's ids, title, year and line, in
/// BibTeX's, RIS's and a plain list's forms.
final class BibliographyReaderTests: XCTestCase {
    func testBibTeXValuesInEveryFormAndLinesCountedThroughCRLF() throws {
        let text = "@string{jn = \"Journal\"}\r\n@comment{a {nested} comment}\r\n"
            + "@article{one,\r\n  title = {The {DNA} of \"quoted\" things},\r\n  year = 2020,\r\n  doi = \"10.1000/ABC\" # \"\",\r\n  pmid = {123}\r\n}\r\n"
            + "@misc{two, url = {https://doi.org/10.1000/xyz}, date = {2019-05-01}, title = \"Two {Words}\"}\r\n"
            + "@article{three, doi = {not a doi}, pmcid = {PMC77}}\r\n"
        let (format, entries) = try BibliographyReader.read(text, file: "refs.bib")
        XCTAssertEqual(format, .bibtex)
        XCTAssertEqual(entries.map(\.key), ["one", "two", "three"])
        XCTAssertEqual(entries.map(\.line), [3, 9, 10])
        XCTAssertEqual(entries[0].title, "The DNA of \"quoted\" things")
        XCTAssertEqual(entries[0].year, 2020)
        XCTAssertEqual(entries[0].ids.doi?.value, "10.1000/abc")
        XCTAssertEqual(entries[0].ids.pmid?.value, 123)
        XCTAssertEqual(entries[1].ids.doi?.value, "10.1000/xyz", "a doi.org URL gives the DOI")
        XCTAssertEqual(entries[1].year, 2019)
        XCTAssertEqual(entries[1].title, "Two Words")
        XCTAssertEqual(entries[2].problems, ["doi 'not a doi' is not a DOI"])
        XCTAssertEqual(entries[2].ids.pmcid?.value, "PMC77")
    }

    func testRISRecordsAndPlainListsWithCRLF() throws {
        let (risFormat, ris) = try BibliographyReader.read("TY  - JOUR\r\nTI  - A title\r\nPY  - 2018///\r\nDO  - 10.1000/R1\r\nAN  - 555\r\nER  - \r\nTY  - BOOK\r\nID  - b2\r\nER  - \r\n", file: "lib.ris")
        XCTAssertEqual(risFormat, .ris)
        XCTAssertEqual(ris.map(\.line), [1, 7])
        XCTAssertEqual(ris[0].ids.pmid?.value, 555)
        XCTAssertEqual(ris[0].year, 2018)
        XCTAssertEqual(ris[1].key, "b2")

        let (listFormat, list) = try BibliographyReader.read("# my list\r\nPMC123 10.1000/X\r\n\r\npmid:42; nonsense\r\n", file: "ids.txt")
        XCTAssertEqual(listFormat, .identifiers)
        XCTAssertEqual(list.map(\.line), [2, 2, 4, 4])
        XCTAssertEqual(list.map { $0.ids.matchable.first?.description }, ["PMC123", "doi:10.1000/x", "PMID 42", nil])
        XCTAssertEqual(list[3].problems, ["'nonsense' is not a DOI, PMID or PMCID"])
    }
}
