import XCTest
import LitKBModel
import LitKBParsers

/// The page-text fixtures in `corpus/page-text/` (see `corpus/README.md`), one variant each.
final class PageTextFixtureTests: XCTestCase {
    func testEveryCorpusFileParsesAndKeepsWhatItCannotRead() throws {
        let names = PageTextCorpus.fileNames
        XCTAssertGreaterThanOrEqual(names.count, 7)
        for name in names {
            let parsed = try PageTextCorpus.parse(name)
            XCTAssertEqual(parsed.record.format, .pageText, name)
            XCTAssertEqual(parsed.record.ids.pmid.map { "\($0).txt" }, name, "file names are the PMID")
            XCTAssertNotNil(parsed.record.title, name)
            // Each uninterpreted item is also a warning: nothing is dropped silently.
            XCTAssertGreaterThanOrEqual(parsed.warnings.count, parsed.record.uninterpreted.count, name)
        }
    }

    func testRetractedMainRecordCarriesItsNoticesFlagAndPublicationType() throws {
        let record = try PageTextCorpus.parse("9500320.txt").record
        XCTAssertNil(record.ids.pmcid)
        XCTAssertEqual(record.ids.doi?.value, "10.1016/s0140-6736(97)11096-0")
        XCTAssertEqual(record.flags, [WorkMention.retractedFlag])
        XCTAssertTrue(record.publicationTypes.contains("Retracted Publication"))
        let retraction = try XCTUnwrap(record.links(of: .retractionIn).first)
        XCTAssertEqual(retraction.target.ids.doi?.value, "10.1016/s0140-6736(10)60175-4")
        XCTAssertEqual(retraction.target.journal, "Lancet")
        XCTAssertEqual(retraction.target.published, PartialDate(year: 2010, month: 2, day: 6))
        XCTAssertEqual(retraction.target.volume, "375")
        XCTAssertEqual(retraction.target.issue, "9713")
        XCTAssertEqual(retraction.target.pages, "445")
        let partial = try XCTUnwrap(record.links(of: .partialRetractionIn).first)
        XCTAssertEqual(partial.target.ids.doi?.value, "10.1016/s0140-6736(04)15715-2")
    }

    func testRetractedMainRecordAbstractUsesFindingsAndInterpretationLabels() throws {
        let record = try PageTextCorpus.parse("9500320.txt").record
        XCTAssertEqual(record.abstracts.count, 1)
        XCTAssertEqual(record.abstracts[0].language, "eng")
        XCTAssertEqual(record.abstracts[0].sections.map(\.label), ["Background", "Methods", "Findings", "Interpretation"])
        XCTAssertTrue(record.abstracts[0].sections[1].text.contains("(mean age 6 years [range 3-10], 11 boys)"))
    }

    func testMeshTermsCarryMajorTopicStars() throws {
        let record = try PageTextCorpus.parse("9500320.txt").record
        XCTAssertEqual(record.mesh.count, 13)
        XCTAssertEqual(record.mesh[0], MeshHeading(descriptor: "Autistic Disorder", qualifiers: [MeshQualifier(name: "etiology", major: true)]))
        XCTAssertEqual(record.mesh[1], MeshHeading(descriptor: "Child"))
        XCTAssertEqual(record.mesh.last?.display, "Measles-Mumps-Rubella Vaccine/adverse effects*")
        XCTAssertEqual(record.substances, [Substance(name: "Measles-Mumps-Rubella Vaccine")])
        XCTAssertEqual(record.publicationTypes, ["Case Reports", "Research Support, Non-U.S. Gov't", "Retracted Publication"])
    }

    func testRecordWithoutAbstractIsFlaggedAndLinksToWhatItComments() throws {
        let record = try PageTextCorpus.parse("41000101.txt").record
        XCTAssertEqual(record.abstracts, [])
        XCTAssertEqual(record.flags, ["No abstract available"])
        XCTAssertNil(record.ids.pmcid)
        let commentOn = record.links(of: .commentOn)
        XCTAssertEqual(commentOn.map(\.target.ids.pmid), [PMID(38174611)])
        XCTAssertEqual(commentOn[0].target.journal, "Eur J Psychotraumatol")
        XCTAssertEqual(commentOn[0].target.published, PartialDate(year: 2024))
        XCTAssertEqual(record.publicationTypes, ["Letter", "Comment"])
        XCTAssertEqual(record.mesh.first { $0.descriptor == "Stress Disorders, Post-Traumatic" },
                       MeshHeading(descriptor: "Stress Disorders, Post-Traumatic", major: true, qualifiers: [MeshQualifier(name: "drug therapy")]))
        XCTAssertEqual(record.links(of: .similar).map(\.target.ids.pmid), [PMID(38174611), PMID(32500209)])
    }

