import Foundation
import Testing
import LitKBModel
import LitKBParsers

/// `Fixtures/jats/variants.nxml`: a `pmc-articleset` of two articles with the shapes the real
/// samples lack: Spanish trans-abstract and trans-title, a summary and a graphical abstract,
/// keywords in two languages, a collective author, an ORCID, a nested ref-list, a mixed citation
/// with string-names and ids, JATS 1.1 dates, an article written in Spanish.
struct JATSFixtureTests {
    let parsed: ParsedFile

    init() throws {
        parsed = try JATSParser.parse(ELinkJATSFiles.fixtureData("jats/variants.nxml"), file: "variants.nxml")
    }

    @Test func oneRecordPerArticle() {
        #expect(parsed.records.count == 2)
        #expect(parsed.failures.isEmpty)
        #expect(parsed.records.map(\.location.record) == [1, 2])
        #expect(parsed.records[0].location.pmid == PMID(1000001))
    }

    @Test func idsTitleJournalDates() throws {
        let record = parsed.records[0].record
        #expect(record.ids == Identifiers(pmid: PMID(1000001), pmidVersion: 1, pmcid: PMCID("PMC7000001"), doi: DOI("10.1000/test.2024.1")))
        #expect(record.title == "Therapy for CO2 retention in Homo sapiens", "the footnote marker is not part of the title")
        #expect(record.vernacularTitle == "Terapia para la retención de CO2")
        #expect(record.journal == Journal(title: "Revista de Pruebas", isoAbbreviation: "Rev Pruebas", issn: "1234-5679"))
        #expect(record.pages == "e101")
        #expect(record.electronicPublished == PartialDate(year: 2024, month: 3, day: 5))
        #expect(record.published == PartialDate(year: 2024, text: "2024 Spring"))
        #expect(record.conflictOfInterest == "None declared.")
    }

    @Test func authorsWithORCIDAffiliationsAndACollective() {
        let authors = parsed.records[0].record.authors
        #expect(authors == [
            Author(family: "García", given: "María J", initials: "MJ", orcid: "0000-0002-1825-0097",
                   affiliations: ["Hospital Uno, Madrid, Spain", "Universidad Dos, Sevilla"]),
            Author(collective: "Grupo de Estudio"),
        ])
    }

    @Test func abstractsWithKindsLanguagesAndSections() {
        let abstracts = parsed.records[0].record.abstracts
        #expect(abstracts.map(\.kind) == [.plainLanguageSummary, .main, .publisher, AbstractKind(rawValue: "graphical")])
        #expect(abstracts.map(\.language) == ["eng", "eng", "spa", "eng"])
        #expect(abstracts[0].sections == [AbstractSection(text: "People who breathe too little keep CO2.")])
        #expect(abstracts[1].sections == [
            AbstractSection(label: "Background", nlmCategory: "BACKGROUND", text: "First paragraph. Second paragraph with [1] a reference."),
            AbstractSection(label: "Results", nlmCategory: "RESULTS", text: "Values rose (p < 0.05)."),
        ])
        #expect(abstracts[2].sections.map(\.label) == ["Antecedentes", "Resultados"])
        #expect(abstracts[2].sections.map(\.nlmCategory) == ["BACKGROUND", "RESULTS"])
    }

    @Test func keywordsKeepTheirGroupsLanguage() {
        #expect(parsed.records[0].record.keywords == [
            Keyword(term: "hypercapnia", language: "eng"), Keyword(term: "ventilation", language: "eng"),
            Keyword(term: "hipercapnia", language: "spa"), Keyword(term: "ventilación", language: "spa"),
            Keyword(term: "terapia", language: "spa"),
        ])
    }

    @Test func nestedReferenceLists() throws {
        let links = parsed.records[0].record.links
        #expect(links.count == 2)
        let mixed = links[0].target
        #expect(mixed.ids == Identifiers(pmid: PMID(31000001), pmcid: PMCID("PMC6000001"), doi: DOI("10.1000/jt.2019.3")))
        #expect(mixed.authors == [Author(family: "Smith", given: "J", initials: "J"), Author(family: "Jones", given: "AB", initials: "AB")])
        #expect(mixed.title == "A trial of oxygen" && mixed.journal == "J Test")
        #expect([mixed.volume, mixed.issue, mixed.pages] == ["3", "2", "10-19"])
        #expect(mixed.published == PartialDate(year: 2019))
        #expect(mixed.citation == "Smith J, Jones AB. A trial of oxygen. J Test. 2019;3(2):10–19. doi: 10.1000/jt.2019.3. PMID: 31000001; PMCID: PMC6000001")
        let book = links[1].target
        #expect(book.authors == [Author(collective: "WHO")], "editors are not authors")
        #expect(book.title == "Guidelines on ventilation" && book.journal == nil)
        #expect(book.citation == "WHO. Guidelines on ventilation. Geneva: World Health Organization; 2020.")
    }

    /// An article in Spanish: its English trans-title is the title (PubMed's titles are English),
    /// the original the vernacular title; its main abstract is Spanish.
    @Test func articleInSpanish() {
        let record = parsed.records[1].record
        #expect(record.ids == Identifiers(pmcid: PMCID("PMC7000002")))
        #expect(record.languages == ["spa"])
        #expect(record.title == "A study in Spanish")
        #expect(record.vernacularTitle == "Un estudio en español")
        #expect(record.published == PartialDate(year: 2023, month: 1))
        #expect(record.pages == "5-9")
        #expect(record.abstracts.map(\.language) == ["spa", "eng"])
        #expect(record.abstracts.map(\.kind) == [.main, .publisher])
    }
}

