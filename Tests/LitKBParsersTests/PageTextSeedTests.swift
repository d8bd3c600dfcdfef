import XCTest
import LitKBModel
import LitKBParsers

/// The real page `corpus/page-text/38174611.txt`, field by field.
final class PageTextSeedTests: XCTestCase {
    private var record: WorkRecord!
    private var parsed: ParsedRecord!

    override func setUpWithError() throws {
        parsed = try PageTextCorpus.parse("38174611.txt")
        record = parsed.record
    }

    func testSeedIdentifiersAndTitle() {
        XCTAssertEqual(record.format, .pageText)
        XCTAssertEqual(record.ids.pmid, PMID(38174611))
        XCTAssertEqual(record.ids.pmcid, PMCID("PMC10769553"))
        XCTAssertEqual(record.ids.doi, DOI("10.1080/20008066.2023.2297536"))
        XCTAssertEqual(record.title, "Preliminary evidence for the importance of therapeutic alliance in MDMA-assisted psychotherapy for posttraumatic stress disorder")
        XCTAssertEqual(parsed.location.pmid, PMID(38174611))
    }

    func testSeedParsesWithoutWarningsOrUninterpretedContent() {
        XCTAssertEqual(parsed.warnings, [])
        XCTAssertEqual(record.uninterpreted, [])
    }

    func testSeedHasTwoAbstractsEnglishSixSectionsSpanishFive() {
        let abstracts = record.abstracts.filter { $0.kind != .plainLanguageSummary }
        XCTAssertEqual(abstracts.count, 2)
        XCTAssertEqual(abstracts[0].language, "eng")
        XCTAssertEqual(abstracts[0].kind, .main)
        XCTAssertEqual(abstracts[0].sections.count, 6)
        XCTAssertEqual(abstracts[1].language, "spa")
        XCTAssertEqual(abstracts[1].kind, .publisher)
        XCTAssertEqual(abstracts[1].sections.count, 5)
    }

    func testEnglishAbstractLabelsAreSplitFromRunInSentences() {
        let main = record.abstracts[0]
        XCTAssertEqual(main.sections.map(\.label), ["Background", "Objective", "Method", "Results", "Conclusions", "Trial registration"])
        XCTAssertEqual(main.sections.map(\.nlmCategory), ["BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS", nil])
        XCTAssertTrue(main.sections[0].text.hasSuffix("research has not yet examined the relationship between therapeutic alliance and MDMA-AP treatment outcomes."))
        XCTAssertEqual(main.sections[1].text, "Examine whether therapeutic alliance predicts changes in PTSD symptoms following MDMA-AP.")
        XCTAssertEqual(main.sections[5].text, "ClinicalTrials.gov identifier: NCT00090064.")
    }

    func testLabelSplittingIgnoresVsAndSampleSizes() {
        let method = record.abstracts[0].sections[2].text
        XCTAssertTrue(method.contains("a randomised (MDMA vs. placebo) and open-label phase."))
        XCTAssertTrue(method.contains("phases (n = 22). Therapeutic alliance was assessed"))
        XCTAssertTrue(method.hasSuffix("the Impact of Events Scale-Revised."))
    }

    func testSpanishAbstractHasOneSectionPerLabelledLine() {
        let spanish = record.abstracts[1]
        XCTAssertEqual(spanish.sections.map(\.label), ["Antecedentes", "Objetivo", "Método", "Resultados", "Conclusiones"])
        XCTAssertEqual(spanish.sections[1].text, "Examinar si la alianza terapéutica predice cambios en los síntomas de TEPT después de MDMA-AP.")
    }

    func testPlainLanguageSummaryKeepsItsTextWithSentencesRepaired() throws {
        let summary = try XCTUnwrap(record.abstracts.first { $0.kind == .plainLanguageSummary })
        XCTAssertEqual(summary.language, "eng")
        XCTAssertEqual(summary.sections.count, 1)
        XCTAssertNil(summary.sections[0].label)
        XCTAssertTrue(summary.sections[0].text.contains("MDMA-assisted psychotherapy. Therapeutic alliance may play"))
        XCTAssertTrue(summary.sections[0].text.hasSuffix("the role of therapeutic alliance in MDMA-assisted psychotherapy."))
    }

