import Foundation
import Testing
import LitKBModel
import LitKBParsers

/// `elink1.xml`: a real eLink answer for PMID 9298984 with seven PubMed-to-PubMed lists. The
/// counts were taken from the file independently (an element count per `LinkSetDb`).
@Suite(.enabled(if: ELinkJATSFiles.corpusAvailable, "\(ELinkJATSFiles.corpusAbsent)"))
struct ELinkSampleTests {
    let parsed: ParsedFile
    let record: WorkRecord

    init() throws {
        parsed = try ELinkParser.parse(ELinkJATSFiles.corpusData("elink/elink1.xml"), file: "elink1.xml")
        record = try #require(parsed.records.first).record
    }

    @Test func oneRecordForTheSourcePMID() throws {
        #expect(parsed.records.count == 1)
        #expect(parsed.failures.isEmpty)
        #expect(parsed.warnings.isEmpty)
        #expect(record.format == .elink)
        #expect(record.ids.pmid == PMID(9298984))
        #expect(parsed.records[0].location == SourceLocation(file: "elink1.xml", record: 1, pmid: PMID(9298984), line: 5))
        #expect(parsed.records[0].warnings.isEmpty)
    }

    /// The file lists 101 similar articles, the first being 9298984 itself: it is dropped.
    @Test func similarArticlesRankedWithoutTheSelfLink() {
        let similar = record.links(of: .similar)
        #expect(similar.count == 100)
        #expect(similar.first?.target.ids.pmid == PMID(8794856))
        #expect(similar.first?.rank == 1)
        #expect(similar.last?.target.ids.pmid == PMID(17333235))
        #expect(similar.last?.rank == 100)
        #expect(similar.map(\.rank) == Array(1...100).map { Optional($0) })
        // This answer was requested without cmd=neighbor_score: no scores.
        #expect(similar.allSatisfy { $0.score == nil })
        #expect(!record.links.contains { $0.target.ids.pmid == PMID(9298984) })
    }

    @Test func citedByAndReferences() {
        let citedBy = record.links(of: .citedBy)
        #expect(citedBy.count == 39)
        #expect(citedBy.first?.target.ids.pmid == PMID(38830800))
        #expect(citedBy.last?.target.ids.pmid == PMID(9700164))
        #expect(citedBy.allSatisfy { $0.rank == nil })
        let references = record.links(of: .cites)
        #expect(references.count == 56)
        #expect(references.first?.target.ids.pmid == PMID(14732139))
        #expect(references.last?.target.ids.pmid == PMID(1339459))
    }

    /// The other lists are kept under their eLink names, self-links dropped: `five`,
    /// `combined` and `reviews_five` list 5 with the article first; `reviews` lists only itself.
    @Test func otherListsKeptByName() {
        #expect(record.links(of: LinkKind(rawValue: "pubmed_pubmed_five")).map(\.target.ids.pmid)
            == [8794856, 9700164, 7914521, 9914369].map { PMID($0) })
        #expect(record.links(of: LinkKind(rawValue: "pubmed_pubmed_combined")).map(\.target.ids.pmid)
            == [8794856, 9700164, 7914521, 38830800].map { PMID($0) })
        #expect(record.links(of: LinkKind(rawValue: "pubmed_pubmed_reviews_five")).count == 4)
        #expect(record.links(of: LinkKind(rawValue: "pubmed_pubmed_reviews")).isEmpty)
        #expect(record.links(of: LinkKind(rawValue: "pubmed_pubmed_five")).map(\.rank) == [1, 2, 3, 4])
        #expect(record.links.count == 100 + 39 + 56 + 4 + 4 + 4)
    }
}

/// `Fixtures/elink/variants.xml`: scored and unscored links, a link set to PMC, an `ERROR` per
/// link set and per request, several ids in one `IdList`, LinkOut URLs, links from gene.
struct ELinkVariantTests {
    let parsed: ParsedFile

