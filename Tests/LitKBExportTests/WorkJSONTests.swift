import Foundation
import LitKBExport
import LitKBModel
import XCTest

final class WorkJSONTests: XCTestCase {
    private func object(_ work: WorkDetail) throws -> [String: Any] {
        let json = try WorkJSON.encode(work, pretty: false)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    func testJSONKeyNamesMatchContract() throws {
        let json = try WorkJSON.encode(Fixtures.seed, pretty: false)
        XCTAssertEqual(topLevelKeys(ofCompactJSON: json), [
            "pmid", "pmidVersion", "pmcid", "doi", "title", "journal", "journalAbbreviation", "issn", "year", "date",
            "epubDate", "volume", "issue", "pages", "languages", "authors", "abstracts", "keywords", "mesh",
            "publicationTypes", "substances", "registrations", "conflictOfInterest", "retracted",
            "retractionEvidence", "notices", "similar", "citedBy", "references", "citationCount", "referenceCount", "stub", "sources",
        ])
        let object = try object(Fixtures.seed)
        XCTAssertEqual(object["pmid"] as? Int, 38174611)
        XCTAssertNil(object["pmid"] as? String)
        XCTAssertEqual(object["pmidVersion"] as? Int, 1)
        XCTAssertEqual(object["pmcid"] as? String, "PMC10769553")
        XCTAssertEqual(object["doi"] as? String, "10.1080/20008066.2023.2297536")
        XCTAssertEqual(object["journal"] as? String, "European journal of psychotraumatology")
        XCTAssertEqual(object["journalAbbreviation"] as? String, "Eur J Psychotraumatol")
        XCTAssertEqual(object["year"] as? Int, 2024)
        XCTAssertEqual(object["date"] as? String, "2024")
        XCTAssertEqual(object["epubDate"] as? String, "2024-01-03")
        XCTAssertEqual(object["languages"] as? [String], ["eng"])
        XCTAssertEqual(object["retracted"] as? Bool, false)
        XCTAssertEqual(object["stub"] as? Bool, false)
        XCTAssertEqual(object["publicationTypes"] as? [String], ["Journal Article", "Clinical Trial"])
    }

    func testNestedObjectsUseContractKeys() throws {
        let object = try object(Fixtures.seed)
        let authors = try XCTUnwrap(object["authors"] as? [[String: Any]])
        XCTAssertEqual(Set(authors[0].keys), ["family", "given", "initials", "orcid", "affiliations"])
        XCTAssertEqual(authors[0]["orcid"] as? String, "0000-0002-6307-3923")
        XCTAssertEqual(authors[2]["name"] as? String, "MAPS Study Group")
        XCTAssertNil(authors[2]["family"])

        let abstracts = try XCTUnwrap(object["abstracts"] as? [[String: Any]])
        XCTAssertEqual(abstracts.map { $0["kind"] as? String }, ["main", "publisher", "plain-language-summary"])
        XCTAssertEqual(abstracts.map { $0["language"] as? String }, ["eng", "spa", "eng"])
        let section = try XCTUnwrap((abstracts[0]["sections"] as? [[String: Any]])?.first)
        XCTAssertEqual(section["label"] as? String, "Background")
        XCTAssertEqual(section["nlmCategory"] as? String, "BACKGROUND")

        let mesh = try XCTUnwrap((object["mesh"] as? [[String: Any]])?.first)
        XCTAssertEqual(mesh["descriptor"] as? String, "Stress Disorders, Post-Traumatic")
        XCTAssertEqual(mesh["major"] as? Bool, false)
        let qualifier = try XCTUnwrap((mesh["qualifiers"] as? [[String: Any]])?.first)
        XCTAssertEqual(qualifier["name"] as? String, "drug therapy")
        XCTAssertEqual(qualifier["major"] as? Bool, true)

        let keyword = try XCTUnwrap((object["keywords"] as? [[String: Any]])?[1])
        XCTAssertEqual(keyword["term"] as? String, "Trastorno de estrés postraumático")
        XCTAssertEqual(keyword["language"] as? String, "spa")
        XCTAssertEqual((object["substances"] as? [[String: String]])?.first, ["name": "N-Methyl-3,4-methylenedioxyamphetamine", "registryNumber": "KE1SEN21RM"])
        XCTAssertEqual((object["registrations"] as? [[String: String]])?.first, ["registry": "ClinicalTrials.gov", "accession": "NCT00090064"])
        XCTAssertEqual((object["sources"] as? [[String: String]])?.first, [
            "path": "corpus/page-text/38174611.txt", "sha256": "9f2c", "format": "page-text", "ingestedAt": "2025-06-01T12:00:00Z",
        ])
    }

    /// PubMed XML gives MeSH and substance ids and keyword owners; JSON carries them, in the
    /// contract's key order.
    func testSubjectIdentifiersAndKeywordOwners() throws {
        var detail = Fixtures.seed
        detail.record.mesh = [MeshHeading(descriptor: "Stress Disorders, Post-Traumatic", descriptorUI: "D013313", major: true,
                                          qualifiers: [MeshQualifier(name: "drug therapy", ui: "Q000188")])]
        detail.record.substances = [Substance(name: "N-Methyl-3,4-methylenedioxyamphetamine", registryNumber: "KE1SEN21RM", ui: "D018817")]
        detail.record.keywords = [Keyword(term: "MDMA", owner: "NOTNLM")]
        let json = try WorkJSON.encode(detail, pretty: false)
        XCTAssertTrue(json.contains(#""mesh":[{"descriptor":"Stress Disorders, Post-Traumatic","ui":"D013313","qualifiers":[{"name":"drug therapy","ui":"Q000188","major":false}],"major":true}]"#), json)
        XCTAssertTrue(json.contains(#""substances":[{"name":"N-Methyl-3,4-methylenedioxyamphetamine","registryNumber":"KE1SEN21RM","ui":"D018817"}]"#), json)
        XCTAssertTrue(json.contains(#""keywords":[{"term":"MDMA","owner":"NOTNLM"}]"#), json)
    }

    func testSimilarEntryCarriesRetractedFlagAndRank() throws {
        let similar = try XCTUnwrap(try object(Fixtures.seed)["similar"] as? [[String: Any]])
        XCTAssertEqual(similar[1]["pmid"] as? Int, 32500209)
        XCTAssertEqual(similar[1]["retracted"] as? Bool, true)
        XCTAssertEqual(similar[1]["rank"] as? Int, 3)
        XCTAssertEqual(similar[1]["year"] as? Int, 2020)
        XCTAssertEqual(similar[1]["journal"] as? String, "Psychopharmacology (Berl)")
    }

    func testRetractedWorkCarriesEvidenceAndNotice() throws {
        let object = try object(Fixtures.retracted)
        XCTAssertEqual(object["retracted"] as? Bool, true)
        let evidence = try XCTUnwrap(object["retractionEvidence"] as? [[String: Any]])
        XCTAssertEqual(evidence.map { $0["kind"] as? String }, ["retraction-notice", "flag"])
        let assertedBy = try XCTUnwrap(evidence[0]["assertedBy"] as? [String: Any])
        XCTAssertEqual(assertedBy["doi"] as? String, "10.1007/s00213-024-06665-y")
        XCTAssertEqual(assertedBy["pmid"] as? Int, 39412345)
        let notice = try XCTUnwrap((object["notices"] as? [[String: Any]])?.first)
        XCTAssertEqual(notice["kind"] as? String, "retraction-in")
        XCTAssertEqual(notice["pmid"] as? Int, 39412345)
        XCTAssertEqual(notice["doi"] as? String, "10.1007/s00213-024-06665-y")
    }

    func testAbsentFieldsAreOmittedNotEmptyStrings() throws {
        let work = Fixtures.bare { record in
            record.title = ""
            record.volume = "  "
            record.journal = Journal(title: "", isoAbbreviation: "J Test")
            record.authors = [Author(family: "Doe", given: "", affiliations: ["", "Somewhere"])]
            record.publicationTypes = ["", "Review"]
        }
        let json = try WorkJSON.encode(work, pretty: false)
        XCTAssertEqual(json, #"{"journal":"J Test","journalAbbreviation":"J Test","languages":[],"authors":[{"family":"Doe","affiliations":["Somewhere"]}],"abstracts":[],"keywords":[],"mesh":[],"publicationTypes":["Review"],"substances":[],"registrations":[],"retracted":false,"retractionEvidence":[],"notices":[],"similar":[],"citedBy":[],"references":[],"citationCount":0,"referenceCount":0,"stub":false,"sources":[]}"#)
        XCTAssertFalse(json.contains(#""""#))
    }

    func testPrettyOutputIndentsTwoSpacesAndWritesEmptyArraysInline() throws {
        let work = Fixtures.bare { record in
            record.ids = Identifiers(pmid: PMID(1))
            record.languages = ["eng"]
        }
        XCTAssertEqual(try WorkJSON.encode(work, pretty: true), """
            {
              "pmid": 1,
              "languages": [
                "eng"
              ],
              "authors": [],
              "abstracts": [],
              "keywords": [],
              "mesh": [],
              "publicationTypes": [],
              "substances": [],
              "registrations": [],
              "retracted": false,
              "retractionEvidence": [],
              "notices": [],
              "similar": [],
              "citedBy": [],
              "references": [],
              "citationCount": 0,
              "referenceCount": 0,
              "stub": false,
              "sources": []
            }
            """)
    }

    func testUnicodeStaysReadableAndDOISlashesStayBare() throws {
        let json = try WorkJSON.encode(Fixtures.seed, pretty: false)
        XCTAssertTrue(json.contains("Trastorno de estrés postraumático"))
        XCTAssertTrue(json.contains(#""doi":"10.1080/20008066.2023.2297536""#))
        XCTAssertFalse(json.contains(#"\u00e9"#))
        XCTAssertFalse(json.contains(#"\/"#))
    }

    func testControlCharactersQuotesAndLineBreaksAreEscaped() throws {
        let work = Fixtures.bare { $0.title = "Line one\nline \"two\"\tend\u{1}\u{2028}back\\slash" }
        let json = try WorkJSON.encode(work, pretty: false)
        XCTAssertTrue(json.hasPrefix(#"{"title":"Line one\nline \"two\"\tend\u0001\u2028back\\slash","#), json)
        XCTAssertFalse(json.contains("\n"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        XCTAssertEqual(object["title"] as? String, "Line one\nline \"two\"\tend\u{1}\u{2028}back\\slash")
    }

    func testJournalFallsBackToAbbreviationAndYearToEpubDate() throws {
        let work = Fixtures.bare { record in
            record.journal = Journal(isoAbbreviation: "Front Psychiatry")
            record.electronicPublished = PartialDate(year: 2025, month: 1, day: 23)
        }
        let object = try object(work)
        XCTAssertEqual(object["journal"] as? String, "Front Psychiatry")
        XCTAssertEqual(object["year"] as? Int, 2025)
        XCTAssertEqual(object["epubDate"] as? String, "2025-01-23")
        XCTAssertNil(object["date"])
    }

    func testDateTextKeepsSourceWording() throws {
        let work = Fixtures.bare { $0.published = PartialDate(year: 1998, month: 12, text: "1998 Dec-1999 Jan") }
        let object = try object(work)
        XCTAssertEqual(object["date"] as? String, "1998-12")
        XCTAssertEqual(object["dateText"] as? String, "1998 Dec-1999 Jan")
    }

    func testEncodeArrayHoldsEachWorkInOrder() throws {
        let json = try WorkJSON.encodeArray([Fixtures.seed, Fixtures.retracted], pretty: true)
        let array = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        XCTAssertEqual(array.map { $0["pmid"] as? Int }, [38174611, 32500209])
        XCTAssertEqual(try WorkJSON.encodeArray([], pretty: true), "[]")
    }

    func testSummariesEncodeAsEntryObjects() {
        let summaries = [
            Fixtures.retractedSimilar,
            WorkSummary(pmcid: PMCID("PMC10769553"), citation: "American Psychiatric Association . (2013).", isStub: false),
        ]
        XCTAssertEqual(WorkJSON.encodeSummaries(summaries, pretty: false),
                       #"[{"pmid":32500209,"doi":"10.1007/s00213-020-05548-2","title":"Long-term follow-up outcomes of MDMA-assisted psychotherapy for treatment of PTSD: a longitudinal pooled analysis of six phase 2 trials.","journal":"Psychopharmacology (Berl)","year":2020,"retracted":true,"status":"retracted","rank":3,"stub":true},"#
                       + #"{"pmcid":"PMC10769553","retracted":false,"citation":"American Psychiatric Association . (2013).","stub":false}]"#)
        XCTAssertEqual(WorkJSON.encodeSummary(WorkSummary(pmid: PMID(7)), pretty: true), """
            {
              "pmid": 7,
              "retracted": false,
              "stub": true
            }
            """)
    }
}
