import Foundation
import GRDBSQLite

/// Copies committed WAL frames into the database file on a thread and connection of its own,
/// so that the writer, the critical path of a bulk ingest, no longer stops for it.
///
/// SQLite's automatic checkpoint runs inside the commit that fills the WAL: on pubmed21n1298 it
/// was 13 % of the writer's thread (mostly the kernel copying pages into the database file).
/// Here, once the WAL is half full, every commit asks for a passive checkpoint, which runs beside
/// the writer's next batch. Once the WAL holds `restartFrames` frames, the commit waits for a
/// checkpoint that began after it (by then little is left to copy): the WAL is then wholly in the
/// database, and the writer's next transaction writes the WAL from its start again instead of
/// growing it (fresh file pages cost more than the copy).
///
/// A passive checkpoint never blocks the writer or a reader; a reader in another process that
/// holds an old snapshot only keeps frames in the WAL until a later pass.
final class WALCheckpointer: @unchecked Sendable {
    /// 4,096 frames: 64 MB of WAL at 16 KB pages, SQLite's automatic threshold litkb used before.
    static let defaultRestartFrames: Int32 = 4096

    /// WAL frames after which a commit waits for the WAL to be copied, so that it starts over.
    let restartFrames: Int32
    private let connection: OpaquePointer
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var requested = false
    private var passesStarted = 0
    private var passesFinished = 0
    private var stopping = false
    private var thread: Thread?

    /// A second connection to the WAL database at `path`; nil when it cannot be opened.
    init?(path: String, restartFrames: Int32 = WALCheckpointer.defaultRestartFrames) {
        self.restartFrames = restartFrames
        var connection: OpaquePointer?
        // A connection opens the WAL when it first reads: until then a checkpoint does nothing.
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK, let connection,
              sqlite3_exec(connection, "SELECT count(*) FROM sqlite_schema", nil, nil, nil) == SQLITE_OK else {
            sqlite3_close(connection)
            return nil
        }
        self.connection = connection
    }

    /// Routes the commits of the writer connection `writer` here, in place of SQLite's automatic
    /// checkpoint. `self` must outlive the connection's last commit (`KnowledgeBase` holds it).
    func attach(to writer: OpaquePointer) {
        sqlite3_wal_hook(writer, { context, _, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(framesInLog: frames)
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// After each commit of the writer, on its thread.
    private func committed(framesInLog frames: Int32) {
        condition.lock()
        defer { condition.unlock() }
        // Passes start once the WAL is half full: a page rewritten by several batches before
        // then is copied once, not once a batch (pubmed21n1298: 27,000 page writes into the
        // database file with a pass after every commit, 23,500 this way).
        guard frames >= restartFrames / 2, !stopping else { return }
        if thread == nil { start() }
        requested = true
        condition.broadcast()
        guard frames >= restartFrames else { return }
        // The next pass to start is the first to see this commit.
        let target = passesStarted + 1
        while passesFinished < target, !stopping { condition.wait() }
    }

    private func start() {
        let thread = Thread { [self] in run() }
        thread.name = "litkb WAL checkpoint"
        self.thread = thread
        thread.start()
    }

    private func run() {
        condition.lock()
        while true {
            while !requested, !stopping { condition.wait() }
            if stopping { break }
            requested = false
            passesStarted += 1
            condition.unlock()
            var logFrames: Int32 = 0
            var copiedFrames: Int32 = 0
            _ = sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copiedFrames)
            condition.lock()
            passesFinished += 1
            condition.broadcast()
        }
        passesFinished = passesStarted
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the thread (after its current pass) and closes the connection; later calls do
    /// nothing. The writer's own close then checkpoints what is left, as the last connection.
    func stop() {
        condition.lock()
        guard !stopping else {
            condition.unlock()
            return
        }
        stopping = true
        condition.broadcast()
        while thread != nil, passesFinished < passesStarted { condition.wait() }
        // The thread's closure holds `self`: letting the thread go breaks that cycle.
        thread = nil
        condition.unlock()
        sqlite3_close(connection)
    }
}
