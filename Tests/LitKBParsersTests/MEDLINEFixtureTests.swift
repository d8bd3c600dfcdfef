import Foundation
import Testing
import LitKBModel
import LitKBParsers

/// Field by field on fixtures written in the shape of PubMed's MEDLINE export: every tag the
/// parser reads, CRLF line ends with a BOM, continuation lines, other-language abstracts,
/// notices, and files with records that cannot be read.
struct MEDLINEFixtureTests {
    private func fieldsRecord() throws -> ParsedRecord {
        let parsed = try MEDLINEFiles.parseFixture("fields-crlf.nbib")
        #expect(parsed.failures == [])
        return try #require(parsed.records.first)
    }

    @Test func crlfBOMAndLeadingBlankLinesAreRead() throws {
        let text = try MEDLINEFiles.fixture("fields-crlf.nbib")
        #expect(text.hasPrefix("\u{FEFF}\r\n"), "the fixture keeps its BOM and CRLF line ends")
        let parsed = try MEDLINEParser.parse(text, file: "fields-crlf.nbib")
        #expect(parsed.records.count == 1)
        #expect(parsed.records[0].location == SourceLocation(file: "fields-crlf.nbib", record: 1, pmid: PMID(31000001), line: 3))
        // The same record with LF line ends and no BOM reads the same.
        let plain = String(text.drop { $0 == "\u{FEFF}" }).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(try MEDLINEParser.parse(plain, file: "fields-crlf.nbib").records.map(\.record) == parsed.records.map(\.record))
    }

