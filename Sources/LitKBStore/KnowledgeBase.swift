import CSQLiteSetup
import Foundation
import GRDB
import LitKBModel

/// The knowledge base: one SQLite database holding works, their texts, their links and where
/// each came from. It knows nothing of file formats; parsers hand it `WorkRecord` values.
///
/// ```swift
/// let kb = try KnowledgeBase(path: "litkb.sqlite")
/// let source = try kb.registerSource(SourceFileInput(path: "a.txt", sha256: digest, format: .pageText, size: 42))
/// ```
public final class KnowledgeBase: Sendable {
    let queue: DatabaseQueue
    /// Checkpoints the WAL beside the writer (see `WALCheckpointer`); nil in memory.
    private let checkpointer: WALCheckpointer?

    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        do {
            queue = try DatabaseQueue(path: path, configuration: KnowledgeBase.configuration())
            try KnowledgeBase.prepare(queue)
            checkpointer = try KnowledgeBase.checkpointer(for: queue, path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// A private in-memory knowledge base, for tests.
    public init() throws(StoreError) {
        do {
            queue = try DatabaseQueue(configuration: KnowledgeBase.configuration())
            try KnowledgeBase.prepare(queue)
            checkpointer = nil
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: ":memory:", reason: "\(error)")
        }
    }

    /// Once per process, before the first connection: each connection is used by its queue
    /// alone, so SQLite's connection mutexes and allocation statistics go (see sqlite_setup.h).
    private static let librarySetUp: Int32 = litkb_sqlite_configure_single_owner_connections()

    private static func configuration() -> Configuration {
        _ = librarySetUp
        var configuration = Configuration()
        // The schema declares every reference, but the store keeps them itself (every delete
        // names the rows that refer to what it removes; tests run PRAGMA foreign_key_check):
        // enforcing them costs a parent lookup for each of the ~40 rows a record writes,
        // measured at 8–15 % of bulk ingest.
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync keeps each batch atomic and durable enough for a rebuildable
            // index, at a fraction of FULL's fsync cost during bulk ingest.
            if !db.configuration.readonly {
                // Only takes effect on a new database, before its first page is written.
                try db.execute(sql: "PRAGMA page_size = 16384")
                _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -49152")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Debian builds SQLite with SECURE_DELETE on: every deleted cell and freed page is
            // zeroed first. Bulk ingest deletes a lot that nobody needs wiped (FTS5's merged
            // segments, each transaction's prepared documents, replaced versions): PubMed is public.
            try db.execute(sql: "PRAGMA secure_delete = OFF")
            // Pages SQLite's own cache has let go are read through a memory map instead of a
            // pread and a copy each: 7 % of bulk ingest's CPU on pubmed21n1298 (BENCHMARKS.md).
            // The first GiB of the file; SQLite maps at most 2 GiB, and what it maps is the
            // kernel's page cache, reclaimable, not memory litkb holds.
            _ = try? Int.fetchOne(db, sql: "PRAGMA mmap_size = 1073741824")
            // Where no `WALCheckpointer` can be attached, SQLite checkpoints in the commit: every 4,096
            // pages (64 MB at 16 KB) rather than 1,000, so pages a bulk ingest rewrites again and again
            // (index interiors) are copied into the database once per checkpoint.
            if !db.configuration.readonly {
                _ = try? Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint = 4096")
                // Once per connection: creating it in each batch's transaction, even IF NOT
                // EXISTS, made GRDB drop its statement cache, so every statement was prepared
                // again for every batch (5 % of the writer's thread).
                try FullTextIndex.prepare(db)
            }
        }
        return configuration
    }

    deinit {
        checkpointer?.stop()
    }

    /// A background checkpointer for a database in WAL mode, attached to the queue's connection.
    /// Without one (another journal mode, or no second connection) SQLite's own automatic
    /// checkpoint stays in place.
    private static func checkpointer(for queue: DatabaseQueue, path: String) throws -> WALCheckpointer? {
        try queue.inDatabase { db in
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode") == "wal", let connection = db.sqliteConnection,
                  let checkpointer = WALCheckpointer(path: path) else { return nil }
            checkpointer.attach(to: connection)
            return checkpointer
        }
    }

    private static func prepare(_ queue: DatabaseQueue) throws {
        let version = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if version > Schema.version {
            throw StoreError.newerSchema(found: version, supported: Schema.version)
        }
        try Schema.migrator.migrate(queue)
    }

    /// Runs `block` in one read transaction: a snapshot no concurrent ingest changes halfway.
    ///
    /// Not GRDB's `read`, which turns `PRAGMA query_only` on and off around each block: SQLite
    /// expires every prepared statement of the connection whenever a flag pragma changes, so
    /// each read prepared all its statements anew (4 of the 4.4 ms a `show` took at 50k records).
    func read<T>(_ block: (Database) throws -> T) throws -> T {
        try queue.inDatabase { db in
            var result: T?
            try db.inTransaction(.deferred) {
                result = try block(db)
                return .commit
            }
            return result!
        }
    }

    /// `PRAGMA user_version` of the open database.
    public func schemaVersion() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }
}

public enum StoreError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(path: String, reason: String)
    case newerSchema(found: Int, supported: Int)
    case notFound(WorkIdentifier)
    case invalidQuery(String)
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open knowledge base \(path): \(reason)"
        case .newerSchema(let found, let supported):
            "the database has schema version \(found), newer than this litkb supports (\(supported)); upgrade litkb"
        case .notFound(let identifier): "no work with \(identifier) in the knowledge base"
        case .invalidQuery(let message): "invalid search query: \(message)"
        case .database(let message): "database error: \(message)"
        }
    }
}
