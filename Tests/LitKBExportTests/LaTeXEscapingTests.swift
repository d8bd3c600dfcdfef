@testable import LitKBExport
import XCTest

final class LaTeXEscapingTests: XCTestCase {
    func testAmpersandAndPercentAreEscaped() {
        XCTAssertEqual(LaTeX.escape("Costs & benefits: 5% of cases"), #"Costs \& benefits: 5\% of cases"#)
    }

    func testDollarHashUnderscoreAreBackslashed() {
        XCTAssertEqual(LaTeX.escape("$100 #1 a_b"), ##"\$100 \#1 a\_b"##)
    }

    func testLiteralBracesBecomeTextCommandsSoBracesStayBalanced() {
        let escaped = LaTeX.escape("a {b} c}")
        XCTAssertEqual(escaped, #"a {\textbraceleft}b{\textbraceright} c{\textbraceright}"#)
        XCTAssertTrue(BibTeXStructure.bracesBalance(escaped))
    }

    func testTildeCaretBackslashAndAnglesBecomeTextCommands() {
        XCTAssertEqual(LaTeX.escape(#"~ ^ \ <p>"#),
                       #"{\textasciitilde} {\textasciicircum} {\textbackslash} {\textless}p{\textgreater}"#)
    }

    func testAccentedLettersBecomeAccentCommands() {
        XCTAssertEqual(LaTeX.escape("é è ê ë ñ ü ç š ő ą"), #"{\'e} {\`e} {\^e} {\"e} {\~n} {\"u} {\c c} {\v s} {\H o} {\k a}"#)
        XCTAssertEqual(LaTeX.escape("Íñigo Ibáñez"), #"{\'I}{\~n}igo Ib{\'a}{\~n}ez"#)
    }

    func testDottedLettersLoseTheirDotUnderAnAccentAbove() {
        XCTAssertEqual(LaTeX.escape("í ï ç"), #"{\'\i} {\"\i} {\c c}"#)
    }

    func testLettersWithoutDecompositionUseNamedCommands() {
        XCTAssertEqual(LaTeX.escape("Straße Ærø Søren Łódź Ångström"),
                       #"Stra{\ss}e {\AE}r{\o} S{\o}ren {\L}{\'o}d{\'z} {\AA}ngstr{\"o}m"#)
    }

    func testUnmappedCharactersStayUTF8() {
        XCTAssertEqual(LaTeX.escape("中文 ế"), "中文 ế")
    }

    func testGreekLettersAndCommonSymbolsBecomeMath() {
        XCTAssertEqual(LaTeX.escape("β-amyloid, TNF-α ≥ 2 µg ± 1 Δ"),
                       #"{$\beta$}-amyloid, TNF-{$\alpha$} {$\geq$} 2 {$\mu$}g {$\pm$} 1 {$\Delta$}"#)
    }

    func testDashesQuotesAndNoBreakSpaceBecomeTeXLigatures() {
        XCTAssertEqual(LaTeX.escape("1990–2000 — “yes” ‘no’ 5\u{00A0}mg"), "1990--2000 --- ``yes'' `no' 5~mg")
        // Every Unicode space collapses with its neighbours; a no-break space stays, to become ~.
        XCTAssertEqual(LaTeX.collapsingWhitespace(" \u{3000}a\u{2003}\u{85} b\tc\u{00A0}d\u{1680}\u{202F}é–f\r\n "), "a b c\u{00A0}d é–f")
        XCTAssertEqual(LaTeX.collapsingWhitespace("plain words"), "plain words")
        XCTAssertEqual(LaTeX.collapsingWhitespace("a \u{2003}b c\u{2003} d  e \u{2003} f"), "a b c d e f")
        // Against the plain scalar-by-scalar definition, on strings of the awkward pieces.
        let pieces = ["a", "é", "–", "Ω", " ", "  ", "\t", "\n", "\u{2003}", "\u{00A0}", "\u{3000}", "\u{85}", "\u{1680}", "😀"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            var expected = String.UnicodeScalarView()
            var pending = false
            for scalar in text.unicodeScalars {
                if scalar != "\u{00A0}" && scalar.properties.isWhitespace {
                    pending = !expected.isEmpty
                } else {
                    if pending { expected.append(" ") }
                    pending = false
                    expected.append(scalar)
                }
            }
            XCTAssertEqual(LaTeX.collapsingWhitespace(text), String(expected), text.debugDescription)
        }
        XCTAssertEqual(LaTeX.collapsingWhitespace(" \n\u{2029} "), "")
    }

    func testWhitespaceRunsAndLineBreaksCollapseToOneSpace() {
        XCTAssertEqual(LaTeX.escape("  one\n\ntwo\t three "), "one two three")
    }

    func testTitleProtectsAcronymsAndInnerCapitals() {
        XCTAssertEqual(LaTeX.escapeTitle("MDMA for PTSD alters mRNA and McDonald scores"),
                       "{MDMA} for {PTSD} alters {mRNA} and {McDonald} scores")
    }

    func testTitleProtectsProperNounsButNotSentenceStarts() {
        XCTAssertEqual(LaTeX.escapeTitle("Treating Alzheimer's disease in Spain: A meta-analysis. Results"),
                       "Treating {Alzheimer}'s disease in {Spain}: A meta-analysis. Results")
    }

    func testTitleProtectionWrapsEscapedLetters() {
        XCTAssertEqual(LaTeX.escapeTitle("Data from the ÉCOLE & Gómez cohorts"),
                       #"Data from the {{\'E}COLE} \& {G{\'o}mez} cohorts"#)
    }

    func testTitleProtectsWordsBrokenByHyphensSeparately() {
        XCTAssertEqual(LaTeX.escapeTitle("SARS-CoV-2 and COVID-19"), "{SARS}-{CoV}-2 and {COVID}-19")
    }

    func testCompatibilityCharactersFoldToPlainForms() {
        XCTAssertEqual(LaTeX.escape("ﬁbrosis Ⅱ ＜5"), #"fibrosis II {\textless}5"#)
    }

    func testSubscriptsSuperscriptsAndTextSymbolsHaveLaTeXForms() {
        XCTAssertEqual(LaTeX.escape("CO₂ 10⁻⁶ Prozac® ∼3 •"),
                       #"CO{$_2$} 10{$^-$}{$^6$} Prozac{\textregistered} {$\sim$}3 {\textbullet}"#)
    }

    func testInvisibleCharactersAreDropped() {
        XCTAssertEqual(LaTeX.escape("zero\u{200B}width\u{FEFF} soft\u{00AD}hyphen"), "zerowidth softhyphen")
    }
}
