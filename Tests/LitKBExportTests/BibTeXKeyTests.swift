@testable import LitKBExport
import LitKBModel
import XCTest

final class BibTeXKeyTests: XCTestCase {
    /// The short form (`--key-format short`); Better BibTeX's is tested in `ExportFormatsTests`.
    private func key(authors: [Author], year: Int? = 2022, title: String?) throws -> String {
        var writer = BibTeXWriter(keyFormat: .short)
        let work = Fixtures.bare { record in
            record.authors = authors
            record.published = year.map { PartialDate(year: $0) }
            record.title = title
        }
        return try BibTeXStructure(parsing: writer.entry(for: work)).key
    }

    func testKeyUsesFamilyYearFirstSignificantWord() throws {
        XCTAssertEqual(try key(authors: [Author(family: "Agin-Liebes", given: "G")],
                               title: "Prospective examination of the therapeutic role of psychological flexibility"),
                       "aginliebes2022prospective")
    }

    func testKeySkipsStopWordsInTitle() throws {
        XCTAssertEqual(try key(authors: [Author(family: "Smith")], title: "The role of a placebo"), "smith2022role")
        XCTAssertEqual(try key(authors: [Author(family: "Pérez")], title: "La psicoterapia asistida por MDMA"), "perez2022psicoterapia")
        XCTAssertEqual(try key(authors: [Author(family: "Weber")], title: "Über die Wirkung"), "weber2022uber")
    }

    func testKeyFoldsAccentsToLowercaseASCIILetters() throws {
        XCTAssertEqual(try key(authors: [Author(family: "Gómez-Ñúñez")], title: "Étude"), "gomeznunez2022etude")
        XCTAssertEqual(try key(authors: [Author(family: "Straße")], title: "Ærø"), "strasse2022aero")
        XCTAssertEqual(try key(authors: [Author(family: "O'Brien Jr.")], title: "3,4-methylenedioxymethamphetamine (MDMA)"),
                       "obrienjr2022methylenedioxymethamphetamine")
    }

    func testKeyForCollectiveAuthorUsesItsFirstSignificantWord() throws {
        XCTAssertEqual(try key(authors: [Author(collective: "The American Psychiatric Association")], year: 2013,
                               title: "Diagnostic and statistical manual of mental disorders"),
                       "american2013diagnostic")
    }

    func testKeyWithoutAuthorIsAnonAndWithoutYearOmitsYear() throws {
        XCTAssertEqual(try key(authors: [], year: nil, title: "A study"), "anonstudy")
        XCTAssertEqual(try key(authors: [Author(family: "李")], title: nil), "anon2022")
    }

    func testKeyIgnoresBracketsOfTranslatedTitle() throws {
        XCTAssertEqual(try key(authors: [Author(family: "Müller")], title: "[Treatment of depression]."), "muller2022treatment")
    }

    func testDuplicateKeysGetLetterSuffixes() throws {
        var writer = BibTeXWriter(keyFormat: .short)
        let keys = try (0..<4).map { _ in try BibTeXStructure(parsing: writer.entry(for: Fixtures.seed)).key }
        XCTAssertEqual(keys, ["zeifman2024preliminary", "zeifman2024preliminarya", "zeifman2024preliminaryb", "zeifman2024preliminaryc"])
    }

    func testSuffixedKeyNeverMeetsAnotherWorksBase() throws {
        var writer = BibTeXWriter(keyFormat: .short)
        func entryKey(_ title: String) throws -> String {
            try BibTeXStructure(parsing: writer.entry(for: Fixtures.bare { record in
                record.authors = [Author(family: "Li")]
                record.published = PartialDate(year: 2020)
                record.title = title
            })).key
        }
        XCTAssertEqual(try entryKey("Cell"), "li2020cell")
        XCTAssertEqual(try entryKey("Cella"), "li2020cella")
        XCTAssertEqual(try entryKey("Cell"), "li2020cellb")
    }

    func testSuffixesRunThroughTheAlphabetThenDouble() {
        XCTAssertEqual((0...3).map(BibTeXKey.suffix(afterUses:)), ["", "a", "b", "c"])
        XCTAssertEqual(BibTeXKey.suffix(afterUses: 26), "z")
        XCTAssertEqual(BibTeXKey.suffix(afterUses: 27), "aa")
        XCTAssertEqual(BibTeXKey.suffix(afterUses: 28), "ab")
    }
}