    func testEnglishAndGermanAbstractsWithSubjectsAndAssociatedData() throws {
        let parsed = try PageTextCorpus.parse("41000102.txt")
        let record = parsed.record
        XCTAssertEqual(record.abstracts.map(\.language), ["eng", "ger"])
        XCTAssertEqual(record.abstracts.map(\.kind), [.main, .publisher])
        XCTAssertEqual(record.abstracts[1].sections.map(\.label), ["Hintergrund", "Ziel", "Methoden", "Ergebnisse", "Schlussfolgerung"])
        XCTAssertEqual(record.abstracts[1].sections.map(\.nlmCategory), ["BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"])
        XCTAssertEqual(record.keywords.map(\.language), ["ger", nil, "eng", "ger", "eng", "eng"])
        XCTAssertEqual(record.publicationTypes, ["Randomized Controlled Trial", "Research Support, Non-U.S. Gov't"])
        XCTAssertEqual(record.mesh.count, 13)
        XCTAssertEqual(record.mesh.first { $0.descriptor == "Ketamine" },
                       MeshHeading(descriptor: "Ketamine", major: true, qualifiers: [MeshQualifier(name: "administration & dosage")]))
        XCTAssertEqual(record.substances, [Substance(name: "Ketamine", registryNumber: "690G0D6V8H"), Substance(name: "Midazolam")])
        XCTAssertEqual(record.registrations, [TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT04400102")])
        XCTAssertEqual(record.uninterpreted.map(\.section), ["Grants and funding"])
        XCTAssertEqual(parsed.warnings.count, 1)
        XCTAssertTrue(parsed.warnings[0].description.hasPrefix("41000102.txt: PMID 41000102: line 50: Grants and funding"))
    }

    func testAPAReferenceWithJuniorSuffixAndVancouverReference() throws {
        let references = try PageTextCorpus.parse("41000102.txt").record.links(of: .cites).map(\.target)
        XCTAssertEqual(references.count, 2)
        XCTAssertEqual(references[0].authors.map(\.family), ["Kraus", "Kadriu", "Lanzenberger", "Zarate", "Kasper"])
        XCTAssertEqual(references[0].authors[3].suffix, "Jr.")
        XCTAssertEqual(references[0].ids.doi?.value, "10.1038/s41398-019-0460-3")
        XCTAssertEqual(references[0].pages, "127")
        XCTAssertEqual(references[1].authors, [Author(family: "Fava", initials: "M")])
        XCTAssertEqual(references[1].journal, "Biol Psychiatry")
        XCTAssertEqual(references[1].published, PartialDate(year: 2003))
        XCTAssertEqual(references[1].pages, "649-59")
        XCTAssertEqual(references[1].ids.doi?.value, "10.1016/s0006-3223(03)00231-2")
    }

    func testErratumCommentAndExpressionOfConcernNotices() throws {
        let parsed = try PageTextCorpus.parse("41000103.txt")
        let record = parsed.record
        XCTAssertEqual(parsed.warnings, [])
        XCTAssertNil(record.ids.pmcid)
        XCTAssertEqual(record.links(of: .expressionOfConcernIn).map(\.target.ids.pmid), [PMID(41000110)])
        XCTAssertEqual(record.links(of: .erratumIn).map(\.target.ids.pmid), [PMID(41000120)])
        XCTAssertEqual(record.links(of: .commentIn).map(\.target.ids.pmid), [PMID(41000130), PMID(41000101)])
        XCTAssertEqual(record.links(of: .erratumIn)[0].target.title, "Erratum to: Psilocybin-assisted therapy for alcohol use disorder: an open-label feasibility study.")
        XCTAssertEqual(record.links(of: .erratumIn)[0].target.flags, ["No abstract available"])
        XCTAssertEqual(record.flags, [], "an expression of concern is not a retraction")
    }

    func testUnstructuredAbstractIsOneUnlabelledSection() throws {
        let record = try PageTextCorpus.parse("41000103.txt").record
        XCTAssertEqual(record.abstracts.count, 1)
        XCTAssertEqual(record.abstracts[0].sections.count, 1)
        XCTAssertNil(record.abstracts[0].sections[0].label)
        XCTAssertTrue(record.abstracts[0].sections[0].text.hasSuffix("i.e. by about three quarters.\nPsilocybin-assisted therapy appears feasible and safe in this population; controlled trials are warranted."))
        XCTAssertEqual(record.keywords.map(\.term), ["alcohol use disorder", "psilocybin", "psychedelic-assisted therapy"])
    }

    func testSimilarEntryWithoutDOIOrEpub() throws {
        let record = try PageTextCorpus.parse("41000103.txt").record
        let entry = try XCTUnwrap(record.links(of: .similar).last?.target)
        XCTAssertEqual(entry.ids.pmid, PMID(41000140))
        XCTAssertNil(entry.ids.doi)
        XCTAssertEqual(entry.journal, "Rev Esp Salud Publica")
        XCTAssertEqual(entry.volume, "97")
        XCTAssertEqual(entry.pages, "e202303015")
        XCTAssertEqual(entry.flags, ["Free article"])
        XCTAssertEqual(entry.publicationTypes, ["Review"])
    }

    func testEnglishAndFrenchAbstractsAndIdentifierLinesInAnyOrder() throws {
        let record = try PageTextCorpus.parse("41000104.txt").record
        XCTAssertEqual(record.ids.pmcid, PMCID("PMC11900104"))
        XCTAssertEqual(record.abstracts.map(\.language), ["eng", "fre"])
        XCTAssertEqual(record.abstracts[0].sections.map(\.label), ["Objective", "Method", "Results", "Conclusion"])
        XCTAssertEqual(record.abstracts[1].sections.map(\.label), ["Objectif", "Méthode", "Résultats", "Conclusion"])
        XCTAssertEqual(record.keywords.map(\.language), ["eng", "fre", "fre", "eng", "eng", "fre"])
        XCTAssertEqual(record.substances, [])
        XCTAssertEqual(record.registrations, [])
    }

    func testECollectionWithMonthAndReferenceWithURLOnly() throws {
        let record = try PageTextCorpus.parse("41000104.txt").record
        let stepped = try XCTUnwrap(record.links(of: .citedBy).last?.target)
        XCTAssertEqual(stepped.flags, ["eCollection 2025 May", "Free PMC article"])
        XCTAssertEqual(stepped.publicationTypes, ["Randomized Controlled Trial"])
        let reference = try XCTUnwrap(record.links(of: .cites).first?.target)
        XCTAssertEqual(reference.url, "https://www.statcan.gc.ca/en/subjects/standard/pcrac/2016/introduction")
        XCTAssertFalse(reference.citation?.hasSuffix("PubMed") ?? true)
    }

    func testDuplicatedHeaderBlockIsReadOnce() throws {
        let parsed = try PageTextCorpus.parse("41000105.txt")
        XCTAssertEqual(parsed.record.ids.pmid, PMID(41000105))
        XCTAssertEqual(parsed.record.title, "Risk of relapse after discontinuation of antidepressants in primary care: a cohort study")
        XCTAssertFalse(parsed.warnings.contains { $0.message.contains("header") })
    }

    func testCompoundLabelsAndBlankLinesBetweenSections() throws {
        let record = try PageTextCorpus.parse("41000105.txt").record
        XCTAssertEqual(record.abstracts.count, 1)
        XCTAssertEqual(record.abstracts[0].sections.map(\.label),
                       ["Importance", "Objective", "Design, setting, and participants", "Main outcomes and measures", "Results", "Conclusions and relevance"])
        XCTAssertTrue(record.abstracts[0].sections[4].text.hasSuffix("e.g. in patients who stopped abruptly (vs. tapering)."))
    }

    func testUnknownHeadingIsKeptAndReportedNotDropped() throws {
        let parsed = try PageTextCorpus.parse("41000105.txt")
        XCTAssertEqual(parsed.record.links(of: .similar).count, 2)
        XCTAssertEqual(parsed.record.uninterpreted.count, 1)
        XCTAssertEqual(parsed.record.uninterpreted[0].section, "Similar articles")
        XCTAssertEqual(parsed.record.uninterpreted[0].line, 34)
        XCTAssertTrue(parsed.record.uninterpreted[0].text.contains("Table S1. Baseline characteristics of the cohort"))
        XCTAssertEqual(parsed.warnings.count, 1)
    }

    func testVancouverReferencesSeparatedByBlankLines() throws {
        let references = try PageTextCorpus.parse("41000105.txt").record.links(of: .cites).map(\.target)
        XCTAssertEqual(references.count, 2)
        XCTAssertEqual(references[0].authors.map(\.family), ["Geddes", "Carney", "Davies"])
        XCTAssertEqual(references[0].title, "Relapse prevention with antidepressant drug treatment in depressive disorders: a systematic review")
        XCTAssertEqual(references[0].journal, "Lancet")
        XCTAssertEqual(references[0].volume, "361")
        XCTAssertEqual(references[0].issue, "9358")
        XCTAssertEqual(references[0].ids.doi?.value, "10.1016/s0140-6736(03)12599-8")
        XCTAssertEqual(references[1].url, "https://www.nice.org.uk/guidance/ng222")
    }
}
