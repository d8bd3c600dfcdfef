import Foundation
import GRDB
@testable import LitKBIngest
import LitKBModel
@testable import LitKBStore
import XCTest

/// `litkb rebuild`: the knowledge base made again from its files, under this version's rules,
/// its history kept, the old file kept beside it; nothing changed when a file cannot be read again.
final class RebuildTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-rebuild-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Page text, PubMed XML, MEDLINE, eLink and JATS of the same works: merges across formats.
        for source in [Corpus.packageRoot.appendingPathComponent("corpus/page-text"),
                       Corpus.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format")] {
            for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name != "README.md" {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: directory.appendingPathComponent(name))
            }
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private var path: String { directory.appendingPathComponent("kb.sqlite").path }

    private func files() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix("kb.sqlite") }.sorted()
            .map { directory.appendingPathComponent($0).path }
    }

    /// Ingests the files and damages what an older version might have stored wrongly: a
    /// record's title, and a stub's PMC id made of its PMID (a reference list's, once trusted).
    private func damagedKnowledgeBase() throws -> Int {
        let kb = try KnowledgeBase(path: path)
        var failed = false
        Ingester(store: kb).ingest(try files()) { failed = failed || $0.failed }
        XCTAssertFalse(failed)
        XCTAssertEqual(try kb.recordSearch(query: "mdma", translation: "\"mdma\"[All Fields]", count: 10), 1)
        XCTAssertEqual(try kb.recordSearch(query: "#1 AND 2024[dp]", translation: "x", count: 2), 2)
        return try kb.queue.write { db in
            try db.execute(sql: "UPDATE work SET title = 'DAMAGED' WHERE pmid = 38174611")
            let stub = try XCTUnwrap(Int.fetchOne(db, sql: "SELECT pmid FROM work WHERE source_rank <= 10 AND pmid IS NOT NULL AND pmcid IS NULL ORDER BY pmid LIMIT 1"))
            try db.execute(sql: "UPDATE work SET pmcid = 'PMC' || pmid WHERE pmid = ?", arguments: [stub])
            return stub
        }
    }

    func testTheFilesAreReadAgainIntoANewKnowledgeBaseAndTheOldOneIsKept() throws {
        let stub = try damagedKnowledgeBase()
        let before = try KnowledgeBase(path: path).searchHistory()
        var reported: [String] = []
        let reports = try Rebuild(path: path).run { reported.append($0.path) }
        XCTAssertEqual(reports.count, try files().count)
        XCTAssertEqual(reported, reports.map(\.path))
        XCTAssertFalse(reports.contains(where: \.failed))

        let rebuilt = try KnowledgeBase(path: path)
        XCTAssertEqual(try rebuilt.detail(for: .pmid(PMID(38174611)!))?.record.title?.hasPrefix("Preliminary evidence"), true)
        XCTAssertNil(try rebuilt.detail(for: .pmid(PMID(stub)!))?.record.ids.pmcid)
        XCTAssertEqual(try rebuilt.searchHistory(), before)
        // The same tables as a new knowledge base of the same files (when each was read aside).
        let fresh = try KnowledgeBase()
        Ingester(store: fresh).ingest(try files()) { _ in }
        let excluded: Set<String> = ["source_file", "search_history"]
        XCTAssertEqual(try SeedIngestTests.dump(rebuilt, excluding: excluded), try SeedIngestTests.dump(fresh, excluding: excluded))
        // The old file is kept as it was.
        let old = try KnowledgeBase(path: path + ".before-rebuild")
        XCTAssertEqual(try old.detail(for: .pmid(PMID(38174611)!))?.record.title, "DAMAGED")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path + ".rebuild"))
        // A second rebuild would overwrite the kept file: refused.
        XCTAssertThrowsError(try Rebuild(path: path).run { _ in }) { XCTAssertTrue("\($0)".contains("before-rebuild exists"), "\($0)") }
    }

    /// Paths are stored as named: relative ones are found beside the knowledge base too.
    func testFilesNamedRelativeToTheKnowledgeBaseAreFound() throws {
        let names = try files().map { ($0 as NSString).lastPathComponent }
        let here = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(directory.path))
        do {
            Ingester(store: try KnowledgeBase(path: "kb.sqlite")).ingest(names) { XCTAssertFalse($0.failed) }
        }
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(here))
        XCTAssertEqual(try KnowledgeBase(path: path).ingestedFiles().map(\.path).sorted(), names.sorted())
        XCTAssertEqual(try Rebuild(path: path).run { _ in }.filter { !$0.failed }.count, names.count)
        XCTAssertEqual(try KnowledgeBase(path: path).ingestedFiles().map(\.path).sorted(), try files().sorted())
    }

    func testNothingChangesWhenAFileCannotBeReadAgain() throws {
        _ = try damagedKnowledgeBase()
        let changed = try files()[1]
        try Data("PMID- 1\nTI  - Other content\n".utf8).write(to: URL(fileURLWithPath: changed))
        try FileManager.default.removeItem(atPath: try files()[0])
        XCTAssertThrowsError(try Rebuild(path: path).run { _ in XCTFail("no file is read") }) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("nothing was changed"), message)
            XCTAssertTrue(message.contains("not found"), message)
            XCTAssertTrue(message.contains("\(changed): its content is not what was ingested"), message)
        }
        XCTAssertEqual(try KnowledgeBase(path: path).detail(for: .pmid(PMID(38174611)!))?.record.title, "DAMAGED")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("kb.sqlite.") }, [])
    }
}
