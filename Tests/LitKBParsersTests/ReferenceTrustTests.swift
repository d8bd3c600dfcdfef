import Foundation
import LitKBModel
@testable import LitKBParsers
import XCTest

/// Ids from someone else's list are checked before they can name a work; a record's own faults
/// are said, not passed on silently.
final class ReferenceTrustTests: XCTestCase {
    /// One PubmedArticle with these authors, languages, abstract and references.
    func record(authors: String = "", languages: [String] = ["eng"], abstract: String = "", references: String = "",
                dates: (citation: String, history: String) = ("", ""), pmid: Int = 34000001) throws -> ParsedRecord {
        let xml = """
            <?xml version="1.0"?>
            <PubmedArticleSet><PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">\(pmid)</PMID>
            \(dates.citation)<Article><Journal><Title>J Test</Title></Journal><ArticleTitle>A test.</ArticleTitle>
            \(abstract.isEmpty ? "" : "<Abstract><AbstractText>\(abstract)</AbstractText></Abstract>")
            <AuthorList>\(authors)</AuthorList>
            \(languages.map { "<Language>\($0)</Language>" }.joined())
            </Article></MedlineCitation>
            <PubmedData>\(dates.history)<ReferenceList>\(references)</ReferenceList></PubmedData></PubmedArticle></PubmedArticleSet>
            """
        let parser = try PubMedXMLParser(data: Data(xml.utf8), displayName: "test.xml")
        guard case .record(let parsed)? = parser.next() else { throw XCTSkip("no record") }
        return parsed
    }

    func testAPubmedAndPMCIdOfTheSameNumberNameNothing() throws {
        // pubmed21n1298, PMID 30452057: a reference whose pubmed and pmc ids are both 9733507.
        let parsed = try record(references: """
            <Reference><Citation>Zhou P. A pneumonia outbreak. Nature. 2020;579:270-3.</Citation><ArticleIdList>
            <ArticleId IdType="doi">10.1038/s41586-020-2012-7</ArticleId><ArticleId IdType="pubmed">9733507</ArticleId>
            <ArticleId IdType="pmc">PMC9733507</ArticleId></ArticleIdList></Reference>
            <Reference><Citation>Plain.</Citation><ArticleIdList><ArticleId IdType="pubmed">32015507</ArticleId>
            <ArticleId IdType="pmc">PMC7095418</ArticleId></ArticleIdList></Reference>
            """)
        let references = parsed.record.links.filter { $0.kind == .cites }.map(\.target.ids)
        XCTAssertNil(references[0].pmid)
        XCTAssertNil(references[0].pmcid)
        XCTAssertEqual(references[0].doi, DOI("10.1038/s41586-020-2012-7"))
        XCTAssertEqual(references[0].others, [])
        XCTAssertEqual(references[1].pmid, PMID(32015507))
        XCTAssertEqual(references[1].pmcid, PMCID("PMC7095418"))
        XCTAssertEqual(parsed.warnings.map(\.message), [
            "reference 1: its pubmed and pmc ids are the same number (pubmed 9733507, pmc PMC9733507), so one is wrong; neither is used to find the work, its DOI 10.1038/s41586-020-2012-7 is",
        ])
    }