    init() throws {
        parsed = try ELinkParser.parse(ELinkJATSFiles.fixtureData("elink/variants.xml"), file: "variants.xml")
    }

    @Test func recordsOnlyForSingleSourcePubMedSets() {
        // LinkSet 2 is only an error for PMID 500: no record, so no work for an id eLink refused.
        #expect(parsed.records.map(\.record.ids.pmid) == [PMID(100)])
        #expect(parsed.records.map(\.location.record) == [1])
        #expect(parsed.records[0].record.listsGiven == [.similar, .citedBy, LinkKind(rawValue: "pubmed_pubmed_reviews")])
    }

    @Test func scoredSimilarLinks() throws {
        let record = try #require(parsed.records.first).record
        let similar = record.links(of: .similar)
        #expect(similar == [
            Link(kind: .similar, target: WorkMention(ids: Identifiers(pmid: PMID(201))), rank: 1, score: 45678901),
            Link(kind: .similar, target: WorkMention(ids: Identifiers(pmid: PMID(202))), rank: 2, score: 3456),
        ])
        #expect(record.links(of: .citedBy).map(\.target.ids.pmid) == [PMID(301), PMID(302)])
        let reviews = record.links(of: LinkKind(rawValue: "pubmed_pubmed_reviews"))
        #expect(reviews.map(\.rank) == [1, 2])
        #expect(reviews.map(\.score) == [nil, 12])
        #expect(record.links.count == 6, "the 3 PMC links are not stored")
    }

    @Test func warningsSayWhatWasSkipped() throws {
        let first = try #require(parsed.records.first)
        #expect(first.warnings.map(\.message) == [
            "LinkSet 1 pubmed_pubmed: 1 links without a PMID skipped",
            "LinkSet 1 pubmed_pmc: 3 links to pmc skipped",
        ])
        #expect(first.warnings.allSatisfy { $0.location.pmid == PMID(100) && $0.location.file == "variants.xml" })
        #expect(parsed.warnings.map(\.message) == [
            "eLink error in LinkSet 2: Some link sets could not be retrieved",
            "LinkSet 2 (PMID 500): eLink answered with an error and no links; skipped",
            "LinkSet 3 lists 2 source PMIDs (600, 601) in one IdList: eLink merged their links, which belong to no single article; skipped (request one &id= per PMID)",
            "LinkSet 4 holds LinkOut URLs (IdUrlList): not links between PubMed records; skipped",
            "LinkSet 4 names no source PMID; skipped",
            "LinkSet 5: links from database gene skipped: litkb keeps links from PubMed records",
        ])
    }

    /// Two link sets for one PMID are one record; a list holding only the article itself is
    /// given, empty, so it replaces what an earlier result said.
    @Test func linkSetsOfOnePMIDAreOneRecordAndAnEmptyListIsStillGiven() throws {
        let xml = """
            <eLinkResult>
            <LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>100</Id></IdList>
              <LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed_citedin</LinkName><Link><Id>301</Id></Link><Link><Id>302</Id></Link></LinkSetDb>
            </LinkSet>
            <LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>100</Id></IdList>
              <LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed_citedin</LinkName><Link><Id>302</Id></Link><Link><Id>303</Id></Link></LinkSetDb>
              <LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed</LinkName><Link><Id>100</Id><Score>99</Score></Link></LinkSetDb>
            </LinkSet>
            </eLinkResult>
            """
        let file = try ELinkParser.parse(Data(xml.utf8), file: "twice.xml")
        let record = try #require(file.records.first).record
        #expect(file.records.count == 1)
        #expect(record.links(of: .citedBy).map(\.target.ids.pmid) == [PMID(301), PMID(302), PMID(303)])
        #expect(record.links(of: .similar).isEmpty)
        #expect(record.listsGiven == [.citedBy, .similar])
    }

    @Test func requestErrorIsAFailure() {
        #expect(parsed.failures.map(\.description) == ["variants.xml: line 61: eLink returned an error: Invalid uid 0 at position=1"])
    }
}
