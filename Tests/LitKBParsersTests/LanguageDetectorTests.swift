import XCTest
@testable import LitKBParsers

final class LanguageDetectorTests: XCTestCase {
    func testDetectsEachSupportedLanguageFromASentence() {
        XCTAssertEqual(LanguageDetector.detect("The present results provide the first evidence for the relationship between the alliance and outcomes."), "eng")
        XCTAssertEqual(LanguageDetector.detect("Los resultados actuales proporcionan la primera evidencia de la relación entre la alianza y los resultados."), "spa")
        XCTAssertEqual(LanguageDetector.detect("Die Patienten der Ketamingruppe verbesserten sich stärker als die der Kontrollgruppe."), "ger")
        XCTAssertEqual(LanguageDetector.detect("Les résidents ruraux étaient moins susceptibles de recevoir une psychothérapie que les résidents urbains."), "fre")
        XCTAssertEqual(LanguageDetector.detect("Os resultados mostram que a aliança terapêutica foi associada com a melhora dos sintomas nos pacientes."), "por")
        XCTAssertEqual(LanguageDetector.detect("I risultati mostrano che l'alleanza terapeutica è stata associata al miglioramento dei sintomi nei pazienti."), "ita")
        XCTAssertEqual(LanguageDetector.detect("De resultaten laten zien dat de therapeutische relatie werd geassocieerd met een verbetering van de klachten."), "dut")
    }

    func testAcronymsAndEmptyTextHaveNoLanguage() {
        XCTAssertNil(LanguageDetector.detect("MDMA"))
        XCTAssertNil(LanguageDetector.detect("PTSD (DSM-5) 2024"))
        XCTAssertNil(LanguageDetector.detect(""))
    }

    func testShortKeywordsAreDecidedAmongTheRecordsLanguages() {
        XCTAssertEqual(LanguageDetector.detect("Psicoterapia asistida por MDMA", among: ["eng", "spa"]), "spa")
        XCTAssertEqual(LanguageDetector.detect("therapeutic alliance", among: ["eng", "spa"]), "eng")
        XCTAssertEqual(LanguageDetector.detect("alianza terapéutica", among: ["eng", "spa"]), "spa")
        XCTAssertEqual(LanguageDetector.detect("mechanism of change"), "eng")
        XCTAssertNil(LanguageDetector.detect("MDMA", among: ["eng", "spa"]))
    }

    func testSpanishAndPortugueseTieOnAmbiguousWordsWithoutContext() {
        XCTAssertNil(LanguageDetector.detect("Psicoterapia asistida por MDMA"), "spa and por both fit: ambiguous")
    }

    func testAbstractLabelsAreNotSplitOnAbbreviationsOrUnknownWords() {
        let segments = AbstractLabels.split("Aims: to test.Design: trial (n = 22; e.g.: x). Note: not a label.Results: fine")
        XCTAssertEqual(segments.map(\.label), ["Aims", "Design", "Results"])
        XCTAssertEqual(segments[1].text, "trial (n = 22; e.g.: x). Note: not a label.")
    }

    func testRunTogetherSentencesAreRepairedButDomainsAreNot() {
        XCTAssertEqual(PageAbstractParser.repairRunTogetherSentences("psychotherapy.Therapeutic alliance. See ClinicalTrials.gov and U.S.A."),
                       "psychotherapy. Therapeutic alliance. See ClinicalTrials.gov and U.S.A.")
    }
}
