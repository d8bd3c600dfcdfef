import Foundation
import XCTest
import LitKBModel
import LitKBParsers

/// Field by field, on fixtures written to use every element the parser reads, and on the small
/// real files of the shared corpus.
final class PubMedXMLFieldTests: XCTestCase {
    private func fieldsRecord() throws -> ParsedRecord {
        try XCTUnwrap(PubMedXMLFiles.items(PubMedXMLFiles.fixture("fields.xml")).first?.parsed)
    }

    func testIdentifiersComeFromTheArticlesOwnIDListNotItsReferences() throws {
        let parsed = try fieldsRecord()
        let ids = parsed.record.ids
        XCTAssertEqual(parsed.record.format, .pubmedXML)
        XCTAssertEqual(ids.pmid, PMID(30000001))
        XCTAssertEqual(ids.pmidVersion, 2)
        XCTAssertEqual(ids.doi, DOI("10.9999/article.1"), "ArticleIdList's DOI wins over ELocationID's")
        XCTAssertEqual(ids.pmcid, PMCID("PMC1234567"), "ArticleIdList's PMC id wins over OtherID's")
        XCTAssertEqual(ids.others, [
            ArticleID(type: "pii", value: "e101"),
            ArticleID(type: "NASA", value: "99A12345"),
            ArticleID(type: "pii", value: "S0000-0000(21)00001-1"),
            ArticleID(type: "mid", value: "NIHMS123456"),
        ])
        XCTAssertEqual(parsed.location, SourceLocation(file: "fields.xml", record: 1, pmid: PMID(30000001), line: 5))
        XCTAssertEqual(parsed.warnings, [])
    }

    func testTitleFlattensInlineMarkupWithoutLosingOrDoublingSpaces() throws {
        let record = try fieldsRecord().record
        XCTAssertEqual(record.title, "Escherichia coli O157 and CO2: a study of T1 maps.")
        XCTAssertEqual(record.vernacularTitle, "Escherichia coli O157 und CO2.")
    }

