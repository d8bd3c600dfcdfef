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

    /// What a caller means to do with the knowledge base.
    public enum Access: Sendable {
        /// Read only: the file is opened read-only and never written (an older schema is
        /// upgraded first, when the file can be written).
        case read
        /// Ingest: a missing or empty file becomes a new knowledge base.
        case write
        /// As `.read`, but read-write where the file can be written: FTS5's integrity check
        /// takes the write lock (and writes nothing).
        case check
    }

    /// Opens the knowledge base at `path`, bringing its schema up to date.
    ///
    /// A file that is not litkb's (another application's SQLite database, or not SQLite at all)
    /// is refused before anything is written to it, whatever `access` asks for; with `.read`, so
    /// is a missing or empty file.
    public init(path: String, access: Access = .write) throws(StoreError) {
        let sqlitePath = KnowledgeBase.sqlitePath(path)
        do {
            let (state, inspectingQueue) = try KnowledgeBase.inspect(path: path, sqlitePath: sqlitePath)
            var readQueue = inspectingQueue
            switch (state, access) {
            case (.foreign(let tables), _):
                throw StoreError.notAKnowledgeBase(path: path, reason: KnowledgeBase.foreignReason(tables))
            case (.missing, .read), (.missing, .check):
                throw StoreError.notAKnowledgeBase(path: path, reason: "there is no such file")
            case (.empty, .read), (.empty, .check):
                throw StoreError.notAKnowledgeBase(path: path, reason: "the file is empty; `litkb ingest` makes it one")
            case (.knowledgeBase(let version), _) where version > Schema.version:
                throw StoreError.newerSchema(found: version, supported: Schema.version)
            case (.knowledgeBase, .check) where KnowledgeBase.canWrite(path):
                readQueue = nil
                queue = try DatabaseQueue(path: sqlitePath, configuration: KnowledgeBase.configuration())
                try KnowledgeBase.prepare(queue)
                checkpointer = nil
            case (.knowledgeBase(let version), .read), (.knowledgeBase(let version), .check):
                if version < Schema.version {
                    try KnowledgeBase.upgrade(path: path, sqlitePath: sqlitePath, from: version)
                    queue = try KnowledgeBase.openReadOnly(sqlitePath)
                } else {
                    queue = readQueue!
                }
                checkpointer = nil
            case (_, .write):
                readQueue = nil   // closed before the writer changes the file
                queue = try DatabaseQueue(path: sqlitePath, configuration: KnowledgeBase.configuration())
                try KnowledgeBase.prepare(queue)
                checkpointer = try KnowledgeBase.checkpointer(for: queue, path: path)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// Throws when `open(path:access: .write)` would refuse the file (not litkb's, or a newer
    /// schema), without creating or writing anything: for a caller that must take a lock
    /// beside the file first.
    public static func checkWritable(path: String) throws(StoreError) {
        do {
            switch try inspect(path: path, sqlitePath: sqlitePath(path)).0 {
            case .foreign(let tables): throw StoreError.notAKnowledgeBase(path: path, reason: foreignReason(tables))
            case .knowledgeBase(let version) where version > Schema.version:
                throw StoreError.newerSchema(found: version, supported: Schema.version)
            default: break
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error)")
        }
    }

    /// The name SQLite opens `path` by: with URI file names on (sqlite_setup.c), a plain path
    /// that happens to start with "file:" must not be taken for a URI.
    static func sqlitePath(_ path: String) -> String {
        path.hasPrefix("file:") ? "./" + path : path
    }

    private static func foreignReason(_ tables: [String]) -> String {
        "it is another application's SQLite database (tables \(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "")), which litkb never writes; name a new file with --db"
    }

    /// What a file holds, read without writing to it.
    private enum FileState {
        case missing, empty, knowledgeBase(version: Int), foreign(tables: [String])
    }

    /// The tables every litkb schema since version 1 has.
    private static let ownTables: Set<String> = ["work", "link", "source_file", "work_source", "grdb_migrations"]

    /// What the file at `path` holds, and the read-only connection that looked.
    private static func inspect(path: String, sqlitePath: String) throws -> (FileState, DatabaseQueue?) {
        guard FileManager.default.fileExists(atPath: path) else { return (.missing, nil) }
        let queue: DatabaseQueue
        do {
            queue = try openReadOnly(sqlitePath)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw StoreError.notAKnowledgeBase(path: path, reason: "it is not an SQLite database, and litkb never writes over another file; name a new file with --db")
        }
        let state: FileState = try queue.inDatabase { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            if tables.isEmpty && version == 0 { return .empty }
            if version >= 1 && ownTables.isSubset(of: tables) { return .knowledgeBase(version: version) }
            return .foreign(tables: tables)
        }
        return (state, queue)
    }

    /// A read-only connection. A WAL database needs its `-shm` file, which SQLite creates beside
    /// the database; where it cannot (a read-only directory, a litkb that closed cleanly having
    /// removed it), the file is opened as immutable: nobody can be writing to it there.
    private static func openReadOnly(_ sqlitePath: String) throws -> DatabaseQueue {
        let configuration = KnowledgeBase.configuration(readOnly: true)
        do {
            let queue = try DatabaseQueue(path: sqlitePath, configuration: configuration)
            try queue.inDatabase { db in _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") }
            return queue
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN || error.resultCode == .SQLITE_READONLY {
            let absolute = URL(fileURLWithPath: sqlitePath).standardizedFileURL.path
            let uri = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute) + "?immutable=1"
            return try DatabaseQueue(path: uri, configuration: configuration)
        }
    }

    /// Whether the file and its directory (where SQLite keeps the WAL) can be written.
    private static func canWrite(_ path: String) -> Bool {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return FileManager.default.isWritableFile(atPath: path) && FileManager.default.isWritableFile(atPath: directory)
    }

    /// Brings an older knowledge base up to this build's schema, for a reader: the one write a
    /// read command makes, and only to a file that is litkb's.
    private static func upgrade(path: String, sqlitePath: String, from version: Int) throws {
        guard canWrite(path) else {
            throw StoreError.cannotOpen(path: path, reason: "its schema version \(version) is older than this litkb's (\(Schema.version)) and the file cannot be written to upgrade it; run any litkb command on it once where it can be written")
        }
        let queue = try DatabaseQueue(path: sqlitePath, configuration: configuration())
        try prepare(queue)
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

    private static func configuration(readOnly: Bool = false) -> Configuration {
        _ = librarySetUp
        var configuration = Configuration()
        configuration.readonly = readOnly
        // The schema declares every reference, but the store keeps them itself (every delete
        // names the rows that refer to what it removes; tests run PRAGMA foreign_key_check):
        // enforcing them costs a parent lookup for each of the ~40 rows a record writes,
        // measured at 8–15 % of bulk ingest.
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            SearchFolding.register(on: db)
            FullTextRank.register(on: db)
            QuerySet.register(on: db)
            // WAL with NORMAL sync keeps each batch atomic and durable enough for a rebuildable
            // index, at a fraction of FULL's fsync cost during bulk ingest.
            if !db.configuration.readonly {
                // Only takes effect on a new database, before its first page is written.
                try db.execute(sql: "PRAGMA page_size = 16384")
                _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            }
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            try db.execute(sql: "PRAGMA cache_size = -49152")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // Debian builds SQLite with SECURE_DELETE on: every deleted cell and freed page is
            // zeroed first. Bulk ingest deletes a lot that nobody needs wiped (FTS5's merged
            // segments, each transaction's prepared documents, replaced versions): PubMed is public.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA secure_delete = OFF")
            }
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
        // A large load of citation pairs drops the index of cited PMIDs and builds it at its end:
        // one that was killed left the pairs without it. Its resumption needs none (it would
        // drop it again), anything else does.
        try queue.write { db in
            let missing = try Bool.fetchOne(db, sql: """
                SELECT NOT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = 'citation_pair_cited')
                   AND NOT EXISTS (SELECT 1 FROM source_file WHERE format = 'nih-occ' AND completed_at IS NULL)
                """) ?? false
            if missing { try db.execute(sql: CitationPairLoad.indexSQL) }
            try FieldedIndexes.buildIfMissing(db)
            // Marks a writer left (one that changed works outside a batch) are cleared here.
            try WorkDates.refreshStale(in: db)
        }
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
    case notAKnowledgeBase(path: String, reason: String)
    case newerSchema(found: Int, supported: Int)
    case notFound(WorkIdentifier)
    case invalidQuery(String)
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open knowledge base \(path): \(reason)"
        case .notAKnowledgeBase(let path, let reason): "\(path) is not a litkb knowledge base: \(reason)"
        case .newerSchema(let found, let supported):
            "the database has schema version \(found), newer than this litkb supports (\(supported)); upgrade litkb"
        case .notFound(let identifier): "no work with \(identifier) in the knowledge base"
        case .invalidQuery(let message): "invalid search query: \(message)"
        case .database(let message): "database error: \(message)"
        }
    }
}
