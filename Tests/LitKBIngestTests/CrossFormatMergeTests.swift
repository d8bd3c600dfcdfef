import Foundation
import GRDB
@testable import LitKBIngest
import LitKBModel
@testable import LitKBStore
import XCTest

/// One article seen as page text, PubMed XML, MEDLINE and eLink, and cited from a JATS article
/// and another eLink result, ingested in every order: one work each time, the same work each time.
final class CrossFormatMergeTests: XCTestCase {
    static let fixtures = Corpus.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format")
    static let page = Corpus.packageRoot.appendingPathComponent("corpus/page-text/38174611.txt").path
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static let xml = fixture("38174611.xml")
    static let medline = fixture("38174611.nbib")
    static let seedELink = fixture("38174611-elink.xml")
    static let citingJATS = fixture("39925875.nxml")
    static let citingELink = fixture("39925875-elink.xml")

    static let seed = WorkIdentifier.pmid(PMID(38174611)!)
    static let citing = WorkIdentifier.pmid(PMID(39925875)!)
    static let lancet = WorkIdentifier.pmid(PMID(29728331)!)

    /// What a user sees of a work, without what depends on when files were ingested.
    struct Snapshot: Equatable {
        var detail: WorkDetail
        var sources: Set<String>

        init(_ detail: WorkDetail) {
            var detail = detail
            sources = Set(detail.sources.map { "\($0.format.rawValue) \(($0.path as NSString).lastPathComponent)" })
            detail.sources = []
            self.detail = detail
        }
    }

    private func ingest(_ paths: [String]) throws -> KnowledgeBase {
        let kb = try KnowledgeBase()
        for path in paths {
            let report = Ingester(store: kb).ingestFile(path)
            XCTAssertEqual(report.status, .ingested, path)
            XCTAssertEqual(report.errors, [], path)
            XCTAssertEqual(report.outcome.failed, 0, path)
        }
        XCTAssertEqual(try kb.inconsistencies(), 0)
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
        return kb
    }