/// A DOCTYPE naming an external DTD that defines an entity, an external entity, an internal
/// entity and `&nbsp;`: nothing is loaded, fetched or expanded, and the article is still read.
struct JATSEntityTests {
    @Test func externalDTDAndEntitiesAreNeverLoaded() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-jats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let dtd = directory.appendingPathComponent("evil.dtd")
        try "<!ENTITY dtdentity \"DTD-ENTITY-TEXT\">\n<!ENTITY nbsp \"NBSP-FROM-DTD\">\n".write(to: dtd, atomically: true, encoding: .utf8)
        let secret = directory.appendingPathComponent("secret.txt")
        try "SECRET-FILE-TEXT".write(to: secret, atomically: true, encoding: .utf8)
        let template = try String(decoding: ELinkJATSFiles.fixtureData("jats/external-entity-template.nxml"), as: UTF8.self)
        let document = template.replacingOccurrences(of: "DTD_PATH", with: dtd.path).replacingOccurrences(of: "SECRET_PATH", with: secret.path)

        let parsed = try JATSParser.parse(Data(document.utf8), file: "entities.nxml")
        #expect(parsed.failures.isEmpty)
        let record = try #require(parsed.records.first).record
        #expect(record.ids.pmid == PMID(1000003))
        let title = try #require(record.title)
        for marker in ["SECRET-FILE-TEXT", "DTD-ENTITY-TEXT", "NBSP-FROM-DTD", "INTERNAL-ENTITY-TEXT"] {
            #expect(!title.contains(marker), "\(marker) must not be expanded: \(title)")
        }
        #expect(title.hasPrefix("Before") && title.hasSuffix("done"))
        let messages = parsed.warnings.map(\.message)
        #expect(messages.contains { $0.contains("&inner;") }, "\(messages)")
        #expect(messages.contains { $0.contains("&nbsp;") }, "\(messages)")
    }

    /// `&nbsp;` in a file without any DOCTYPE is an error libxml2 recovers from: the article is read.
    @Test func undefinedEntityWithoutDoctype() throws {
        let xml = "<article><front><article-meta><article-id pub-id-type=\"pmid\">5</article-id><title-group><article-title>A&nbsp;B</article-title></title-group></article-meta></front></article>"
        let parsed = try JATSParser.parse(Data(xml.utf8), file: "nbsp.nxml")
        #expect(parsed.records.first?.record.title == "AB")
        #expect(parsed.warnings.map(\.message) == ["entity &nbsp; is not expanded: litkb reads no DTD and expands no entities"])
    }

    @Test func brokenJATSIsAFailureWithoutRecords() throws {
        let xml = "<article><front><article-meta><title-group><article-title>Open</title-group></article-meta></front></article>"
        let parsed = try JATSParser.parse(Data(xml.utf8), file: "broken.nxml")
        #expect(parsed.records.isEmpty)
        #expect(parsed.failures.count == 1)
        #expect(parsed.failures.first?.location.file == "broken.nxml")
        #expect(parsed.failures.first?.message.hasPrefix("this JATS file is not well-formed XML: ") == true)
    }
}
