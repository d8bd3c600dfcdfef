import Foundation
import GRDB
@testable import LitKBStore
import XCTest

/// The background checkpointer copies committed pages into the database file while the writer
/// goes on, and keeps the WAL from growing past its restart threshold.
final class WALCheckpointerTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-wal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// A WAL database with 4 KB pages, the checkpointer attached with `restartFrames`.
    private func walDatabase(restartFrames: Int32) throws -> (DatabaseQueue, WALCheckpointer, String) {
        let path = directory.appendingPathComponent("test.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 4096")
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        }
        let checkpointer = try XCTUnwrap(WALCheckpointer(path: path, restartFrames: restartFrames))
        try queue.inDatabase { db in checkpointer.attach(to: try XCTUnwrap(db.sqliteConnection)) }
        return (queue, checkpointer, path)
    }

    /// 40 rows of 2,000 bytes: about 20 new 4 KB pages a transaction.
    private func writeBatch(_ queue: DatabaseQueue, _ batch: Int) throws {
        try queue.write { db in
            for row in 0..<40 {
                try db.execute(sql: "INSERT INTO t (text) VALUES (?)", arguments: [String(repeating: "\(batch % 10)", count: 2_000 + row)])
            }
        }
    }

    func testPassesBeginOnceTheWALIsHalfFull() throws {
        let (queue, checkpointer, path) = try walDatabase(restartFrames: 200)
        defer { checkpointer.stop() }
        let before = size(path)
        // Three transactions, about 60 frames: below half the threshold, nothing is copied yet.
        for batch in 0..<3 { try writeBatch(queue, batch) }
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertEqual(size(path), before, "no pass before the WAL is half full")
        // Two more pass 100 frames: a pass copies them while the writer goes on.
        for batch in 3..<5 { try writeBatch(queue, batch) }
        let deadline = Date().addingTimeInterval(10)
        while size(path) < before + 5 * 20 * 4096, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertGreaterThanOrEqual(size(path), before + 5 * 20 * 4096, "the database file holds the five transactions' pages")
        XCTAssertEqual(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") }, 200)
    }

    func testTheWALStartsOverOnceItPassesTheThreshold() throws {
        let (queue, checkpointer, path) = try walDatabase(restartFrames: 50)
        defer { checkpointer.stop() }
        for batch in 0..<40 { try writeBatch(queue, batch) }
        // Without restarts the WAL would hold all 40 transactions, about 800 frames of 4 KB.
        let frame = 4096 + 24
        XCTAssertLessThan(size(path + "-wal"), 120 * frame, "the WAL was written from its start again")
        XCTAssertGreaterThan(size(path), 30 * 20 * 4096, "most transactions are in the database file")
        XCTAssertEqual(try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM t") }, 1600)
        XCTAssertEqual(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }, "ok")
    }
}
