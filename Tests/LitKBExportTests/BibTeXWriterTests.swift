import LitKBExport
import LitKBModel
import XCTest

final class BibTeXWriterTests: XCTestCase {
    private func entry(_ work: WorkDetail) throws -> BibTeXStructure {
        var writer = BibTeXWriter()
        return try BibTeXStructure(parsing: writer.entry(for: work))
    }

    func testSeedEntryIsExact() {
        var writer = BibTeXWriter()
        XCTAssertEqual(writer.entry(for: Fixtures.seed), #"""
            @article{zeifmanPreliminaryEvidenceImportance2024,
              author = {Zeifman, Richard J and Wagner, Anne C and {MAPS Study Group}},
              title = {Preliminary evidence for the importance of therapeutic alliance in {MDMA}-assisted psychotherapy for posttraumatic stress disorder},
              journal = {European journal of psychotraumatology},
              year = {2024},
              volume = {15},
              number = {1},
              pages = {2297536},
              doi = {10.1080/20008066.2023.2297536},
              pmid = {38174611},
              pmcid = {PMC10769553},
              language = {english},
              keywords = {MDMA, Trastorno de estr{\'e}s postraum{\'a}tico, therapeutic alliance},
              abstract = {Background: MDMA-assisted psychotherapy (MDMA-AP) is a combined psychotherapeutic and pharmacologic intervention. Objective: Examine whether therapeutic alliance predicts changes in PTSD symptoms following MDMA-AP.}
            }

            """#)
    }

    func testRetractedWorkCarriesNote() throws {
        let entry = try entry(Fixtures.retracted)
        XCTAssertEqual(entry.fields["note"],
                       "RETRACTED. Retraction in: Psychopharmacology (Berl). 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y. PMID: 39412345")
        XCTAssertEqual(entry.fieldOrder, ["author", "title", "journal", "year", "month", "volume", "number", "pages", "doi", "pmid", "note"])
    }

    func testRetractionNoteNamesNoticeFoundOnlyAsEvidence() throws {
        var work = Fixtures.bare { $0.title = "Withdrawn work" }
        work.retractionEvidence = [RetractionEvidence(
            kind: .retractionOf,
            assertedBy: WorkSummary(pmid: PMID(555), doi: DOI("10.1000/notice_1"), title: "Retraction notice to: Withdrawn work"))]
        XCTAssertEqual(try entry(work).fields["note"],
                       #"RETRACTED. Retraction in: Retraction notice to: Withdrawn work. doi: 10.1000/notice\_1. PMID: 555"#)
    }

    func testRetractedWorkWithoutNoticeSaysRetracted() throws {
        var work = Fixtures.bare()
        work.retractionEvidence = [RetractionEvidence(kind: .flag, assertedBy: WorkSummary(pmid: PMID(38174611)))]
        XCTAssertEqual(try entry(work).fields["note"], "RETRACTED")
    }

    func testWorkThatIsNotRetractedHasNoNote() throws {
        XCTAssertNil(try entry(Fixtures.seed).fields["note"])
    }

    func testAbsentFieldsAreOmittedNotEmptyStrings() throws {
        var writer = BibTeXWriter()
        XCTAssertEqual(writer.entry(for: Fixtures.bare()), "@misc{anon,\n}\n")
        let work = Fixtures.bare { record in
            record.title = " "
            record.volume = ""
            record.journal = Journal(title: "", isoAbbreviation: "J Test")
            record.keywords = [Keyword(term: "")]
            record.abstracts = [Abstract(language: "eng", sections: [AbstractSection(label: "Background", text: " ")])]
            record.languages = ["und"]
        }
        XCTAssertEqual(writer.entry(for: work), "@article{anona,\n  key = {J Test},\n  journal = {J Test}\n}\n")
    }

    func testAuthorsAreFamilyCommaGivenJoinedByAnd() throws {
        let work = Fixtures.bare { record in
            record.authors = [
                Author(family: "Mithoefer", given: "Michael C", suffix: "Jr"),
                Author(family: "Zeifman", initials: "RJ"),
                Author(family: "De Souza"),
                Author(family: "Gómez", given: "José Ángel"),
                Author(collective: "Research and Development Group"),
                Author(family: "Smith, Kline", given: "and"),
            ]
        }
        XCTAssertEqual(try entry(work).fields["author"],
                       #"Mithoefer, Jr, Michael C and Zeifman, R. J. and {De Souza} and G{\'o}mez, Jos{\'e} {\'A}ngel and {Research and Development Group} and {Smith, Kline}, {and}"#)
    }

    func testPagesUseDoubleHyphen() throws {
        XCTAssertEqual(try entry(Fixtures.bare { $0.pages = "295–308" }).fields["pages"], "295--308")
        XCTAssertEqual(try entry(Fixtures.bare { $0.pages = "2485-2497" }).fields["pages"], "2485--2497")
        XCTAssertEqual(try entry(Fixtures.bare { $0.pages = "e1--e9" }).fields["pages"], "e1--e9")
    }

    func testMonthIsBareMacro() throws {
        var writer = BibTeXWriter()
        let text = writer.entry(for: Fixtures.retracted)
        XCTAssertTrue(text.contains("\n  month = aug,\n"))
        XCTAssertEqual(try BibTeXStructure(parsing: text).fields["month"], "aug")
    }

    func testJournalFallsBackToAbbreviation() throws {
        let work = Fixtures.bare { $0.journal = Journal(isoAbbreviation: "Front Psychiatry") }
        XCTAssertEqual(try entry(work).type, "article")
        XCTAssertEqual(try entry(work).fields["journal"], "Front Psychiatry")
    }

    func testAbstractIsMainEnglishWithLabelledSections() throws {
        let work = Fixtures.bare { record in
            record.abstracts = [
                Abstract(language: "spa", kind: .publisher, sections: [AbstractSection(text: "Resumen.")]),
                Abstract(language: "spa", sections: [AbstractSection(label: "Objetivo", text: "Examinar.")]),
                Abstract(language: "eng", sections: [
                    AbstractSection(label: "Objective", text: "Examine 5% & more."),
                    AbstractSection(text: "Unlabelled\nclosing."),
                ]),
            ]
        }
        XCTAssertEqual(try entry(work).fields["abstract"], #"Objective: Examine 5\% \& more. Unlabelled closing."#)
    }

    func testAbstractFallsBackToOnlyAbstractInAnyLanguage() throws {
        let work = Fixtures.bare { $0.abstracts = [Abstract(language: "ger", kind: .publisher, sections: [AbstractSection(text: "Größe.")])] }
        XCTAssertEqual(try entry(work).fields["abstract"], #"Gr{\"o}{\ss}e."#)
    }

    func testLanguagesUseBabelNames() throws {
        XCTAssertEqual(try entry(Fixtures.bare { $0.languages = ["eng", "spa", "tha"] }).fields["language"], "english and spanish and tha")
    }

    func testDOIIsWrittenVerbatim() throws {
        let work = Fixtures.bare { $0.ids = Identifiers(doi: DOI("10.1002/(SICI)1097-4636(199706)35:4<541::AID-JBM13>3.0.CO;2-S")) }
        XCTAssertEqual(try entry(work).fields["doi"], "10.1002/(sici)1097-4636(199706)35:4<541::aid-jbm13>3.0.co;2-s")
    }

    func testTranslatedTitleLosesPubMedBrackets() throws {
        XCTAssertEqual(try entry(Fixtures.bare { $0.title = "[Treatment of PTSD in Germany]." }).fields["title"],
                       "Treatment of {PTSD} in {Germany}.")
        XCTAssertEqual(try entry(Fixtures.bare { $0.vernacularTitle = "Behandlung" }).fields["title"], "Behandlung")
    }

    func testNastyInputStillMakesAValidEntry() throws {
        let work = Fixtures.nasty
        var writer = BibTeXWriter()
        let text = writer.entry(for: work)
        let entry = try BibTeXStructure(parsing: text)
        XCTAssertEqual(entry.key, "gomez-nunezCostsBenefits52019")
        XCTAssertEqual(entry.fields["title"],
                       ##"Costs \& benefits of 5\% \$100 a\_b {\textbraceleft}braces{\textbraceright} {\textasciitilde} {\textasciicircum} {\textbackslash} {\textless}{HTML}{\textgreater} in {M{\"u}ller}'s {$\beta$}-cohort \#2"##)
    }

    func testWorkWithoutAuthorGetsSortKeyFromTitle() throws {
        let entry = try entry(Fixtures.bare { record in
            record.title = "Correction to: Effects of 5% MDMA"
            record.journal = Journal(title: "Lancet")
        })
        XCTAssertEqual(entry.fields["key"], #"Correction to: Effects of 5\% MDMA"#)
        XCTAssertNil(entry.fields["author"])
        XCTAssertNil(try self.entry(Fixtures.seed).fields["key"])
    }

    func testSuffixLosesStrayCommas() throws {
        let work = Fixtures.bare { $0.authors = [Author(family: "Davis", given: "Kristina", suffix: ", MSN, MPH")] }
        XCTAssertEqual(try entry(work).fields["author"], "Davis, {MSN, MPH}, Kristina")
    }
}
