import LitKBModel
@testable import LitKBStore
import XCTest

final class RetractionAndSearchTests: XCTestCase {
    func testRetractedFlagAndNoticeAreEvidenceAndListersLeanOnIt() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        let retracted = try kb.retractedWorks()
        XCTAssertEqual(retracted.map { $0.work.pmid?.value }, [32500209])
        let item = try XCTUnwrap(retracted.first)
        XCTAssertEqual(Set(item.evidence.map(\.kind)), [.flag, .retractionNotice])
        XCTAssertEqual(item.evidence.first { $0.kind == .flag }?.assertedBy?.pmid?.value, 38174611)
        XCTAssertEqual(item.notices.map { $0.doi?.value }, ["10.1007/s00213-024-06665-y"])
        XCTAssertEqual(item.reliedOnBy.map { $0.work.pmid?.value }, [38174611])
        XCTAssertEqual(item.reliedOnBy.map(\.reliance), [.listsAsSimilar])

        let detail = try XCTUnwrap(kb.detail(for: pmid(32500209)))
        XCTAssertTrue(detail.retracted)
        XCTAssertEqual(detail.notices.map(\.kind), [.retractionIn])
        XCTAssertEqual(detail.notices.first?.citation, "Psychopharmacology (Berl). 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y.")
    }

    func testRetractionOfAndPublicationTypeAreEvidence() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([
            Fixture.record(.pubmedXML, pmid: 20, title: "Retracted article", publicationTypes: ["Journal Article", "Retracted Publication"]),
            Fixture.record(.pubmedXML, pmid: 21, title: "Retraction notice", links: [Link(kind: .retractionOf, target: Fixture.mention(pmid: 22, citation: "J Test. 2020;1:1"))],
                           publicationTypes: ["Retraction of Publication"]),
        ], file: "r.xml")
        XCTAssertEqual(try kb.retractedWorks().map { $0.work.pmid?.value }, [20, 22])
        XCTAssertEqual(try kb.detail(for: pmid(22))?.notices.map(\.kind), [.retractionIn])
        XCTAssertEqual(try kb.detail(for: pmid(22))?.notices.first?.pmid?.value, 21)
        XCTAssertFalse(try XCTUnwrap(kb.detail(for: pmid(21))).retracted, "a retraction notice is not itself retracted")
    }

    func testSearchIgnoresDiacriticsAndFindsOtherLanguageAbstracts() throws {
        let kb = try KnowledgeBase()
        var record = Fixture.record(pmid: 38174611, title: "Preliminary evidence for therapeutic alliance")
        record.abstracts = [
            Abstract(language: "eng", sections: [AbstractSection(label: "Background", text: "Therapeutic alliance predicts outcomes.")]),
            Abstract(language: "spa", kind: .publisher, sections: [AbstractSection(label: "Antecedentes", text: "La alianza terapéutica es clave.")]),
        ]
        try kb.ingest([record])
        let hits = try kb.search(SearchQuery(parsing: "alianza terapeutica"))
        XCTAssertEqual(hits.map { $0.work.pmid?.value }, [38174611])
        XCTAssertTrue(hits[0].snippet.contains("[alianza] [terapéutica]"), hits[0].snippet)
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "ALIANZA TERAPÉUTICA")).count, 1)
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "alianza -clave")).count, 0)
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "alliance* abstract:clave")).count, 1)
    }

    /// The page is ranked first and its passages made after, by seeking each hit, or for a
    /// prefix by one pass over the match: either way each hit keeps its own passage and score.
    func testEachHitKeepsItsPassageAndScoreWithOrWithoutAPrefix() throws {
        let kb = try KnowledgeBase()
        let records = (1...30).map { number in
            var record = Fixture.record(pmid: number, title: "Study \(number) of \(number.isMultiple(of: 3) ? "therapy" : "sleep")")
            record.abstracts = [Abstract(language: "eng", sections: [AbstractSection(text: "Abstract number \(number) on therapeutic alliance.")])]
            return record
        }
        try kb.ingest(records)
        for query in ["therapeutic", "therap*"] {
            let hits = try kb.search(SearchQuery(parsing: query), limit: 25)
            XCTAssertEqual(hits.count, 25, query)
            XCTAssertEqual(hits.map(\.score), hits.map(\.score).sorted(), query)
            for hit in hits {
                XCTAssertTrue(hit.snippet.contains("Abstract number \(hit.work.pmid!.value) on [therapeutic]"), "\(query): \(hit.snippet)")
            }
        }
        // Titles weigh most: the ten "therapy" titles lead a prefix search.
        XCTAssertEqual(Set(try kb.search(SearchQuery(parsing: "therap*"), limit: 10).map { $0.work.pmid!.value }), Set(stride(from: 3, through: 30, by: 3)))
        XCTAssertTrue(try SearchQuery(parsing: "therap* sleep").hasPrefix)
        XCTAssertFalse(try SearchQuery(parsing: "therapy sleep").hasPrefix)
    }

    func testTitleMatchesRankAboveAbstractMatches() throws {
        let kb = try KnowledgeBase()
        var inAbstract = Fixture.record(pmid: 1, title: "A study of sleep")
        inAbstract.abstracts = [Abstract(language: "eng", sections: [AbstractSection(text: "We looked at ketamine and many other things in a long text about sleep.")])]
        let inTitle = Fixture.record(pmid: 2, title: "Ketamine for depression")
        try kb.ingest([inAbstract, inTitle])
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "ketamine")).map { $0.work.pmid?.value }, [2, 1])
    }

    /// A reference's bare title (a stub) would win on BM25's length normalisation alone; the
    /// record the user ingested comes first.
    func testRecordsRankAboveStubsWithTheSameWords() throws {
        let kb = try KnowledgeBase()
        var record = Fixture.record(pmid: 1, title: "Factors influencing lysis time stochasticity in bacteriophage lambda",
                                    links: [Link(kind: .cites, target: Fixture.mention(pmid: 2, title: "Lysis time", year: 2008))])
        record.abstracts = [Abstract(language: "eng", sections: [AbstractSection(text: "Lysis time varies between cells for many reasons.")])]
        try kb.ingest([record])
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "lysis time")).map { $0.work.pmid?.value }, [1, 2])
    }

    /// The first page is chosen among the best matches by BM25 alone, and falls back to
    /// ranking every match by its record-or-stub key when those are mostly stubs: each way must
    /// give the order the whole ranking gives (a limit above 1,000 takes the whole ranking).
    func testAFirstPageIsTheWholeRankingsFirstPageWhenStubsCrowdTheBestMatches() throws {
        let kb = try KnowledgeBase()
        // 300 stubs titled with the word alone (short documents BM25 ranks first), cited by one
        // record; 25 records whose abstracts mention it once among other words.
        let stubs = (1...300).map { Link(kind: .cites, target: Fixture.mention(pmid: 1_000 + $0, title: "Lysis \($0)", year: 2008)) }
        var records = [Fixture.record(pmid: 1, title: "A review of bacteriophage biology", links: stubs)]
        for pmid in 2...26 {
            var record = Fixture.record(pmid: pmid, title: "Bacteriophage study \(pmid)")
            let filler = Array(repeating: "growth", count: pmid).joined(separator: " ")
            record.abstracts = [Abstract(language: "eng", sections: [AbstractSection(text: "Lysis was measured. \(filler)")])]
            records.append(record)
        }
        try kb.ingest(records)
        let query = try SearchQuery(parsing: "lysis")
        let whole = try kb.search(query, limit: 2_000)
        XCTAssertEqual(whole.count, 325)
        XCTAssertEqual(whole.prefix(25).filter { $0.work.isStub }.count, 0)
        for limit in [1, 20, 25, 30, 240] {
            XCTAssertEqual(try kb.search(query, limit: limit).map(\.work.pmid), whole.prefix(limit).map(\.work.pmid), "limit \(limit)")
        }
        // Shorter abstracts rank higher: pmid 2's has the fewest filler words.
        XCTAssertEqual(whole.prefix(3).map { $0.work.pmid?.value }, [2, 3, 4])

        // Fewer matches than the window: records, then stubs, each in BM25 order.
        let few = try SearchQuery(parsing: "lysis (7 OR 17 OR 70 OR 71 OR 72 OR 73 OR 74)")
        let wholeFew = try kb.search(few, limit: 2_000)
        XCTAssertEqual(try kb.search(few, limit: 20).map(\.work.pmid), Array(wholeFew.prefix(20).map(\.work.pmid)))
        XCTAssertGreaterThan(wholeFew.count, 3)
    }

    func testSearchQueryQuotesEveryTermSoUserTextCannotBreakFTS() throws {
        XCTAssertEqual(try SearchQuery(parsing: "alianza terapeutica").pattern, "\"alianza\" AND \"terapeutica\"")
        XCTAssertEqual(try SearchQuery(parsing: "mdma OR psilocybin -cannabis").pattern, "(\"mdma\" OR \"psilocybin\") NOT \"cannabis\"")
        XCTAssertEqual(try SearchQuery(parsing: "\"therapeutic alliance\" title:ptsd thera*").pattern,
                       "\"therapeutic alliance\" AND title : \"ptsd\" AND \"thera\" *")
        XCTAssertEqual(try SearchQuery(parsing: "NEAR a:b (x OR y)").pattern, "\"NEAR\" AND \"a:b\" AND (\"x\" OR \"y\")")
        XCTAssertEqual(try SearchQuery(parsing: "title:\"x\" \" OR yield*\" z").pattern, "title : \"x\" AND \"OR yield\" * AND \"z\"")
        XCTAssertThrowsError(try SearchQuery(parsing: "\"unclosed phrase")) { error in
            XCTAssertTrue("\(error)".contains("character 1"), "\(error)")
        }
        XCTAssertThrowsError(try SearchQuery(parsing: "-only -excluded"))
        XCTAssertThrowsError(try SearchQuery(parsing: "  ;; "))
    }

    func testStatsCountStubsLinksAndRetractions() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        let stats = try kb.stats()
        XCTAssertEqual(stats.works, 7)
        XCTAssertEqual(stats.records, 1)
        XCTAssertEqual(stats.stubs, 6)
        XCTAssertEqual(stats.linksByKind, ["similar": 2, "cites": 3, "retraction-in": 1])
        XCTAssertEqual(stats.unidentifiedReferences, 0)
        XCTAssertEqual(stats.retractedWorks, 1)
        XCTAssertEqual(stats.schemaVersion, 20)
    }
}