    func testJournalIssueDatesAndPages() throws {
        let record = try fieldsRecord().record
        XCTAssertEqual(record.journal, Journal(title: "Journal of inline markup", isoAbbreviation: "J Inline Markup", issn: "1234-5678"))
        XCTAssertEqual(record.volume, "12")
        XCTAssertEqual(record.issue, "3-4")
        XCTAssertEqual(record.pages, "e101-e109")
        XCTAssertEqual(record.published, PartialDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan"))
        XCTAssertEqual(record.electronicPublished, PartialDate(year: 2021, month: 5, day: 14))
        XCTAssertEqual(record.languages, ["eng", "ger"])
        XCTAssertEqual(record.publicationTypes, ["Journal Article", "Retracted Publication"])
    }

    func testSeasonAndMedlinePgn() throws {
        let record = try XCTUnwrap(PubMedXMLFiles.records(PubMedXMLFiles.fixture("fields.xml")).last)
        XCTAssertEqual(record.published, PartialDate(year: 2000, text: "2000 Spring"))
        XCTAssertEqual(record.pages, "187-94")
        XCTAssertEqual(record.journal.isoAbbreviation, "Season J", "MedlineTA stands in for a missing ISOAbbreviation")
    }

    func testAuthorsKeepOrderCollectivesORCIDsAndAffiliations() throws {
        let authors = try fieldsRecord().record.authors
        XCTAssertEqual(authors, [
            Author(family: "Müller", given: "Anna-Lena", initials: "AL", suffix: "Jr", orcid: "0000-0003-1694-1449",
                   affiliations: ["Department One, Somewhere.", "Department Two, Elsewhere."]),
            Author(collective: "COVID-19 Genomics Consortium"),
            Author(family: "Smith", initials: "J", orcid: "0000-0002-1981-1941"),
        ])
    }

    func testAbstractSectionsCopyrightAndOtherAbstracts() throws {
        let abstracts = try fieldsRecord().record.abstracts
        XCTAssertEqual(abstracts.count, 3)
        XCTAssertEqual(abstracts[0], Abstract(language: "eng", kind: .main, sections: [
            AbstractSection(label: "BACKGROUND", nlmCategory: "BACKGROUND", text: "CO2 levels rise & fall."),
            AbstractSection(text: "Unlabelled text with <brackets> kept."),
            AbstractSection(text: "Trial registered as NCT00090064."),
        ], copyright: "© 2021 The Authors."))
        XCTAssertEqual(abstracts[1], Abstract(language: "ger", kind: .publisher, sections: [
            AbstractSection(label: "ZUSAMMENFASSUNG", nlmCategory: "UNASSIGNED", text: "Eine deutsche Zusammenfassung."),
        ]))
        XCTAssertEqual(abstracts[2], Abstract(language: "eng", kind: .plainLanguageSummary, sections: [
            AbstractSection(text: "A summary in plain words."),
        ]))
    }

    func testMainAbstractOfAnArticleWithoutEnglishTakesItsOwnLanguage() throws {
        let record = try XCTUnwrap(PubMedXMLFiles.records(PubMedXMLFiles.fixture("fields.xml")).last)
        XCTAssertEqual(record.languages, ["ger"])
        XCTAssertEqual(record.abstracts.first?.language, "ger")
    }

    func testSubjectsRegistrationsAndConflictOfInterest() throws {
        let record = try fieldsRecord().record
        XCTAssertEqual(record.mesh, [
            MeshHeading(descriptor: "Escherichia coli", descriptorUI: "D004926", major: true),
            MeshHeading(descriptor: "Carbon Dioxide", descriptorUI: "D002245", major: false, qualifiers: [
                MeshQualifier(name: "metabolism", ui: "Q000378", major: true),
                MeshQualifier(name: "physiology", ui: "Q000502", major: false),
            ]),
        ])
        XCTAssertEqual(record.substances, [
            Substance(name: "Actins", registryNumber: nil, ui: "D000199"),
            Substance(name: "Carbon Dioxide", registryNumber: "142M471B3J", ui: "D002245"),
        ])
        XCTAssertEqual(record.keywords, [
            Keyword(term: "carbon dioxide", owner: "NOTNLM", major: false),
            Keyword(term: "E. coli", owner: "NOTNLM", major: true),
        ])
        XCTAssertEqual(record.registrations, [
            TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT00090064"),
            TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT00000001"),
        ])
        XCTAssertEqual(record.conflictOfInterest, "The authors declare no conflict of interest.")
    }

    func testCommentsCorrectionsBecomeNoticesAndCitesBecomesCites() throws {
        let links = try fieldsRecord().record.links
        let notices = links.filter { $0.kind != .cites || $0.target.citation == "Nature. 1990;1:2" }
        XCTAssertEqual(notices, [
            Link(kind: .retractionIn, target: WorkMention(ids: Identifiers(pmid: PMID(34093767)), citation: "Oncol Lett. 2021 Jul;22(1):545")),
            Link(kind: .erratumIn, target: WorkMention(ids: Identifiers(doi: DOI("10.9999/erratum.1")),
                                                       citation: "J Inline Markup. 2021;12:1. doi: 10.9999/erratum.1")),
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(2000001)), citation: "Nature. 1990;1:2")),
        ])
    }

    func testReferencesIncludeNestedLists() throws {
        let references = try fieldsRecord().record.links.filter { $0.kind == .cites }.dropFirst()
        XCTAssertEqual(Array(references), [
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(11111111), doi: DOI("10.1038/ref.1")),
                                                   citation: "First reference. Nature. 2000;1:1.")),
            Link(kind: .cites, target: WorkMention(citation: "A book without ids.")),
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(22222222), pmcid: PMCID("PMC2222222")),
                                                   citation: "Nested reference. Cell. 2001;2:2.")),
        ])
    }

    func testDeleteCitationListsItsPMIDs() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("fields.xml"))
        XCTAssertEqual(items.map(\.summary), ["record 30000001", "record 30000002", "deletion 12345, 67890"])
        if case .deletion(_, let location) = items[2] {
            XCTAssertEqual(location, SourceLocation(file: "fields.xml", line: 195))
        }
    }

    func testMedlineCitationSetWithoutPubmedArticleWrapper() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("medline-set.xml"))
        XCTAssertEqual(items.map(\.summary), ["record 17942999", "deletion 26432306"])
        let record = try XCTUnwrap(items[0].parsed?.record)
        XCTAssertEqual(record.ids, Identifiers(pmid: PMID(17942999), pmidVersion: 1, pmcid: PMCID("PMC4714535"), doi: DOI("10.1000/medline.1")))
        XCTAssertEqual(record.published, PartialDate(year: 2007, month: 2, day: 3))
        XCTAssertEqual(record.journal, Journal(title: "Restorative neurology and neuroscience", isoAbbreviation: "Restor Neurol Neurosci", issn: "0922-6028"))
    }

    func testBookChapter() throws {
        let record = try XCTUnwrap(PubMedXMLFiles.records(PubMedXMLFiles.fixture("book.xml")).first)
        XCTAssertEqual(record.ids, Identifiers(pmid: PMID(20301295), pmidVersion: 1, others: [ArticleID(type: "bookaccession", value: "NBK1116")]))
        XCTAssertEqual(record.title, "Alpha-Thalassemia")
        XCTAssertEqual(record.journal.title, "GeneReviews®")
        XCTAssertEqual(record.published, PartialDate(year: 1993))
        XCTAssertEqual(record.authors, [Author(family: "Tamary", given: "Hannah", initials: "H")])
        XCTAssertEqual(record.publicationTypes, ["Review"])
        XCTAssertEqual(record.abstracts.first?.sections.first?.label, "CLINICAL CHARACTERISTICS")
        XCTAssertEqual(record.abstracts.first?.copyright, "Copyright © 1993-2020, University of Washington, Seattle.")
    }

    func testRealEfetchFileWithDoctypeNeedsNoNetwork() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.corpusFile("pubmed-29768149.xml"))
        XCTAssertEqual(items.count, 1)
        let record = try XCTUnwrap(items.first?.parsed?.record)
        XCTAssertEqual(record.ids.pmid, PMID(29768149))
        XCTAssertEqual(record.ids.doi, DOI("10.1056/NEJMoa1715274"))
        XCTAssertEqual(record.title, "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.")
        XCTAssertEqual(record.journal.isoAbbreviation, "N Engl J Med")
        XCTAssertEqual(record.published, PartialDate(year: 2018, month: 5, day: 17))
        XCTAssertEqual(record.pages, "1865-1876")
        XCTAssertEqual(record.authors.first?.family, "O'Byrne")
        // `&#946;` then a newline and tabs before `<sub>2</sub>`: PubMed's pretty-printing, not a
        // space (PubMed's page prints "β2-agonist").
        XCTAssertEqual(record.abstracts.first?.sections.first?.text,
                       "In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting β2-agonist may be an alternative to conventional treatment strategies.")
    }

    /// The corpus README calls this file "one current record"; it holds four `PubmedArticle`s.
    func testRealCurrentMedlineFile() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.corpusFile("test_current_medline.xml.gz"))
        XCTAssertEqual(items.map(\.summary), ["record 36400559", "record 2930949", "record 11446611", "record 28786991"])
        let records = items.compactMap(\.parsed?.record)
        XCTAssertEqual(records[0].pages, "61-76")
        XCTAssertEqual(records[0].abstracts.first?.copyright, "Copyright \u{A9} 2022 Elsevier Inc. All rights reserved.")
        XCTAssertEqual(records[1].links(of: .cites).first?.target, WorkMention(ids: Identifiers(pmid: PMID(6215674)), citation: "Radiology. 1982 Nov;145(2):321-5"))
        XCTAssertEqual(records[2].published, PartialDate(year: 2001, text: "2001 May-Jun"))
        XCTAssertEqual(records[2].ids.others, [ArticleID(type: "sici", value: "1470-2118(20010501)1:3L.188;1-")])
        XCTAssertEqual(records[3].conflictOfInterest, "Competing Interests: The authors have declared that no competing interests exist.")
        XCTAssertEqual(records[3].authors.first?.orcid, "0000-0002-5721-6764")
        XCTAssertEqual(records[3].ids.others, [ArticleID(type: "pii", value: "e0180707"), ArticleID(type: "pii", value: "PONE-D-17-13346")])
    }

    func testStandardInputBytesParseLikeAFile() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: PubMedXMLFiles.fixture("fields.xml")))
        let parser = try PubMedXMLParser(data: data, displayName: "-")
        let fromMemory = parser.next()?.parsed?.record
        XCTAssertEqual(fromMemory, try fieldsRecord().record)
    }

    /// libxml2's SAX2 interface hands `&amp;` in an attribute over as `&#38;`, and a text run in
    /// pieces around each reference, CDATA section and comment: the record reads as written.
    func testEscapesInAttributesAndTextAroundReferencesCDATAAndComments() throws {
        let xml = """
            <?xml version="1.0"?>
            <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">30000009</PMID><Article>
            <ArticleTitle>Salt &amp; pepper<!-- a note --> in <![CDATA[<b>bold</b>]]> &#x3B2;-cells &lt;2&gt;</ArticleTitle>
            <Abstract><AbstractText Label="MATERIALS &amp; METHODS &lt;1&gt; &#38; &quot;more&quot; &amp;#38;" NlmCategory="METHODS">One &amp; two.</AbstractText></Abstract>
            </Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
            """
        let parser = try PubMedXMLParser(data: Data(xml.utf8), displayName: "-")
        let record = try XCTUnwrap(parser.next()?.parsed?.record)
        XCTAssertEqual(record.title, "Salt & pepper in <b>bold</b> β-cells <2>")
        XCTAssertEqual(record.abstracts.first?.sections,
                       [AbstractSection(label: "MATERIALS & METHODS <1> & \"more\" &#38;", nlmCategory: "METHODS", text: "One & two.")],
                       "escaped text stays escaped: decoded once, not twice")
        XCTAssertNil(parser.next())
    }
}