    func testTrialRegistrationBecomesNCT00090064() {
        XCTAssertEqual(record.registrations, [TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT00090064")])
    }

    func testKeywordsAreNineInOrderWithLanguages() {
        XCTAssertEqual(record.keywords.map(\.term), [
            "MDMA", "MDMA-assisted psychotherapy", "Posttraumatic stress disorder", "Psicoterapia asistida por MDMA",
            "Trastorno de estrés postraumático", "alianza terapéutica", "mecanismos de cambio", "mechanism of change",
            "therapeutic alliance",
        ])
        XCTAssertEqual(record.keywords.map(\.language), [nil, "eng", "eng", "spa", "spa", "spa", "spa", "eng", "eng"])
    }

    func testConflictOfInterestStatement() {
        XCTAssertEqual(record.conflictOfInterest, "No potential conflict of interest was reported by the author(s).")
    }

    func testFiveSimilarArticlesRankedInPageOrder() {
        let similar = record.links(of: .similar)
        XCTAssertEqual(similar.map(\.target.ids.pmid), [40331914, 29728331, 32500209, 37814082, 27118529].map { PMID($0) })
        XCTAssertEqual(similar.map(\.rank), [1, 2, 3, 4, 5])
    }

    func testSimilarEntryIsSplitIntoTitleJournalDateAndLocator() {
        let first = record.links(of: .similar)[0].target
        XCTAssertEqual(first.title, "Self-compassion mediates treatment effects in MDMA-assisted therapy for posttraumatic stress disorder.")
        XCTAssertEqual(first.journal, "Eur J Psychotraumatol")
        XCTAssertEqual(first.published, PartialDate(year: 2025, month: 12))
        XCTAssertEqual(first.electronicPublished, PartialDate(year: 2025, month: 5, day: 7))
        XCTAssertEqual(first.volume, "16")
        XCTAssertEqual(first.issue, "1")
        XCTAssertEqual(first.pages, "2485513")
        XCTAssertEqual(first.ids.doi, DOI("10.1080/20008066.2025.2485513"))
        XCTAssertEqual(first.flags, ["Free PMC article"])
        XCTAssertEqual(first.publicationTypes, ["Clinical Trial"])
        XCTAssertTrue(first.citation?.hasPrefix("Self-compassion mediates") == true)
        XCTAssertTrue(first.citation?.hasSuffix("PMID: 40331914 Free PMC article. Clinical Trial.") == true)
    }

    func testSimilarEntryKeepsParenthesesInDOI() {
        let lancet = record.links(of: .similar)[1].target
        XCTAssertEqual(lancet.ids.doi?.value, "10.1016/s2215-0366(18)30135-4")
        XCTAssertEqual(lancet.journal, "Lancet Psychiatry")
        XCTAssertEqual(lancet.title, "3,4-methylenedioxymethamphetamine (MDMA)-assisted psychotherapy for post-traumatic stress disorder in military veterans, firefighters, and police officers: a randomised, double-blind, dose-response, phase 2 clinical trial.")
        XCTAssertEqual(lancet.published, PartialDate(year: 2018, month: 6))
        XCTAssertEqual(lancet.pages, "486-497")
    }

    func testRetractedSimilarEntryCarriesItsRetractionNotice() throws {
        let retracted = try XCTUnwrap(record.links(of: .similar).first { $0.target.ids.pmid == PMID(32500209) }?.target)
        XCTAssertEqual(retracted.journal, "Psychopharmacology (Berl)")
        XCTAssertEqual(retracted.volume, "237")
        XCTAssertEqual(retracted.issue, "8")
        XCTAssertEqual(retracted.pages, "2485-2497")
        XCTAssertEqual(retracted.flags, ["Free PMC article", WorkMention.retractedFlag])
        XCTAssertTrue(retracted.isFlaggedRetracted)
        XCTAssertEqual(retracted.publicationTypes, ["Clinical Trial"])
        XCTAssertEqual(retracted.notices.count, 1)
        let notice = retracted.notices[0]
        XCTAssertEqual(notice.kind, .retractionIn)
        XCTAssertEqual(notice.target.ids.doi, DOI("10.1007/s00213-024-06665-y"))
        XCTAssertEqual(notice.target.journal, "Psychopharmacology (Berl)")
        XCTAssertEqual(notice.target.published, PartialDate(year: 2024, month: 11))
        XCTAssertEqual(notice.target.volume, "241")
        XCTAssertEqual(notice.target.issue, "11")
        XCTAssertEqual(notice.target.pages, "2407")
        XCTAssertEqual(notice.target.citation, "Psychopharmacology (Berl). 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y.")
    }

    func testFourCitedByEntriesWithoutIssueKeepVolumeAndPages() {
        let citedBy = record.links(of: .citedBy)
        XCTAssertEqual(citedBy.map(\.target.ids.pmid), [39925875, 40256160, 39725921, 39973948].map { PMID($0) })
        XCTAssertEqual(citedBy.map(\.rank), [nil, nil, nil, nil])
        let first = citedBy[0].target
        XCTAssertEqual(first.journal, "Front Psychiatry")
        XCTAssertEqual(first.published, PartialDate(year: 2025, month: 1, day: 23))
        XCTAssertEqual(first.volume, "16")
        XCTAssertNil(first.issue)
        XCTAssertEqual(first.pages, "1433999")
    }

    func testECollectionIsKeptAsAFlagNotAnEpubDate() {
        let first = record.links(of: .citedBy)[0].target
        XCTAssertEqual(first.flags, ["eCollection 2025", "Free PMC article"])
        XCTAssertNil(first.electronicPublished)
    }

    func testTitleWithQuestionMarkAndNoAbstractFlag() {
        let last = record.links(of: .citedBy)[3].target
        XCTAssertEqual(last.title, "Psychedelics assisting therapy, or therapy assisting psychedelics? The importance of psychotherapy in psychedelic-assisted therapy.")
        XCTAssertEqual(last.journal, "Front Psychol")
        XCTAssertEqual(last.flags, ["eCollection 2025", "Free PMC article", "No abstract available"])
        XCTAssertEqual(last.publicationTypes, [])
    }

    func testThreeReferences() {
        XCTAssertEqual(record.links(of: .cites).count, 3)
    }

    func testReferencesDropLinkLabels() {
        let references = record.links(of: .cites).map(\.target)
        XCTAssertEqual(references[0].citation, "Agin-Liebes, G., Zeifman, R. J., Luoma, J. B., Garland, E. L., Campbell, W. K., & Weiss, B. (2022). Prospective examination of the therapeutic role of psychological flexibility and cognitive reappraisal in the ceremonial use of ayahuasca. Journal of Psychopharmacology, 36(3), 295–308. 10.1177/02698811221080165")
        XCTAssertFalse(references.contains { $0.citation?.contains(" - PubMed") == true || $0.citation?.contains(" - DOI") == true })
    }

    func testFirstReferenceIsParsedAsAPA() {
        let reference = record.links(of: .cites)[0].target
        XCTAssertEqual(reference.ids.doi, DOI("10.1177/02698811221080165"))
        XCTAssertEqual(reference.journal, "Journal of Psychopharmacology")
        XCTAssertEqual(reference.volume, "36")
        XCTAssertEqual(reference.issue, "3")
        XCTAssertEqual(reference.pages, "295–308")
        XCTAssertEqual(reference.published?.year, 2022)
        XCTAssertEqual(reference.authors.count, 6)
        XCTAssertEqual(reference.authors.first?.family, "Agin-Liebes")
        XCTAssertEqual(reference.authors.first?.initials, "G")
        XCTAssertEqual(reference.authors.last?.family, "Weiss")
        XCTAssertEqual(reference.title, "Prospective examination of the therapeutic role of psychological flexibility and cognitive reappraisal in the ceremonial use of ayahuasca")
    }

    func testGroupAuthorReferences() {
        let references = record.links(of: .cites).map(\.target)
        XCTAssertEqual(references[1].authors, [Author(collective: "American Psychiatric Association")])
        XCTAssertEqual(references[1].published?.year, 2013)
        XCTAssertEqual(references[1].title, "Diagnostic and statistical manual of mental disorders (5th ed.)")
        XCTAssertNil(references[1].journal)
        XCTAssertEqual(references[2].authors, [Author(collective: "American Psychological Association")])
        XCTAssertEqual(references[2].published?.year, 2017)
        XCTAssertEqual(references[2].url, "http://www.apa.org/about/offices/directorates/guidelines/ptsd.pdf")
        XCTAssertNil(references[2].ids.doi)
    }

    func testEmptyTrailingSectionsAndLinkOutAddNothing() {
        XCTAssertEqual(record.publicationTypes, [])
        XCTAssertEqual(record.mesh, [])
        XCTAssertEqual(record.substances, [])
        XCTAssertEqual(record.flags, [])
        XCTAssertEqual(record.links.count, 5 + 4 + 3)
    }
}
