@testable import LitKBStore
import XCTest

/// `litkb_fold`'s fast paths must fold as the Foundation path does: every stored key (family
/// names, headings, affiliations' words) was written by one or the other.
final class SearchFoldingTests: XCTestCase {
    /// Every scalar of the blocks the Latin path knows, alone, beside ASCII and beside each other.
    func testTheLatinPathFoldsAsFoundationDoes() throws {
        let scalars = (Array(0x80..<0x250) + Array(0x2000..<0x2070)).compactMap { Unicode.Scalar(UInt32($0)) }.map { String($0) }
        let ascii = ["a", "Z", "0", " ", "-", ".", "'"]
        var texts = scalars + scalars.flatMap { scalar in ascii.map { "x\(scalar)\($0)" } + ["\(scalar)\(scalar)"] }
        for (index, first) in scalars.enumerated() where index % 5 == 0 {
            texts += scalars.enumerated().filter { $0.offset % 7 == 0 }.map { first + $0.element }
        }
        var generator = SystemRandomNumberGenerator()
        let alphabet = scalars + ascii + ["e\u{301}", "\u{300}", "Ω", "中"]
        for _ in 0..<5_000 {
            texts.append((0..<Int.random(in: 1...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined())
        }
        var fast = 0
        for text in texts {
            guard let latin = SearchFolding.foldLatin(text) else { continue }
            fast += 1
            XCTAssertEqual(latin, SearchFolding.foldUnicode(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Most of them take the fast path; text with a combining mark or another script does not.
        XCTAssertGreaterThan(fast, texts.count / 2)
        XCTAssertNil(SearchFolding.foldLatin("Montre\u{301}al"))
        XCTAssertNil(SearchFolding.foldLatin("北京大学"))
        XCTAssertEqual(SearchFolding.fold("Université de Montréal – Zürich, Straße 5; Æther Ø"), "universite de montreal zurich strasse 5 æther ø")
    }
}
