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
