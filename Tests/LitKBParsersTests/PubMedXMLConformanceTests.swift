import Foundation
import XCTest
import LitKBModel
import LitKBParsers

/// Tallies of one parsed file, compared with counts taken independently of litkb.
struct PubMedXMLTally {
    var records = 0
    var failures: [String] = []
    var pmids = Set<PMID>()
    var versioned: [String] = []
    var deletedPMIDs = 0
    var withDOI = 0
    var withPMCID = 0
    var withAbstract = 0
    var authors = 0
    var collectiveAuthors = 0
    var orcids = 0
    var mesh = 0
    var keywords = 0
    var references = 0
    var referencesWithPMID = 0
    /// References whose pubmed and pmc ids are the same number: neither used, and said.
    var referencesWithDoubtfulIDs = 0
    /// References whose pubmed id is above any assigned by the citing record's latest date.
    var referencesWithImplausiblePMID = 0
    var notices: [String: Int] = [:]
    var publicationTypes: [String: Int] = [:]
    var otherAbstracts: [String: Int] = [:]
    var byPMID: [PMID: [WorkRecord]] = [:]

    init(_ path: String, keep: Set<Int> = []) throws {
        let parser = try PubMedXMLParser(path: path, displayName: URL(fileURLWithPath: path).lastPathComponent)
        while let item = parser.next() {
            switch item {
            case .record(let parsed):
                add(parsed.record, keep: keep)
                referencesWithDoubtfulIDs += parsed.warnings.count { $0.message.contains("pubmed and pmc ids are the same number") }
                referencesWithImplausiblePMID += parsed.warnings.count { $0.message.contains("is above any PMID assigned by the end of") }
            case .deletion(let pmids, _): deletedPMIDs += pmids.count
            case .failure(let error): failures.append(error.description)
            case .warning: break
            }
        }
    }

    private mutating func add(_ record: WorkRecord, keep: Set<Int>) {
        records += 1
        if let pmid = record.ids.pmid {
            pmids.insert(pmid)
            if let version = record.ids.pmidVersion, version > 1 { versioned.append("\(pmid) v\(version)") }
            if keep.contains(pmid.value) { byPMID[pmid, default: []].append(record) }
        }
        if record.ids.doi != nil { withDOI += 1 }
        if record.ids.pmcid != nil { withPMCID += 1 }
        if record.abstracts.contains(where: { $0.kind == .main }) { withAbstract += 1 }
        authors += record.authors.count
        collectiveAuthors += record.authors.filter { $0.collective != nil }.count
        orcids += record.authors.filter { $0.orcid != nil }.count
        mesh += record.mesh.count
        keywords += record.keywords.count
        for link in record.links {
            if link.kind == .cites {
                references += 1
                if link.target.ids.pmid != nil { referencesWithPMID += 1 }
            } else {
                notices[link.kind.rawValue, default: 0] += 1
            }
        }
        for type in record.publicationTypes { publicationTypes[type, default: 0] += 1 }
        for abstract in record.abstracts where abstract.kind != .main {
            otherAbstracts["\(abstract.kind.rawValue) \(abstract.language ?? "-")", default: 0] += 1
        }
    }
}

/// Every real file in `../shared/corpus/pubmed-xml`, parsed whole; counts from the corpus README
/// (checked again with `zcat | grep -c` and an independent ElementTree count) and fields read by
/// eye from the XML. Slow in debug builds: run `swift test -c release --filter Conformance`.
final class PubMedXMLConformanceTests: XCTestCase {
    override func setUpWithError() throws {
        #if DEBUG
        throw XCTSkip("run in release: swift test -c release --filter Conformance")
        #endif
    }

