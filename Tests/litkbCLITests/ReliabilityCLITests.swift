import Foundation
import GRDB
import XCTest

/// `litkb check`, incomplete files in `stats`, and one ingest at a time, as a user meets them.
final class ReliabilityCLITests: XCTestCase {
    var directory: URL!
    var database: String { directory.appendingPathComponent("kb.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func start(_ arguments: [String]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = LitKBBinary.url
        process.arguments = arguments + ["--db", database]
        process.currentDirectoryURL = LitKBBinary.packageRoot
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        return (process, output, errors)
    }

    private func litkb(_ arguments: String...) throws -> (status: Int32, output: String, errors: String) {
        let (process, output, errors) = try start(arguments)
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func testCheckPassesOnAFreshIngestAndNamesAnInterruptedFile() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        let healthy = try litkb("check")
        XCTAssertEqual(healthy.status, 0, healthy.output + healthy.errors)
        XCTAssertEqual(healthy.output, "sqlite        ok\nreferences    ok\nfull-text     ok\nindex         ok\nlengths       ok\ndates         ok\nflags         ok\nauthors       ok\naffiliations  ok\ncounts        ok\nfiles         ok\n")

        // Lengths out of step with FTS5's (a block gone): check names them, --repair rebuilds them.
        try DatabaseQueue(path: database).write { db in try db.execute(sql: "DELETE FROM fts_length WHERE block = 0") }
        let lengths = try litkb("check")
        XCTAssertEqual(lengths.status, 1)
        XCTAssertTrue(lengths.output.contains("lengths       1 problem\n  works 0–4095: their lengths in fts_length differ from FTS5's\n"
                                              + "  what to do: search may rank these works by lengths other than FTS5's; run `litkb check --repair`"), lengths.output)
        // Dates out of step with the work table (a date changed behind the writer's back, its
        // mark cleared): named, and rebuilt by --repair.
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "UPDATE work SET year = 1901 WHERE id = 1; DELETE FROM work_date_stale")
        }
        let dated = try litkb("check")
        XCTAssertEqual(dated.status, 1)
        XCTAssertTrue(dated.output.contains("dates         1 problem\n  works 0–4095: their dates in work_date differ from the work table's\n"), dated.output)
        let repaired = try litkb("check", "--repair")
        XCTAssertEqual(repaired.status, 0, repaired.output + repaired.errors)
        XCTAssertTrue(repaired.output.contains("lengths       ok\n"), repaired.output)
        XCTAssertTrue(repaired.output.contains("dates         ok\n"), repaired.output)

        // What a kill between two transactions leaves: the file's row, not complete.
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: "UPDATE source_file SET completed_at = NULL, records = 0, stored_through = 0 WHERE path = 'corpus/page-text/9500320.txt'")
        }
        let check = try litkb("check")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.output.contains("files         1 problem\n  corpus/page-text/9500320.txt (page-text): interrupted, 0 records stored, ingest started "), check.output)
        XCTAssertTrue(check.output.contains("what to do: run `litkb ingest --db \(database)` on each file again: it resumes after what was stored"), check.output)
        XCTAssertTrue(try litkb("stats").output.contains("INCOMPLETE corpus/page-text/9500320.txt (page-text): 0 records stored"))

        // While an ingest holds the knowledge base, check says so before listing what it reads.
        let descriptor = open(database + "-ingest-lock", O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(descriptor, LOCK_EX), 0)
        XCTAssertTrue(try litkb("check").output.hasPrefix("note          an ingest into \(database) is running: the file it reads is incomplete until it ends\n"))
        flock(descriptor, LOCK_UN)
        close(descriptor)
        XCTAssertFalse(try litkb("check").output.contains("note "))

        let again = try litkb("ingest", "corpus")
        XCTAssertTrue(again.output.contains("corpus/page-text/9500320.txt: resuming: an ingest of it was interrupted before any record was stored\n"
                                            + "corpus/page-text/9500320.txt: page-text, 1 record: 0 added, 1 updated"), again.output)
        XCTAssertTrue(again.output.contains("corpus/page-text/38174611.txt: page-text, unchanged since"), again.output)
        XCTAssertEqual(try litkb("check").status, 0)
    }

    /// While one ingest holds the knowledge base, a second waits, saying so, then goes on.
    func testSecondIngestWaitsForTheFirst() throws {
        let lockPath = database + "-ingest-lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o644)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        XCTAssertEqual(flock(descriptor, LOCK_EX), 0)
        let (process, output, errors) = try start(["ingest", "corpus/page-text/38174611.txt"])
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertTrue(process.isRunning, "the second ingest waits while the first holds the lock")
        XCTAssertFalse(FileManager.default.fileExists(atPath: database), "and writes nothing meanwhile")
        flock(descriptor, LOCK_UN)
        close(descriptor)
        let out = output.fileHandleForReading.readDataToEndOfFile(), err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertEqual(String(decoding: err, as: UTF8.self), "waiting for another litkb ingest into \(database) to finish…\n")
        XCTAssertTrue(String(decoding: out, as: UTF8.self).hasPrefix("corpus/page-text/38174611.txt: page-text, 1 record: 1 added"))
    }
}