    /// The first lines where two snapshots differ, as JSON: a readable failure message.
    private func difference(_ a: [Snapshot], _ b: [Snapshot]) -> String {
        func lines(_ snapshots: [Snapshot]) -> [String] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return snapshots.flatMap { snapshot -> [String] in
                let json = (try? encoder.encode(snapshot.detail)).map { String(decoding: $0, as: UTF8.self) } ?? "?"
                return json.split(separator: "\n").map(String.init) + snapshot.sources.sorted()
            }
        }
        let (left, right) = (lines(a), lines(b))
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : "<end>"
            let r = index < right.count ? right[index] : "<end>"
            if l != r { return "line \(index): \(l.trimmingCharacters(in: .whitespaces))  ≠  \(r.trimmingCharacters(in: .whitespaces))" }
        }
        return "equal"
    }

    private func snapshots(_ kb: KnowledgeBase, _ works: [WorkIdentifier]) throws -> [Snapshot] {
        try works.map { Snapshot(try XCTUnwrap(kb.detail(for: $0), "\($0)")) }
    }

    /// Edges as a user counts them: one per (from, kind, to), however many sources assert it.
    private func edges(_ kb: KnowledgeBase) throws -> Int {
        try kb.int("SELECT count(*) FROM (SELECT DISTINCT from_work, kind, to_work FROM link)")
    }

    /// Ingests each order into a fresh knowledge base and checks that `works` read the same and
    /// `counts` agree every time; returns the first order's snapshots and counts, for the value
    /// checks that then hold for every order.
    private func sameInEveryOrder(_ orders: [[String]], _ works: [WorkIdentifier],
                                  counts: (KnowledgeBase) throws -> [Int] = { _ in [] }) throws -> ([Snapshot], [Int]) {
        var first: ([Snapshot], [Int])?
        for order in orders {
            let kb = try ingest(order)
            let current = (try snapshots(kb, works), try counts(kb))
            guard let first else {
                first = current
                continue
            }
            let name = order.map { ($0 as NSString).lastPathComponent }
            XCTAssertTrue(current.0 == first.0, "order \(name): \(difference(first.0, current.0))")
            XCTAssertEqual(current.1, first.1, "order \(name)")
        }
        return try XCTUnwrap(first)
    }

    private static func permutations<T>(_ items: [T]) -> [[T]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index -> [[T]] in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    func testSeedAsPageXMLAndMEDLINEInEveryOrderIsOneIdenticalWork() throws {
        let (snapshot, counts) = try sameInEveryOrder(Self.permutations([Self.page, Self.xml, Self.medline]), [Self.seed]) { kb in
            [try kb.stats().records,
             try kb.int("SELECT count(*) FROM work WHERE pmid = 38174611 OR doi = '10.1080/20008066.2023.2297536' OR pmcid = 'PMC10769553'")]
        }
        XCTAssertEqual(counts, [1, 1], "one work, with its own record")
        let detail = snapshot[0].detail
        // PubMed XML wins every field it has ...
        XCTAssertEqual(detail.record.title?.hasSuffix("posttraumatic stress disorder."), true)
        XCTAssertEqual(detail.record.format, .pubmedXML)
        XCTAssertEqual(detail.record.authors.map(\.displayName), ["Zeifman, Richard J", "Wagner, Anne C"])
        XCTAssertEqual(detail.record.journal.isoAbbreviation, "Eur J Psychotraumatol")
        XCTAssertEqual(detail.record.keywords.count, 5)
        XCTAssertEqual(detail.record.mesh.map(\.display),
                       ["Humans", "Stress Disorders, Post-Traumatic*/drug therapy", "N-Methyl-3,4-methylenedioxyamphetamine/therapeutic use*"])
        // ... its six-section English abstract over MEDLINE's two and the page's six, its Spanish
        // one over the page's, and the page's plain-language summary, which only the page has.
        XCTAssertEqual(detail.record.abstracts.map { "\($0.kind) \($0.language ?? "?") \($0.sections.count)" },
                       ["main eng 6", "publisher spa 1", "plain-language-summary eng 1"])
        // The lists only the page has are kept whole, each entry once.
        XCTAssertEqual(detail.similar.compactMap { $0.pmid?.value }, [40331914, 29728331, 32500209, 37814082, 27118529])
        XCTAssertEqual(detail.citedBy.count, 4)
        XCTAssertEqual(detail.references.count, 3)
        XCTAssertEqual(snapshot[0].sources, ["page-text 38174611.txt", "pubmed-xml 38174611.xml", "medline 38174611.nbib"])
    }

    func testADOIOnlyReferenceAPMIDOnlyELinkEntryAndTheRecordBecomeOneWork() throws {
        let (snapshot, counts) = try sameInEveryOrder(Self.permutations([Self.citingJATS, Self.citingELink, Self.xml]), [Self.seed, Self.citing]) { kb in
            [try kb.int("SELECT count(*) FROM work WHERE pmid = 38174611 OR doi = '10.1080/20008066.2023.2297536'"), try self.edges(kb)]
        }
        // JATS cites the seed by DOI, eLink by PMID, the XML record holds both: one work.
        XCTAssertEqual(counts[0], 1)
        XCTAssertEqual(snapshot[0].detail.citedBy.map { $0.pmid?.value }, [39925875], "cited once, though two sources say so")
        // The Lancet trial: a PMID from eLink, a DOI from JATS, and nothing yet that ties them.
        let references = snapshot[1].detail.references
        XCTAssertEqual(references.map { $0.pmid?.value }, [38174611, 29728331, nil])
        XCTAssertEqual(references.last?.doi?.value, "10.1016/s2215-0366(18)30135-4")
    }

    func testEveryFormatInAnyOrderGivesTheSameGraph() throws {
        let files = [Self.page, Self.xml, Self.medline, Self.seedELink, Self.citingJATS, Self.citingELink]
        let orders = [files, Array(files.reversed()), Array(files[3...] + files[..<3]), [files[4], files[1], files[5], files[0], files[3], files[2]]]
        let (snapshot, _) = try sameInEveryOrder(orders, [Self.seed, Self.citing, Self.lancet]) { kb in
            [try kb.stats().works, try kb.stats().records, try self.edges(kb)]
        }
        let (seed, citing, lancet) = (snapshot[0], snapshot[1], snapshot[2])
        XCTAssertEqual(seed.sources.count, 4)
        XCTAssertEqual(seed.detail.record.format, .pubmedXML)
        // The page and eLink agree on the similar list (eLink's self-link is not one).
        XCTAssertEqual(seed.detail.similar.compactMap { $0.pmid?.value }, [40331914, 29728331, 32500209, 37814082, 27118529])
        XCTAssertEqual(seed.detail.similar.map(\.rank), [1, 2, 3, 4, 5])
        XCTAssertEqual(Set(seed.detail.citedBy.compactMap { $0.pmid?.value }), [39925875, 40256160, 39725921, 39973948])
        XCTAssertEqual(seed.detail.citedBy.count, 4)
        XCTAssertTrue(seed.detail.similar.contains { $0.pmid?.value == 32500209 && $0.retracted })
        // The page's similar entry gives the Lancet trial's PMID and DOI: eLink's PMID-only
        // stub and JATS's DOI-only stub are one work.
        XCTAssertEqual(lancet.detail.record.ids.doi?.value, "10.1016/s2215-0366(18)30135-4")
        XCTAssertEqual(citing.detail.references.map { $0.pmid?.value }, [38174611, 29728331])
        XCTAssertEqual(citing.detail.record.format, .jats)
        XCTAssertEqual(citing.sources, ["pmc-jats 39925875.nxml", "elink 39925875-elink.xml"])
    }

    /// An eLink result naming the Lancet trial as its source makes it a work of its own, but no
    /// record: its fields still come from the best mention, whichever file came first.
    func testAStubAnELinkResultSpeaksForTakesItsFieldsFromTheBestMention() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-lancet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lancetELink = directory.appendingPathComponent("29728331-elink.xml").path
        try """
            <eLinkResult><LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>29728331</Id></IdList>
            <LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed</LinkName><Link><Id>29728331</Id></Link><Link><Id>32500209</Id></Link></LinkSetDb>
            </LinkSet></eLinkResult>
            """.write(toFile: lancetELink, atomically: true, encoding: .utf8)
        let (snapshot, _) = try sameInEveryOrder(Self.permutations([Self.page, Self.citingJATS, lancetELink]), [Self.lancet])
        let lancet = snapshot[0].detail
        XCTAssertTrue(lancet.isStub)
        // The JATS reference (rank 7) over the page's similar entry (rank 6); the page's month
        // stays, a year-only reference does not erase it.
        XCTAssertEqual(lancet.record.title?.hasSuffix("phase 2 clinical trial"), true)
        XCTAssertEqual(lancet.record.journal.isoAbbreviation, "Lancet Psychiatry")
        XCTAssertEqual(lancet.record.published?.year, 2018)
        XCTAssertEqual(lancet.record.published?.month, 6)
        XCTAssertEqual(lancet.similar.compactMap { $0.pmid?.value }, [32500209])
    }
}