    func testBaseline2020CountsMatchTheCorpus() throws {
        let tally = try PubMedXMLTally(PubMedXMLFiles.corpusFile("pubmed20n0014.xml.gz"), keep: [399319, 399315])
        XCTAssertEqual(tally.failures, [])
        XCTAssertEqual(tally.records, 30_000)
        XCTAssertEqual(tally.pmids.count, 30_000)
        XCTAssertEqual(tally.versioned, [])
        XCTAssertEqual(tally.deletedPMIDs, 0)
        // The README says 15,122 records have a DOI: it counts PMID 402351, whose
        // <ArticleId IdType="doi"></ArticleId> is empty. 15,121 have one.
        XCTAssertEqual(tally.withDOI, 15_121)
        XCTAssertEqual(tally.withPMCID, 2_193)
        XCTAssertEqual(tally.withAbstract, 14_832)
        XCTAssertEqual(tally.authors, 79_023)
        XCTAssertEqual(tally.mesh, 288_334)
        XCTAssertEqual(tally.keywords, 2_186)
        XCTAssertEqual(tally.references, 48_598)
        XCTAssertEqual(tally.referencesWithPMID, 48_598)
        // Records of 1979 revised in 2019 cite works with PMIDs up to 28,603,925 (OLDMEDLINE and
        // later citations): plausible for 2019, none doubted.
        XCTAssertEqual(tally.referencesWithImplausiblePMID, 0)
        XCTAssertEqual(tally.publicationTypes["Retracted Publication"], 2)
        XCTAssertEqual(tally.publicationTypes["Retraction of Publication"], 2)
        XCTAssertEqual(tally.notices, ["retraction-in": 2, "retraction-of": 5, "comment-in": 2])
        XCTAssertEqual(tally.otherAbstracts, ["pip eng": 102])

        let medlineDate = try XCTUnwrap(tally.byPMID[PMID(399319)!]?.first)
        XCTAssertEqual(medlineDate.published, PartialDate(year: 1979, month: 7, text: "1979 Jul-Sep"))
        let pip = try XCTUnwrap(tally.byPMID[PMID(399315)!]?.first?.abstracts.first { $0.kind.rawValue == "pip" })
        XCTAssertEqual(pip.language, "eng")
        XCTAssertTrue(pip.plainText.hasPrefix("This study investigated the influence of hormone therapy on"), pip.plainText)
    }

    func testUpdate2021CountsMatchTheCorpus() throws {
        let spotChecks: Set<Int> = [33780037, 30601556, 31719001, 32488523, 33728380, 29744390, 32436023, 27602157]
        let tally = try PubMedXMLTally(PubMedXMLFiles.corpusFile("pubmed21n1298.xml.gz"), keep: spotChecks)
        XCTAssertEqual(tally.failures, [])
        XCTAssertEqual(tally.records, 20_788)
        XCTAssertEqual(tally.pmids.count, 20_783)
        XCTAssertEqual(tally.versioned.sorted(), ["30271887 v2", "30271887 v3", "30271887 v4", "33728380 v2", "34017925 v2"])
        XCTAssertEqual(tally.deletedPMIDs, 20)
        XCTAssertEqual(tally.withDOI, 20_605)
        // Includes the versioned records' versioned ids (`PMC6134338.4` → PMC6134338).
        XCTAssertEqual(tally.withPMCID, 5_313)
        XCTAssertEqual(tally.withAbstract, 18_446)
        XCTAssertEqual(tally.authors, 135_423)
        XCTAssertEqual(tally.collectiveAuthors, 354)
        // 14,641 ORCID identifiers, 9 of them not valid iDs (8 a digit short, as in PMID
        // 32910605; 1 with a wrong check character), as an independent reading (ElementTree and
        // ORCID's ISO 7064 check) counts them: 14,632 iDs.
        XCTAssertEqual(tally.orcids, 14_641 - 9)
        // 80,042 Keyword elements, four of them empty (`<Keyword MajorTopicYN="N" />` in PMIDs
        // 31642788, 34086545, 34086546, 34086549): 80,038 keywords.
        XCTAssertEqual(tally.keywords, 80_038)
        XCTAssertEqual(tally.mesh, 3_668)
        // Nested lists included. (The README says 26 records nest a ReferenceList; 22 records do,
        // holding 26 nested ReferenceList elements.)
        XCTAssertEqual(tally.references, 221_645)
        // 93,610 references give a pubmed id; in 3,812 of them the pmc id is the same number,
        // so one of the two is wrong and neither is used (ElementTree counts the same 3,812).
        XCTAssertEqual(tally.referencesWithPMID, 93_610 - 3_812)
        XCTAssertEqual(tally.referencesWithDoubtfulIDs, 3_812)
        // None names a PMID above those assigned by its citing record's latest date (2021): the
        // highest is 34,086,881 (ElementTree, PMIDTimeline's bounds).
        XCTAssertEqual(tally.referencesWithImplausiblePMID, 0)
        XCTAssertEqual(tally.publicationTypes["Retracted Publication"], 4)
        XCTAssertEqual(tally.publicationTypes["Retraction of Publication"], 9)
        XCTAssertEqual(tally.notices, [
            "retraction-in": 4, "retraction-of": 8, "erratum-in": 164, "erratum-for": 239, "comment-in": 220,
            "comment-on": 214, "expression-of-concern-in": 1, "expression-of-concern-for": 1, "update-in": 2, "update-of": 8,
        ])
        XCTAssertEqual(tally.otherAbstracts, [
            "publisher ger": 26, "publisher spa": 15, "publisher ita": 11, "publisher por": 9, "publisher dut": 6,
            "publisher fre": 3, "publisher chi": 2, "publisher ara": 1, "plain-language-summary eng": 13,
        ])
        try spotCheck2021(tally.byPMID)
    }

