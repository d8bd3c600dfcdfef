import Foundation
import GRDB
@testable import LitKBIngest
import LitKBModel
import LitKBParsers
@testable import LitKBStore
import XCTest

/// An ingest that stopped part-way is never taken for a finished one: the next ingest of the
/// same content resumes after what was committed, says so, and ends where a clean ingest ends.
final class InterruptedIngestTests: XCTestCase {
    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-resume-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    /// Seven MEDLINE records; the first three committed by an ingest that was then killed.
    /// `last`: what the interrupted ingest recorded as its last item (by default, the place of
    /// the last committed record, as it would have).
    private func interruptedKnowledgeBase(_ path: String, committed: Int, through: Int? = nil, last: String? = nil) throws -> KnowledgeBase {
        let kb = try KnowledgeBase()
        let digest = try Ingester.Input.file(path).digest()
        let source = try kb.registerSource(SourceFileInput(path: path, sha256: digest.sha256, format: .medline, size: digest.size))
        let parsed = try MEDLINEParser.parse(String(contentsOfFile: path, encoding: .utf8), file: path)
        let place = last ?? Ingester.Item.place("record", parsed.records[committed - 1].location)
        _ = try kb.write(parsed.records.prefix(committed).map { IncomingRecord(record: $0.record, location: $0.location) }, from: source,
                         progress: SourceProgress(storedThrough: through ?? committed, records: committed, last: place))
        return kb
    }

    private func medlineFile(records: Int) throws -> String {
        var text = ""
        for pmid in 1...records {
            text += "PMID- \(900 + pmid)\nTI  - Record \(pmid).\nAB  - Text of record \(pmid), citing nothing.\nAU  - Roe R\nDP  - 2020\n\n"
        }
        let path = try temporaryDirectory().appendingPathComponent("export.nbib").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testInterruptedFileIsResumedNotCalledUnchanged() throws {
        let path = try medlineFile(records: 7)
        let kb = try interruptedKnowledgeBase(path, committed: 3)
        XCTAssertEqual(try kb.incompleteSources().map(\.records), [3])
        XCTAssertEqual(try kb.stats().incompleteSources.map(\.path), [path])

        let report = Ingester(store: kb).ingestFile(path)
        XCTAssertEqual(report.status, .ingested)
        XCTAssertEqual(report.resumedAfter?.storedThrough, 3)
        XCTAssertEqual(report.resumedAfter?.records, 3)
        XCTAssertEqual(report.resumedAfter?.last, "record 3 PMID 903 line 13")
        XCTAssertFalse(report.resumeRefused)
        XCTAssertEqual(report.records, 7, "the file's records, those stored before included")
        XCTAssertEqual(report.outcome.added, 4, "only the records after the interruption are written")
        XCTAssertEqual(try kb.incompleteSources(), [])

        let clean = try KnowledgeBase()
        XCTAssertEqual(Ingester(store: clean).ingestFile(path).outcome.added, 7)
        XCTAssertEqual(try SeedIngestTests.dump(kb, excluding: ["source_file"]), try SeedIngestTests.dump(clean, excluding: ["source_file"]))

        // Finished now: the next ingest calls it unchanged.
        guard case .unchanged = Ingester(store: kb).ingestFile(path).status else { return XCTFail("a finished file is unchanged") }
    }

    /// The file no longer comes to where the interrupted ingest stopped (read with another
    /// record limit, or by a litkb that counts its items differently): resuming could skip
    /// records never stored, so it is read again from its start, and says so.
    func testInterruptedFileThatReadsDifferentlyIsReadAgainNotResumed() throws {
        let path = try medlineFile(records: 7)
        let clean = try KnowledgeBase()
        _ = Ingester(store: clean).ingestFile(path)
        for (through, last) in [(3, "record 3 PMID 999 line 13"), (9, "record 9 PMID 909 line 49")] {
            let kb = try interruptedKnowledgeBase(path, committed: 3, through: through, last: last)
            let report = Ingester(store: kb).ingestFile(path)
            XCTAssertTrue(report.resumeRefused, last)
            XCTAssertNil(report.resumedAfter)
            XCTAssertEqual(report.records, 7)
            XCTAssertEqual(report.outcome.added, 4, last)
            XCTAssertEqual(report.outcome.updated, 3, last)
            XCTAssertEqual(try kb.incompleteSources(), [])
            // Read again, the first three records replaced their abstracts (new row ids); every
            // work reads the same.
            let abstracts: Set<String> = ["source_file", "abstract", "abstract_section"]
            XCTAssertEqual(try SeedIngestTests.dump(kb, excluding: abstracts), try SeedIngestTests.dump(clean, excluding: abstracts))
            for pmid in 901...907 {
                XCTAssertEqual(try kb.detail(for: .pmid(PMID(pmid)!))?.record, try clean.detail(for: .pmid(PMID(pmid)!))?.record)
            }
        }
    }

    func testForcedIngestOfAnInterruptedFileStartsAgain() throws {
        let path = try medlineFile(records: 4)
        let kb = try interruptedKnowledgeBase(path, committed: 2)
        let report = Ingester(store: kb, force: true).ingestFile(path)
        XCTAssertNil(report.resumedAfter)
        XCTAssertEqual(report.records, 4)
        XCTAssertEqual(report.outcome.added, 2)
        XCTAssertEqual(report.outcome.updated, 2)
        XCTAssertEqual(try kb.incompleteSources(), [])
    }

    /// A file none of which could be read leaves no trace, so that the next ingest reads it
    /// again (and fails again) instead of calling it unchanged.
    func testUnreadableFileIsNotRecordedAsIngested() throws {
        let path = try temporaryDirectory().appendingPathComponent("cut.xml").path
        try "<?xml version=\"1.0\"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>5</PMID><Article>".write(toFile: path, atomically: true, encoding: .utf8)
        let kb = try KnowledgeBase()
        for _ in 0..<2 {
            let report = Ingester(store: kb).ingestFile(path)
            XCTAssertEqual(report.status, .ingested)
            XCTAssertTrue(report.failed)
            XCTAssertEqual(report.errors.map(\.message), ["the input ends inside this record (the file is truncated)"])
        }
        XCTAssertEqual(try kb.stats().sources, 0)
    }

    /// A gzip'd page is read as the plain one is (it was refused as "not valid UTF-8").
    func testGzipPageTextIsRead() throws {
        let directory = try temporaryDirectory()
        let page = directory.appendingPathComponent("38174611.txt")
        try FileManager.default.copyItem(at: Corpus.packageRoot.appendingPathComponent("corpus/page-text/38174611.txt"), to: page)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [page.path]
        try gzip.run()
        gzip.waitUntilExit()
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(page.path + ".gz")
        XCTAssertEqual(report.format, .pageText)
        XCTAssertEqual(report.status, .ingested)
        XCTAssertEqual(report.outcome.added, 1)
        XCTAssertEqual(report.outcome.stubsCreated, 13)
        XCTAssertEqual(try kb.detail(for: .pmid(PMID(38174611)!))?.record.ids.pmcid?.description, "PMC10769553")
    }

    /// A page over the record limit is refused before it is held, naming the limit.
    func testPageTextOverTheLimitIsRefused() throws {
        let path = Corpus.packageRoot.appendingPathComponent("corpus/page-text/38174611.txt").path
        var ingester = Ingester(store: try KnowledgeBase())
        ingester.maximumRecordSize = 4096
        XCTAssertEqual(ingester.ingestFile(path).status,
                       .failed("larger than 4,096 bytes, the most a record of this format may hold: not read (--max-record-mb raises the limit)"))
    }
}