    @Test func identifiersFromAIDLIDPMCAndMID() throws {
        let ids = try fieldsRecord().record.ids
        #expect(ids == Identifiers(pmid: PMID(31000001), pmidVersion: 1, pmcid: PMCID("PMC6500001"),
                                   doi: DOI("10.1098/rstb.2019.0001"), others: [
                                       ArticleID(type: "pii", value: "20190001"),
                                       ArticleID(type: "mid", value: "NIHMS1500001"),
                                       ArticleID(type: "pii", value: "rstb.2019.0001"),
                                   ]))
    }

    @Test func titlesJournalAndIssue() throws {
        let record = try fieldsRecord().record
        #expect(record.format == .medline)
        #expect(record.title == "Therapeutic alliance and outcome in MDMA-assisted psychotherapy: a randomised trial.")
        #expect(record.vernacularTitle == "Alianza terapeutica y resultados en la psicoterapia asistida por MDMA.")
        // Three IS lines: the first that is not the linking ISSN is the journal's.
        #expect(record.journal == Journal(title: "Philosophical transactions of the Royal Society of London. Series B, Biological sciences",
                                          isoAbbreviation: "Philos Trans R Soc Lond B Biol Sci", issn: "0962-8436"))
        #expect(record.volume == "374")
        #expect(record.issue == "3-4")
        #expect(record.pages == "187-94")
        #expect(record.published == PartialDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan"))
        #expect(record.electronicPublished == PartialDate(year: 2019, month: 7, day: 15))
        #expect(record.languages == ["eng", "ger"])
        #expect(record.publicationTypes == ["Journal Article", "Randomized Controlled Trial", "Retracted Publication"])
        #expect(record.conflictOfInterest == "The authors declare no competing interests.")
    }

    @Test func authorsInOrderWithCollectiveORCIDsAffiliationsAndSuffix() throws {
        #expect(try fieldsRecord().record.authors == [
            Author(family: "Muller", given: "Anna-Lena", initials: "AL", orcid: "0000-0003-1694-1449", affiliations: [
                "Department of Psychiatry, University of Somewhere, Somewhere, Germany.",
                "Institute of Elsewhere, Elsewhere, Germany.",
            ]),
            Author(collective: "MDMA Alliance Study Group", affiliations: ["Consortium office, Boston, MA, USA."]),
            Author(family: "Smith", given: "John", initials: "J", orcid: "0000-0002-1981-1941"),
            Author(family: "Kenney", given: "Thomas J", initials: "TJ", suffix: "Jr"),
        ])
    }

    @Test func structuredMainAbstractAndOtherLanguageAbstracts() throws {
        let abstracts = try fieldsRecord().record.abstracts
        #expect(abstracts.count == 3)
        #expect(abstracts.first == Abstract(language: "eng", kind: .main, sections: [
            AbstractSection(label: "BACKGROUND", nlmCategory: "BACKGROUND", text: "MDMA-assisted psychotherapy is a combined intervention. Its mechanisms are not known."),
            AbstractSection(label: "OBJECTIVE", nlmCategory: "OBJECTIVE", text: "Examine whether alliance predicts outcome (n = 22)."),
            AbstractSection(label: "METHODS", nlmCategory: "METHODS", text: "Twenty-three individuals took part."),
            AbstractSection(label: "RESULTS", nlmCategory: "RESULTS", text: "Alliance predicted change vs. baseline."),
            AbstractSection(label: "CONCLUSIONS", nlmCategory: "CONCLUSIONS", text: "Alliance matters."),
            AbstractSection(label: "TRIAL REGISTRATION", text: "ClinicalTrials.gov NCT01234567."),
        ], copyright: "(c) 2019 The Author(s)."))
        #expect(abstracts.dropFirst().first == Abstract(language: "spa", kind: .publisher, sections: [
            AbstractSection(label: "Antecedentes", nlmCategory: "BACKGROUND",
                            text: "La psicoterapia asistida por MDMA es una combinacion de intervencion psicoterapeutica y farmacologica."),
            AbstractSection(label: "Objetivo", nlmCategory: "OBJECTIVE", text: "Examinar si la alianza terapeutica predice cambios en los sintomas."),
        ]))
        #expect(abstracts.last == Abstract(language: "ger", kind: .publisher, sections: [
            AbstractSection(label: "Hintergrund", nlmCategory: "BACKGROUND", text: "Die MDMA-gestutzte Psychotherapie ist eine Kombination."),
            AbstractSection(label: "Ziel", nlmCategory: "OBJECTIVE", text: "Wir untersuchen, ob die therapeutische Allianz die Symptome vorhersagt."),
        ]))
    }

    @Test func subjectsSubstancesKeywordsAndRegistrations() throws {
        let record = try fieldsRecord().record
        #expect(record.mesh == [
            MeshHeading(descriptor: "Adult"),
            MeshHeading(descriptor: "Stress Disorders, Post-Traumatic", major: true, qualifiers: [
                MeshQualifier(name: "drug therapy"), MeshQualifier(name: "psychology"),
            ]),
            MeshHeading(descriptor: "N-Methyl-3,4-methylenedioxyamphetamine", qualifiers: [MeshQualifier(name: "therapeutic use", major: true)]),
            MeshHeading(descriptor: "Psychotherapy", qualifiers: [MeshQualifier(name: "methods", major: true)]),
            MeshHeading(descriptor: "Therapeutic Alliance"),
        ])
        #expect(record.substances == [
            Substance(name: "Antidepressive Agents"),
            Substance(name: "DNA", registryNumber: "9007-49-2"),
            Substance(name: "N-Methyl-3,4-methylenedioxyamphetamine", registryNumber: "KE1SEN21RM"),
            Substance(name: "Serine Endopeptidases", registryNumber: "EC 3.4.21.-"),
            Substance(name: "4-hydroxyestradiol"),
        ])
        #expect(record.keywords == [
            Keyword(term: "MDMA", owner: "NOTNLM"),
            Keyword(term: "therapeutic alliance", owner: "NOTNLM", major: true),
            Keyword(term: "posttraumatic stress disorder", owner: "NOTNLM"),
        ])
        #expect(record.registrations == [
            TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT01234567"),
            TrialRegistration(registry: "GENBANK", accession: "AF123456"),
        ])
    }

    @Test func noticeTagsBecomeLinksWithTheNoticesPMID() throws {
        let links = try fieldsRecord().record.links
        #expect(links == [
            Link(kind: .commentIn, target: WorkMention(ids: Identifiers(pmid: PMID(31400001), doi: DOI("10.1016/S2215-0366(19)30230-6")),
                                                       citation: "Lancet Psychiatry. 2019 Sep;6(9):720-721. doi: 10.1016/S2215-0366(19)30230-6")),
            Link(kind: .erratumIn, target: WorkMention(ids: Identifiers(pmid: PMID(31400002), doi: DOI("10.1098/rstb.2019.0500")),
                                                       citation: "Philos Trans R Soc Lond B Biol Sci. 2019 Oct 1;374(1782):20190500. doi: 10.1098/rstb.2019.0500")),
            Link(kind: .retractionIn, target: WorkMention(ids: Identifiers(pmid: PMID(34000003)),
                                                          citation: "Philos Trans R Soc Lond B Biol Sci. 2021 Jul 5;376(1830):20210001")),
            Link(kind: .expressionOfConcernIn, target: WorkMention(ids: Identifiers(pmid: PMID(31900004)),
                                                                   citation: "Philos Trans R Soc Lond B Biol Sci. 2020 Jan 20;375(1790):20200001")),
            Link(kind: .updateOf, target: WorkMention(ids: Identifiers(pmid: PMID(27000005)), citation: "J Psychopharmacol. 2017;31(1):1-2")),
            Link(kind: LinkKind(noticeName: "Corrected and republished in"),
                 target: WorkMention(citation: "Philos Trans R Soc Lond B Biol Sci. 2022;377:1.")),
        ])
        #expect(links.last?.kind.rawValue == "corrected-and-republished-in")
        #expect(links.allSatisfy { $0.kind.isNotice })
    }

    @Test func unknownTagsAreKeptAndReported() throws {
        let parsed = try fieldsRecord()
        #expect(parsed.record.uninterpreted == [UninterpretedContent(section: "XYZ", line: 98, text: "A tag NLM may add one day.")])
        #expect(parsed.warnings.map(\.description) == ["fields-crlf.nbib: record 1 (PMID 31000001): line 98: unknown MEDLINE tag XYZ; kept uninterpreted"])
    }

    @Test func seasonsShortAuthorNamesLanguageAndTheSourceCitation() throws {
        let parsed = try MEDLINEFiles.parseFixture("dates-and-short-authors.nbib")
        #expect(parsed.failures == [])
        let records = parsed.records.map(\.record)
        #expect(records.map(\.ids.pmid) == [PMID(10000001), PMID(10000002), PMID(10000003)])
        #expect(records[0].published == PartialDate(year: 2006, text: "2006 Spring"))
        // Records before 2002 have AU alone.
        #expect(records[0].authors == [Author(family: "Hamelryck", initials: "T"), Author(family: "van der Berg", initials: "JH")])
        // Volume and issue only in SO: they fill the gaps, PG's pages stay.
        #expect(records[0].volume == "1")
        #expect(records[0].issue == "1")
        #expect(records[0].pages == "1-2")
        #expect(records[1].published == PartialDate(year: 2023, month: 1, day: 5))
        #expect(records[1].authors == [Author(family: "Schmidt", given: "Karl", initials: "K")])
        // A German article's abstract without English among its languages: its words decide.
        #expect(records[1].abstracts.map(\.language) == ["ger"])
        #expect(records[1].abstracts.first?.sections.count == 1)
        #expect(records[1].abstracts.first?.sections.first?.label == nil)
        #expect(records[2].published == PartialDate(year: 2024), "DP wins over SO's fuller date")
        #expect(records[2].volume == "384")
        #expect(records[2].issue == nil)
        #expect(records[2].pages == "e07654")
        #expect(records[2].ids.doi == DOI("10.1136/bmj-2023-07654"))
    }

    /// A record without a PMID fails by name; a stray line costs its record nothing but itself.
    @Test func unreadableRecordsFailByNameAndTheOthersGoOn() throws {
        let parsed = try MEDLINEFiles.parseFixture("broken-records.nbib")
        #expect(parsed.records.map(\.record.ids.pmid) == [PMID(20000001), PMID(20000003), PMID(20000004)])
        #expect(parsed.records.map(\.location.record) == [1, 3, 4])
        #expect(parsed.records[2].record.authors == [Author(family: "Doe", given: "Jane", initials: "J")])
        #expect(parsed.failures.map(\.location) == [SourceLocation(file: "broken-records.nbib", record: 2, pmid: nil, line: 6)])
        #expect(parsed.failures[0].message == "record without a PMID line")
        let stray = parsed.records[1]
        #expect(stray.record.title == "A record with a stray line")
        #expect(stray.record.languages == ["eng"])
        #expect(stray.record.uninterpreted == [UninterpretedContent(section: "MEDLINE", line: 14, text: "in the middle of it.")])
        #expect(stray.warnings.map(\.description) == [
            "broken-records.nbib: record 3 (PMID 20000003): line 14: not a MEDLINE line (neither \"TAG - value\" nor an indented continuation); kept uninterpreted: \"in the middle of it.\"",
        ])
    }

    @Test func aPMIDThatIsNoNumberFails() throws {
        let parsed = try MEDLINEParser.parse("PMID- 123\nTI  - Fine.\n\nPMID- abc\nTI  - Not fine.\n", file: "x.nbib")
        #expect(parsed.records.map(\.record.ids.pmid) == [PMID(123)])
        #expect(parsed.failures.map(\.location) == [SourceLocation(file: "x.nbib", record: 2, line: 4)])
    }

    /// Investigators (FIR/IR) are not authors; the AUID and AD lines after them are theirs.
    @Test func investigatorsIdentifiersAndAffiliationsStayOffTheLastAuthor() throws {
        let text = """
            PMID- 30000042
            TI  - A trial with a study group.
            FAU - Smith, John
            AU  - Smith J
            AD  - Department of Medicine, Example University, Boston, MA, USA.
            CN  - Example Study Group
            FIR - Jones, Mary
            IR  - Jones M
            AUID- ORCID: 0000-0002-1825-0097
            IRAD- Example Hospital, Leeds, UK.
            AD  - Example Hospital, Leeds, UK.
            LA  - eng

            """
        let record = try #require(MEDLINEParser.parse(text, file: "inv.nbib").records.first).record
        #expect(record.authors == [
            Author(family: "Smith", given: "John", initials: "J", affiliations: ["Department of Medicine, Example University, Boston, MA, USA."]),
            Author(collective: "Example Study Group"),
        ])
    }
}