    private func spotCheck2021(_ records: [PMID: [WorkRecord]]) throws {
        func record(_ pmid: Int) throws -> WorkRecord { try XCTUnwrap(records[PMID(pmid)!]?.first, "PMID \(pmid)") }

        XCTAssertEqual(try record(33780037).title,
                       "Free-breathing simultaneous T1 , T2 , and T2∗ quantification in the myocardium.")
        XCTAssertEqual(try record(30601556).title,
                       "Effects of water availability and UV radiation on silicon accumulation in the C4 crop proso millet.")

        let collective = try record(31719001).authors
        XCTAssertEqual(collective.count, 14)
        XCTAssertEqual(collective[13], Author(collective: "Collaborators"))

        // 95 references at the top of its list and 40 in a nested ReferenceList.
        let nested = try record(32488523).links(of: .cites)
        XCTAssertEqual(nested.count, 135)
        XCTAssertEqual(nested[95].target.ids.pmid, PMID(19348793))
        XCTAssertEqual(nested[95].target.ids.doi, DOI("10.1016/j.expneurol.2009.03.038"))
        XCTAssertTrue(nested[95].target.citation?.hasPrefix("Nitsche MA, Boggio PS, Fregni F, Pascual-Leone A (2009)") ?? false)

        let versions = try XCTUnwrap(records[PMID(33728380)!])
        XCTAssertEqual(versions.map(\.ids.pmidVersion), [1, 2])

        let orcidAuthor = try record(29744390).authors[0]
        XCTAssertEqual(orcidAuthor.family, "Newbury")
        XCTAssertEqual(orcidAuthor.orcid, "0000-0002-9557-268X")

        let german = try XCTUnwrap(try record(32436023).abstracts.first { $0.language == "ger" })
        XCTAssertEqual(german.kind, .publisher)
        XCTAssertEqual(german.sections.first?.label, "ZUSAMMENFASSUNG")
        XCTAssertEqual(german.sections.first?.nlmCategory, "UNASSIGNED")
        XCTAssertTrue(german.sections.first?.text.hasPrefix("Am Ende des 19.\u{A0}Jahrhunderts ermöglichte die Reichshauptstadt") ?? false)

        let retraction = try XCTUnwrap(try record(27602157).links(of: .retractionIn).first)
        XCTAssertEqual(retraction.target.ids.pmid, PMID(34093767))
        XCTAssertEqual(retraction.target.citation, "Oncol Lett. 2021 Jul;22(1):545")
    }

    func testMedline2016CountsMatchTheCorpus() throws {
        let tally = try PubMedXMLTally(PubMedXMLFiles.corpusFile("medline16n0902.xml.gz"))
        XCTAssertEqual(tally.failures, [])
        XCTAssertEqual(tally.records, 604)
        XCTAssertEqual(tally.pmids.count, 604)
        XCTAssertEqual(tally.deletedPMIDs, 1)
        // No ArticleIdList in MEDLINE files: the DOIs come from ELocationID.
        XCTAssertEqual(tally.withDOI, 579)
        XCTAssertEqual(tally.withAbstract, 526)
        XCTAssertEqual(tally.authors, 3_590)
        XCTAssertEqual(tally.collectiveAuthors, 8)
        XCTAssertEqual(tally.orcids, 122)
        XCTAssertEqual(tally.mesh, 1_404)
        XCTAssertEqual(tally.keywords, 2_011)
        // MEDLINE's CommentsCorrections RefType="Cites" are references.
        XCTAssertEqual(tally.references, 3_547)
        XCTAssertEqual(tally.notices, ["comment-in": 46, "comment-on": 25, "erratum-for": 1, "erratum-in": 1])
        XCTAssertEqual(tally.otherAbstracts, ["publisher fre": 1, "publisher pol": 20])
    }
}
