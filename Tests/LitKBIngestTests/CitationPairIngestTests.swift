import Foundation
import GRDB
@testable import LitKBIngest
import LitKBModel
import LitKBParsers
@testable import LitKBStore
import XCTest

/// The NIH Open Citation Collection through the ingest: pairs become citations every read
/// follows, PMIDs without records become stubs, a load is idempotent and resumable, and
/// chase, related and path agree with set operations done here on the same pairs.
final class CitationPairIngestTests: XCTestCase {
    private func file(_ pairs: [(Int, Int)], name: String = "occ.csv") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-occ-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try (["citing,referenced"] + pairs.map { "\($0.0),\($0.1)" }).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func pmids(_ entries: [WorkSummary]) -> [Int] { entries.compactMap { $0.pmid?.value } }

    /// The real sample (`../shared/corpus/nih-occ`): every citing work's references and every
    /// 40th cited work's citers are exactly the pairs, split here by hand from the CSV.
    func testTheRealSamplesListsAreItsPairs() throws {
        let path = Corpus.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/nih-occ/open_citation_collection-sample.csv").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("../shared/corpus/nih-occ is absent") }
        var references: [Int: Set<Int>] = [:], citers: [Int: Set<Int>] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",").map { Int($0)! }
            references[fields[0], default: []].insert(fields[1])
            citers[fields[1], default: []].insert(fields[0])
        }
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(path)
        XCTAssertEqual(report.pairs?.added, 93_382)
        XCTAssertEqual(report.pairs?.stubsCreated, Set(references.keys).union(citers.keys).count)
        for (citing, cited) in references {
            XCTAssertEqual(Set(pmids(try kb.list(.references, of: .pmid(PMID(citing)!)).entries)), cited, "references of \(citing)")
        }
        for cited in citers.keys.sorted().enumerated().filter({ $0.offset % 40 == 0 }).map(\.element) {
            let listed = try kb.list(.citedBy, of: .pmid(PMID(cited)!)).entries
            XCTAssertEqual(Set(pmids(listed)), citers[cited]!, "citers of \(cited)")
            XCTAssertEqual(listed.count, citers[cited]!.count, "each once")
        }
    }

    /// A small graph: 1 and 2 cite 10, 11, 12; 3 cites 10 and 20; 20 cites 30; 4 cites 1.
    static let graph = [(1, 10), (1, 11), (1, 12), (2, 10), (2, 11), (2, 12), (3, 10), (3, 20), (20, 30), (4, 1)]

    func testPairsAreCitationsEveryListFollowsAndStubsForUnknownPMIDs() throws {
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(try file(Self.graph))
        XCTAssertEqual(report.status, .ingested)
        XCTAssertEqual(report.format, .nihOCC)
        XCTAssertEqual(report.records, 10)
        XCTAssertEqual(report.pairs?.added, 10)
        XCTAssertEqual(report.pairs?.stubsCreated, 9, "PMIDs 1, 2, 3, 4, 10, 11, 12, 20, 30 and nothing else")
        XCTAssertEqual(pmids(try kb.list(.references, of: .pmid(PMID(1)!)).entries), [10, 11, 12])
        XCTAssertEqual(pmids(try kb.list(.citedBy, of: .pmid(PMID(10)!)).entries), [1, 2, 3])
        XCTAssertEqual(pmids(try kb.list(.citedBy, of: .pmid(PMID(1)!)).entries), [4])
        let stub = try XCTUnwrap(kb.detail(for: .pmid(PMID(10)!)))
        XCTAssertTrue(stub.isStub)
        XCTAssertEqual(stub.citedBy.count, 3)
        let stats = try kb.stats()
        XCTAssertEqual(stats.citationPairs, 10)
        XCTAssertEqual(stats.stubs, 9)
        let health = try kb.healthCheck()
        XCTAssertTrue(health.isHealthy, "\(health)")

        // The same pairs again, and a file adding one: nothing twice.
        let again = Ingester(store: kb, force: true).ingestFile(try file(Self.graph))
        XCTAssertEqual(again.pairs?.added, 0)
        XCTAssertEqual(again.pairs?.known, 10)
        XCTAssertEqual(again.pairs?.stubsCreated, 0)
        let more = Ingester(store: kb).ingestFile(try file([(30, 10), (1, 10)], name: "more.csv"))
        XCTAssertEqual(more.pairs?.added, 1)
        XCTAssertEqual(try kb.stats().citationPairs, 11)
        XCTAssertEqual(pmids(try kb.list(.citedBy, of: .pmid(PMID(10)!)).entries), [1, 2, 3, 30])
    }

    /// A citation a record's own list gives and the collection gives too is one entry, in the
    /// list's place; the collection's others come after, by PMID.
    func testAnEdgeBothSourcesGiveIsShownOnce() throws {
        let kb = try KnowledgeBase()
        let seed = Corpus.packageRoot.appendingPathComponent("corpus/page-text/38174611.txt").path
        XCTAssertEqual(Ingester(store: kb).ingestFile(seed).status, .ingested)
        let before = pmids(try kb.list(.citedBy, of: .pmid(PMID(38174611)!)).entries)
        XCTAssertFalse(before.isEmpty)
        let report = Ingester(store: kb).ingestFile(try file([(before[0], 38174611), (1, 38174611)]))
        XCTAssertEqual(report.pairs?.stubsCreated, 1, "only PMID 1 was unknown")
        let after = pmids(try kb.list(.citedBy, of: .pmid(PMID(38174611)!)).entries)
        XCTAssertEqual(after, before + [1])
        let detail = try XCTUnwrap(kb.detail(for: .pmid(PMID(38174611)!)))
        XCTAssertEqual(detail.citedBy.count, before.count + 1)

        // Search sorted by citations counts the same distinct citers.
        let hits = try kb.search(SearchQuery(parsing: "mdma"), limit: 50, order: .cited)
        let seedHit = try XCTUnwrap(hits.first { $0.work.pmid?.value == 38174611 })
        XCTAssertEqual(seedHit.citationCount, before.count + 1)
        for hit in hits {
            let listed = try kb.list(.citedBy, of: hit.work.pmid.map(WorkIdentifier.pmid) ?? .doi(hit.work.doi!)).entries.count
            XCTAssertEqual(hit.citationCount, listed, "\(hit.work)")
        }
        XCTAssertEqual(hits.compactMap(\.citationCount), hits.compactMap(\.citationCount).sorted(by: >))
        XCTAssertGreaterThan(hits.count, 1)
    }

    /// `show`'s text counts the lists instead of reading them: every work's counts equal its
    /// lists' lengths, whichever sources gave them (pages, PubMed XML, MEDLINE, JATS, eLink,
    /// the collection), and everything else is as a read of the lists gives it.
    func testCountedListsEqualTheListsRead() throws {
        let kb = try KnowledgeBase()
        let fixtures = Corpus.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format").path
        Ingester(store: kb).ingest([Corpus.packageRoot.appendingPathComponent("corpus/page-text").path, fixtures]) { _ in }
        _ = Ingester(store: kb).ingestFile(try file([(900, 38174611), (39925875, 38174611), (38174611, 38174611), (38174611, 32500209), (901, 900)]))
        var ids: [WorkIdentifier] = []
        try kb.forEachWork(includingStubs: true) { read in
            if let id = read.record.ids.pmid.map(WorkIdentifier.pmid) ?? read.record.ids.doi.map(WorkIdentifier.doi) { ids.append(id) }
        }
        var compared = 0
        for id in ids {
            let counted = try XCTUnwrap(kb.detail(for: id, readingLists: false))
            let full = try XCTUnwrap(kb.detail(for: id))
            XCTAssertEqual(counted.listCounts, WorkDetail.ListCounts(similar: full.similar.count, citedBy: full.citedBy.count, references: full.references.count), "\(id)")
            XCTAssertEqual(counted.citationCount, full.citationCount)
            XCTAssertEqual(counted.notices, full.notices, "\(id)")
            XCTAssertEqual(counted.retractionEvidence, full.retractionEvidence, "\(id)")
            XCTAssertEqual(counted.status, full.status, "\(id)")
            XCTAssertEqual(counted.citedAs, full.citedAs, "\(id)")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 25)
        let seed = try XCTUnwrap(kb.detail(for: .pmid(PMID(38174611)!), readingLists: false))
        XCTAssertGreaterThan(seed.referenceCount, 0)
        XCTAssertTrue(seed.references.isEmpty && seed.citedBy.isEmpty && seed.similar.isEmpty, "counted, not read")
    }

    /// A work citing a retracted one only in the collection leans on it as much as one whose
    /// reference list says so.
    func testAWorkCitingARetractedOneInTheCollectionLeansOnIt() throws {
        let kb = try KnowledgeBase()
        XCTAssertEqual(Ingester(store: kb).ingestFile(Corpus.packageRoot.appendingPathComponent("corpus/page-text/38174611.txt").path).status, .ingested)
        _ = Ingester(store: kb).ingestFile(try file([(555, 32500209), (556, 555)]))
        let retracted = try XCTUnwrap(kb.retractedWorks().first { $0.work.pmid?.value == 32500209 })
        XCTAssertTrue(retracted.reliedOnBy.contains { $0.work.pmid?.value == 555 && $0.reliance == .cites })
        let leaning = try kb.worksLeaningOnRetracted(depth: 2)
        let first = try XCTUnwrap(leaning.first { $0.work.pmid?.value == 555 })
        XCTAssertEqual(first.depth, 1)
        XCTAssertEqual(pmids(first.cites), [32500209])
        XCTAssertEqual(first.referenceCount, 1)
        let second = try XCTUnwrap(leaning.first { $0.work.pmid?.value == 556 })
        XCTAssertEqual(second.depth, 2)
        XCTAssertEqual(pmids(second.cites), [555])
    }

    /// A load killed after its first chunk: the next ingest of the file resumes after it,
    /// stores the rest, and ends where a load never stopped ends.
    func testAnInterruptedLoadResumesAndEndsAsAWholeOne() throws {
        var pairs: [(Int, Int)] = []
        for citing in 1...40 { for cited in 100...(100 + citing % 7) { pairs.append((citing, cited)) } }
        let path = try file(pairs)
        let kb = try KnowledgeBase()
        let digest = try Ingester.Input.file(path).digest()
        let source = try kb.registerSource(SourceFileInput(path: path, sha256: digest.sha256, format: .nihOCC, size: digest.size))
        let stream = try CitationPairStream(path: path, displayName: path, chunkSize: 50)
        let first = try XCTUnwrap(stream.next())
        let load = try kb.citationPairLoad(source: source, expectedPairs: nil)
        try load.write(first.pairs, progress: SourceProgress(storedThrough: first.throughLine, records: first.pairs.count, last: "line \(first.throughLine)"))
        XCTAssertEqual(try kb.incompleteSources().count, 1, "killed here: the file is not complete")

        let resumed = Ingester(store: kb).ingestFile(path)
        XCTAssertEqual(resumed.status, .ingested)
        XCTAssertEqual(resumed.resumedAfter?.storedThrough, 51)
        XCTAssertEqual(resumed.records, pairs.count)
        XCTAssertEqual(resumed.pairs?.added, pairs.count - 50, "the first chunk's pairs were passed over, not stored again")
        XCTAssertEqual(try kb.incompleteSources().count, 0)

        let whole = try KnowledgeBase()
        XCTAssertEqual(Ingester(store: whole).ingestFile(path).pairs?.added, pairs.count)
        XCTAssertEqual(try kb.stats().citationPairs, try whole.stats().citationPairs)
        XCTAssertEqual(try kb.stats().works, try whole.stats().works)
        XCTAssertEqual(try kb.healthCheck().isHealthy, true)
    }

    /// A large load drops the index of cited PMIDs and builds it at its end; one killed in
    /// between leaves it missing, and the next ingest of anything else builds it.
    func testALargeLoadRebuildsTheCitedIndex() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-occ-index-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("kb.sqlite").path
        func indexExists(_ kb: KnowledgeBase) throws -> Bool {
            try kb.queue.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'citation_pair_cited')")! }
        }
        do {
            let kb = try KnowledgeBase(path: database)
            let source = try kb.registerSource(SourceFileInput(path: "big.csv", sha256: "abc", format: .nihOCC, size: 1 << 30))
            let load = try kb.citationPairLoad(source: source, expectedPairs: 50_000_000)
            XCTAssertTrue(load.rebuildsIndex)
            XCTAssertFalse(try indexExists(kb))
            try load.write([CitationPair(citing: 5, cited: 6)], progress: SourceProgress(storedThrough: 2, records: 1))
            try load.finish()
            XCTAssertTrue(try indexExists(kb))
            // Killed between the drop and the build: the source stays incomplete.
            let killed = try kb.citationPairLoad(source: source, expectedPairs: 50_000_000)
            XCTAssertFalse(try indexExists(kb))
            _ = killed
        }
        // Reopened while the load can still be resumed: left for the resumption to build.
        XCTAssertFalse(try indexExists(KnowledgeBase(path: database)))
        let kb = try KnowledgeBase(path: database)
        try kb.queue.write { db in try db.execute(sql: "UPDATE source_file SET completed_at = 'x'") }
        XCTAssertTrue(try indexExists(KnowledgeBase(path: database)), "nothing will resume it: built on opening")
        XCTAssertEqual(pmids(try KnowledgeBase(path: database).list(.citedBy, of: .pmid(PMID(6)!)).entries), [5])
    }

    func testChaseRelatedAndPathAgreeWithSetOperationsOnThePairs() throws {
        let kb = try KnowledgeBase()
        _ = Ingester(store: kb).ingestFile(try file(Self.graph))
        func refs(_ pmid: Int) -> Set<Int> { Set(Self.graph.filter { $0.0 == pmid }.map(\.1)) }
        func citers(_ pmid: Int) -> Set<Int> { Set(Self.graph.filter { $0.1 == pmid }.map(\.0)) }

        // Seeds 1 and 3, both ways, depth 2.
        let seeds: Set<Int> = [1, 3]
        let backward1 = refs(1).union(refs(3)), forward1 = citers(1).union(citers(3))
        let backward2 = backward1.union(backward1.flatMap(refs)).subtracting(seeds)
        let forward2 = forward1.union(forward1.flatMap(citers)).subtracting(seeds)
        let chase = try kb.chase([.pmid(PMID(1)!), .pmid(PMID(3)!)], directions: [.backward, .forward], depth: 2)
        XCTAssertEqual(Set(pmids(chase.found.map(\.work))), backward2.union(forward2))
        XCTAssertEqual(chase.references, backward2.count)
        XCTAssertEqual(chase.citing, forward2.count)
        let thirty = try XCTUnwrap(chase.found.first { $0.work.pmid?.value == 30 })
        XCTAssertEqual(thirty.depth, 2)
        XCTAssertEqual(thirty.directions, [.backward])
        XCTAssertEqual(pmids(thirty.seeds), [3])
        let ten = try XCTUnwrap(chase.found.first { $0.work.pmid?.value == 10 })
        XCTAssertEqual(pmids(ten.seeds), [1, 3], "reached from both seeds")
        XCTAssertEqual(ten.depth, 1)

        let screened = try kb.chase([.pmid(PMID(1)!)], directions: [.backward], depth: 1, exclude: [.pmid(PMID(11)!)])
        XCTAssertEqual(Set(pmids(screened.found.map(\.work))), [10, 12])
        XCTAssertEqual(screened.excluded, 1)
        let missing = try kb.chase([.pmid(PMID(999)!)], directions: [.backward], depth: 1)
        XCTAssertEqual(missing.notFound, [.pmid(PMID(999)!)])

        // Co-citation of 10: per work citing 10, its other references, counted.
        var coCited: [Int: Int] = [:]
        for citer in citers(10) { for other in refs(citer) where other != 10 { coCited[other, default: 0] += 1 } }
        let related = try kb.related(.pmid(PMID(10)!))
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: related.coCited.map { ($0.work.pmid!.value, $0.overlap) }), coCited)
        XCTAssertEqual(related.coCited.first?.work.pmid?.value, 11, "cited with 10 twice; 12 too, and 11 is the lower PMID")
        // Coupling of 1: per reference of 1, the other works citing it.
        var coupled: [Int: Int] = [:]
        for reference in refs(1) { for other in citers(reference) where other != 1 { coupled[other, default: 0] += 1 } }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: try kb.related(.pmid(PMID(1)!)).coupled.map { ($0.work.pmid!.value, $0.overlap) }), coupled)

        // 4 cites 1, which cites 10, which 3 cites, and 3 cites 20, which cites 30: five steps.
        let path = try XCTUnwrap(kb.citationPath(from: .pmid(PMID(4)!), to: .pmid(PMID(30)!)))
        XCTAssertEqual(pmids(path.map(\.work)), [4, 1, 10, 3, 20, 30])
        XCTAssertEqual(path.map(\.direction), [nil, .backward, .backward, .forward, .backward, .backward])
        XCTAssertNil(try kb.citationPath(from: .pmid(PMID(4)!), to: .pmid(PMID(30)!), maximumLength: 4))
        let short = try XCTUnwrap(kb.citationPath(from: .pmid(PMID(11)!), to: .pmid(PMID(12)!)))
        XCTAssertEqual(short.count, 3, "11 and 12 are both cited by 1 (and 2): two steps")
    }
}
