import Foundation

/// A file's SHA-256 computed on a thread of its own, for when the ingest need not wait for it.
final class DigestInBackground: @unchecked Sendable {
    // @unchecked: `result` is written once by the thread, read after `done` is signalled.
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String, Error> = .failure(CancellationError())
    /// Stands in for the digest in `source_file` until it is known: unique, and never a digest.
    let placeholder = "pending-" + UUID().uuidString

    init(path: String) {
        let thread = Thread { [self] in
            result = Result { try Ingester.Input.file(path).digest().sha256 }
            done.signal()
        }
        thread.start()
    }

    /// Waits for the digest.
    func value() throws -> String {
        done.wait()
        done.signal()
        return try result.get()
    }
}
