import Foundation
import GRDB

/// One search of the history: PubMed's Advanced page line, and PRISMA-S's search log entry.
public struct SearchHistoryEntry: Hashable, Sendable {
    /// `#number` in later queries.
    public var number: Int
    /// ISO 8601, UTC.
    public var searchedAt: String
    public var query: String
    public var translation: String
    public var count: Int
    public var state: KnowledgeBaseState
}

/// What a search searched: the files ingested completely at the time, and a fingerprint of
/// their contents (FNV-1a over their SHA-256 digests in order: the same files, whatever their
/// names or the order they came in, give the same fingerprint).
public struct KnowledgeBaseState: Hashable, Sendable {
    public var files: Int
    public var fingerprint: String
}

extension KnowledgeBase {
    public func searchHistory() throws -> [SearchHistoryEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, searched_at, query, translation, count, files, fingerprint FROM search_history ORDER BY id").map {
                SearchHistoryEntry(number: $0[0], searchedAt: $0[1], query: $0[2], translation: $0[3], count: $0[4],
                                   state: KnowledgeBaseState(files: $0[5], fingerprint: $0[6]))
            }
        }
    }

    /// The stored query of search `number`, for `#number` in a new one.
    public func historyQuery(_ number: Int) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT query FROM search_history WHERE id = ?", arguments: [number]) }
    }

    public func currentState() throws -> KnowledgeBaseState {
        try read { db in try Self.state(db) }
    }

    private static func state(_ db: Database) throws -> KnowledgeBaseState {
        let digests = try String.fetchAll(db, sql: "SELECT sha256 FROM source_file WHERE completed_at IS NOT NULL ORDER BY sha256, format")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for digest in digests {
            for byte in digest.utf8 + [0x0A] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return KnowledgeBaseState(files: digests.count, fingerprint: String(hash, radix: 16).leftPadded(to: 16))
    }

    /// Adds a search to the history and returns its number (a knowledge base open for writing).
    @discardableResult
    public func recordSearch(query: String, translation: String, count: Int, at date: Date = Date()) throws -> Int {
        try queue.write { db in try Self.insert(db, query: query, translation: translation, count: count, at: date) }
    }

    /// Adds a search to the history of the knowledge base at `path`, which the caller reads
    /// through a read-only connection: a write of its own, short, that waits up to a few
    /// seconds for an ingest's batch to commit rather than fail the search or hold up the ingest.
    @discardableResult
    public static func recordSearch(atPath path: String, query: String, translation: String, count: Int, at date: Date = Date()) throws -> Int {
        try historyWriter(path).write { db in try insert(db, query: query, translation: translation, count: count, at: date) }
    }

    /// Empties the history of the knowledge base at `path`; numbering starts again at #1.
    public static func clearSearchHistory(atPath path: String) throws {
        try historyWriter(path).write { db in try db.execute(sql: "DELETE FROM search_history") }
    }

    /// Writes `entries` as they are, numbers included, into an empty history: a rebuilt
    /// knowledge base keeps the searches a review reports.
    public func restoreSearchHistory(_ entries: [SearchHistoryEntry]) throws {
        try queue.write { db in
            for entry in entries {
                try db.execute(sql: """
                    INSERT INTO search_history (id, searched_at, query, translation, count, files, fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [entry.number, entry.searchedAt, entry.query, entry.translation, entry.count,
                                     entry.state.files, entry.state.fingerprint])
            }
        }
    }

    public func clearSearchHistory() throws {
        try queue.write { db in try db.execute(sql: "DELETE FROM search_history") }
    }

    private static func historyWriter(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in SearchFolding.register(on: db) }
        return try DatabaseQueue(path: sqlitePath(path), configuration: configuration)
    }

    private static func insert(_ db: Database, query: String, translation: String, count: Int, at date: Date) throws -> Int {
        let state = try state(db)
        try db.execute(sql: """
            INSERT INTO search_history (searched_at, query, translation, count, files, fingerprint) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [ISO8601DateFormatter().string(from: date), query, translation, count, state.files, state.fingerprint])
        return Int(db.lastInsertedRowID)
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
