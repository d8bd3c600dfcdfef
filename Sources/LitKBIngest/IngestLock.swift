import Foundation

/// One ingest at a time into a knowledge base: SQLite keeps each transaction whole, but two
/// ingests interleaving their transactions would each take the other's half-written file for
/// their own (and resume or finish it). The lock is an advisory `flock` on a file beside the
/// database (`litkb.sqlite-ingest-lock`), not on the database itself: closing any descriptor of
/// the database file would drop SQLite's own POSIX locks in this process. The kernel releases
/// it when the process ends, however it ends, so a killed ingest never leaves it held.
/// Readers take no part: they keep reading throughout.
public final class IngestLock {
    private let descriptor: Int32
    public let path: String

    /// Takes the lock for `databasePath`, calling `waiting` first when another ingest holds it,
    /// then waiting for it.
    public init(databasePath: String, waiting: () -> Void) throws {
        path = databasePath + "-ingest-lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw IngestLockError(message: "cannot open the ingest lock \(path): \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return }
        guard errno == EWOULDBLOCK else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw IngestLockError(message: "cannot lock \(path): \(reason)")
        }
        waiting()
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw IngestLockError(message: "cannot lock \(path): \(reason)")
            }
        }
    }

    /// Whether an ingest into `databasePath` holds the lock now (read commands ask; they never
    /// create the lock file).
    public static func isHeld(databasePath: String) -> Bool {
        let descriptor = open(databasePath + "-ingest-lock", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

public struct IngestLockError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
