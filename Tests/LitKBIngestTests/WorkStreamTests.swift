import Foundation
import GRDB
@testable import LitKBIngest
import LitKBModel
@testable import LitKBStore
import XCTest

/// `export --all` reads every table once, in work order, beside the others; `show` reads one
/// work's rows. Both must give each work exactly the same value.
final class WorkStreamTests: XCTestCase {
    private static let sharedCorpus = Corpus.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    private func knowledgeBase() throws -> KnowledgeBase {
        let kb = try KnowledgeBase()
        var paths = try FileManager.default.contentsOfDirectory(atPath: CrossFormatMergeTests.fixtures.path).sorted().filter { !$0.hasSuffix(".md") }
            .map { CrossFormatMergeTests.fixture($0) } + [CrossFormatMergeTests.page]
        // Real files of every format when they are here: MeSH, substances, JATS references,
        // eLink lists, a bilingual MEDLINE file, notices.
        let shared = ["pubmed-xml/medline16n0902.xml.gz", "pubmed-xml/test_current_medline.xml.gz", "pubmed-xml/pubmed-29768149.xml",
                      "medline-nbib", "elink", "pmc-jats"].map { Self.sharedCorpus.appendingPathComponent($0).path }
        if FileManager.default.fileExists(atPath: Self.sharedCorpus.path) {
            paths += shared
        } else {
            print("WorkStreamTests: \(Self.sharedCorpus.path) is absent; streaming only the project's own fixtures")
        }
        Ingester(store: kb).ingest(paths) { report in XCTAssertFalse(report.failed, "\(report.path): \(report.errors)") }
        return kb
    }

    func testStreamedWorksEqualWorksReadOneByOne() throws {
        let kb = try knowledgeBase()
        let everyWork = try kb.queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM work ORDER BY id").map { try XCTUnwrap(WorkReader(db: db).detail(of: $0)) }
        }
        XCTAssertEqual(everyWork.count, try kb.stats().works)
        for includingStubs in [false, true] {
            var streamed: [WorkDetail] = []
            try kb.forEachWork(includingStubs: includingStubs) { streamed.append($0) }
            let oneByOne = includingStubs ? everyWork : everyWork.filter { !$0.isStub }
            XCTAssertEqual(streamed.count, oneByOne.count)
            for (stream, single) in zip(streamed, oneByOne) where stream != single {
                XCTFail("work \(stream.record.ids.pmid?.value ?? 0) streams as\n\(stream)\nbut reads alone as\n\(single)")
                break
            }
            // The comparison reached works with each kind of row.
            XCTAssertTrue(streamed.contains { !$0.record.abstracts.isEmpty && !$0.record.authors.isEmpty })
            XCTAssertTrue(streamed.contains { !$0.references.isEmpty && !$0.similar.isEmpty && !$0.sources.isEmpty })
            XCTAssertTrue(streamed.contains { !$0.record.flags.isEmpty })
            XCTAssertEqual(streamed.contains { $0.isStub }, includingStubs)
        }
    }
}