    /// A reference list cannot name a PMID assigned after the citing record was last dated. An
    /// old cited work may have a high PMID (OLDMEDLINE): the bound follows the citing record.
    func testAPMIDAboveAnyAssignedByTheRecordsLatestDateNamesNothing() throws {
        let references = """
            <Reference><Citation>Typo.</Citation><ArticleIdList><ArticleId IdType="pubmed">98000000</ArticleId>
            <ArticleId IdType="doi">10.1000/typo</ArticleId></ArticleIdList></Reference>
            <Reference><Citation>Recent.</Citation><ArticleIdList><ArticleId IdType="pubmed">34086881</ArticleId></ArticleIdList></Reference>
            <Reference><Citation>Old work, late PMID.</Citation><ArticleIdList><ArticleId IdType="pubmed">13459106</ArticleId></ArticleIdList></Reference>
            """
        // Revised in 2021 (as pubmed21n1298's records): 34,086,881 existed; 98,000,000 did not.
        let revised = try record(references: references, dates: (
            "<DateCompleted><Year>2021</Year><Month>06</Month><Day>01</Day></DateCompleted><DateRevised><Year>2021</Year><Month>06</Month><Day>08</Day></DateRevised>",
            "<History><PubMedPubDate PubStatus=\"entrez\"><Year>2021</Year><Month>6</Month><Day>5</Day></PubMedPubDate></History>"))
        XCTAssertEqual(revised.record.links.map(\.target.ids.pmid), [nil, PMID(34086881), PMID(13459106)])
        XCTAssertEqual(revised.record.links.first?.target.ids.doi, DOI("10.1000/typo"), "the DOI still names the work")
        XCTAssertEqual(revised.warnings.map(\.message), [
            "reference 1: its pubmed id 98000000 is above any PMID assigned by the end of 2021, the year of the record's latest date "
                + "(about 34960000), so it is not used to find the work",
        ])
        // A record of 2010 (PMID 20,000,000), dated by its History alone: 34,086,881 had not been
        // assigned (bound 23.2M).
        let old = try record(references: references, dates: ("", "<History><PubMedPubDate PubStatus=\"pubmed\"><Year>2010</Year></PubMedPubDate></History>"),
                             pmid: 20_000_000)
        XCTAssertEqual(old.record.links.map(\.target.ids.pmid), [nil, nil, PMID(13459106)])
        // A record whose own PMID the timeline does not explain (scripts/replicate-pubmed.py
        // shifts copy 19's by 1,900,000,000): the timeline does not apply to its references.
        let replicated = try record(references: """
            <Reference><Citation>Shifted.</Citation><ArticleIdList><ArticleId IdType="pubmed">1928603925</ArticleId></ArticleIdList></Reference>
            """, dates: ("<DateRevised><Year>2019</Year></DateRevised>", ""), pmid: 1_900_399_571)
        XCTAssertEqual(replicated.record.links.map(\.target.ids.pmid), [PMID(1_928_603_925)])
        XCTAssertEqual(replicated.warnings, [])
        // No date at all: nothing to check against.
        XCTAssertEqual(try record(references: references).record.links.map(\.target.ids.pmid), [PMID(98000000), PMID(34086881), PMID(13459106)])
        XCTAssertEqual(PMIDTimeline.highestAssigned(by: 2012), 23_400_000)
        XCTAssertEqual(PMIDTimeline.highestAssigned(by: 2027), 44_800_000)
    }

    func testAMalformedORCIDIsSaidAndNotKept() throws {
        // PMID 32910605 gives a 15-digit ORCID.
        let parsed = try record(authors: """
            <Author><LastName>Good</LastName><Identifier Source="ORCID">https://orcid.org/0000-0002-1825-0097</Identifier></Author>
            <Author><LastName>Short</LastName><Identifier Source="ORCID">0000-0001-9206-317</Identifier></Author>
            <Author><LastName>Typo</LastName><Identifier Source="ORCID">0000-0002-1825-0098</Identifier></Author>
            """)
        XCTAssertEqual(parsed.record.authors.map(\.orcid), ["0000-0002-1825-0097", nil, nil])
        XCTAssertEqual(parsed.warnings.count, 2)
        XCTAssertTrue(parsed.warnings[0].message.contains("ORCID \"0000-0001-9206-317\" is not a valid ORCID iD"), parsed.warnings[0].message)
        XCTAssertTrue(IdentifierText.isValidORCID("0000-0002-1694-233X"))
    }

    func testAMainAbstractInTheOtherLanguageOfTheArticleIsThatLanguage() throws {
        let spanish = "Se evaluó la calidad de las consultas telefónicas realizadas durante el confinamiento en los centros de salud de la comunidad y los pacientes se mostraron satisfechos con la atención recibida."
        XCTAssertEqual(try record(languages: ["eng", "spa"], abstract: spanish).record.abstracts.first?.language, "spa")
        let english = "We assessed the quality of telephone consultations during the lockdown in the primary care centres of the region, and the patients were satisfied with the care they received."
        XCTAssertEqual(try record(languages: ["eng", "spa"], abstract: english).record.abstracts.first?.language, "eng")
        // PMID 34092076 says it is in English alone and carries a Spanish main abstract: the only
        // such abstract of pubmed21n1298 (old and new language of every main abstract compared).
        XCTAssertEqual(try record(languages: ["eng"], abstract: spanish).record.abstracts.first?.language, "spa")
        let englishWithSpanishNames = "The Hospital del Mar and the Universidad de la Laguna cohorts were compared with the national registry of the region, and the results were consistent across the sites."
        XCTAssertEqual(try record(languages: ["eng"], abstract: englishWithSpanishNames).record.abstracts.first?.language, "eng",
                       "a few Spanish words do not overrule the record's English")
    }
}
