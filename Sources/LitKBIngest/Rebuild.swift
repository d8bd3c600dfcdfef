import Foundation
import LitKBStore

/// Makes a knowledge base again from the files it was made from, read by this version's
/// parsers and stored under its rules: what older versions derived and stored (a reference's
/// ids they trusted, a stub they bound to them) cannot be re-derived from the tables, which keep
/// what was concluded, not every reference's ids as written; the files can. Each file is read
/// again in the order it was last ingested, into a new file beside the old one
/// (`PATH.rebuild`); the search history is carried over, numbers and all; and only when every
/// file went in does the new one take the old one's place, the old one kept as
/// `PATH.before-rebuild`. Nothing is changed when a file is missing or reads differently now.
public struct Rebuild {
    public let path: String
    public var newPath: String { path + ".rebuild" }
    public var backupPath: String { path + ".before-rebuild" }

    public init(path: String) {
        self.path = path
    }

    public struct Refusal: Error, CustomStringConvertible {
        public let description: String
    }

    /// The files to read again, in the order they were last ingested. A path is stored as it
    /// was named; one that was relative is found from the current directory, else from the
    /// knowledge base's.
    public func files() throws -> [IngestedFile] {
        let directory = (path as NSString).deletingLastPathComponent
        return try KnowledgeBase(path: path, access: .read).ingestedFiles().map { file in
            var file = file
            let beside = (directory as NSString).appendingPathComponent(file.path)
            if !file.path.hasPrefix("/"), !FileManager.default.fileExists(atPath: file.path), FileManager.default.fileExists(atPath: beside) {
                file.path = beside
            }
            return file
        }
    }

    /// Why the files cannot all be read again as they were: missing, or other content now.
    public static func problems(with files: [IngestedFile]) -> [String] {
        files.compactMap { file in
            guard FileManager.default.isReadableFile(atPath: file.path) else {
                return "\(file.path): not found (from here or beside the knowledge base), or not readable; a file read from standard input cannot be read again"
            }
            guard let digest = try? Ingester.Input.file(file.path).digest().sha256 else { return "\(file.path): cannot be read" }
            return digest == file.sha256 ? nil : "\(file.path): its content is not what was ingested (SHA-256 \(digest.prefix(12))…, was \(file.sha256.prefix(12))…)"
        }
    }

    /// Reads the files into the new knowledge base, `report` called after each, and puts it in
    /// place of the old one when every file went in; returns the files' reports. Throws a
    /// `Refusal`, changing nothing, when a file cannot be read again or a file from an earlier
    /// rebuild is in the way.
    public func run(report: (FileReport) -> Void) throws -> [FileReport] {
        for leftover in [backupPath, newPath] where FileManager.default.fileExists(atPath: leftover) {
            throw Refusal(description: "\(leftover) exists (from an earlier rebuild?): move it away first; nothing was changed")
        }
        let files = try files()
        guard !files.isEmpty else { throw Refusal(description: "\(path) holds no ingested files to read again; nothing was changed") }
        let problems = Self.problems(with: files)
        guard problems.isEmpty else {
            throw Refusal(description: "cannot read every file again; nothing was changed:\n" + problems.map { "  " + $0 }.joined(separator: "\n"))
        }
        let history = try KnowledgeBase(path: path, access: .read).searchHistory()
        var reports: [FileReport] = []
        do {
            let store = try KnowledgeBase(path: newPath, access: .write)
            Ingester(store: store).ingest(files.map(\.path)) { fileReport in
                reports.append(fileReport)
                report(fileReport)
            }
            if reports.contains(where: \.failed) {
                throw Refusal(description: "a file failed to go in again; \(path) is unchanged")
            }
            try store.restoreSearchHistory(history)
        } catch {
            Self.remove(newPath)
            throw error
        }
        // Both closed (their stores released above): each moves with its write-ahead log, if
        // SQLite left one.
        try Self.move(path, to: backupPath)
        do {
            try Self.move(newPath, to: path)
        } catch {
            // The old file goes back where it was rather than leave no knowledge base there.
            try? Self.move(backupPath, to: path)
            throw error
        }
        return reports
    }

    private static let companions = ["", "-wal", "-shm"]

    private static func move(_ from: String, to: String) throws {
        for suffix in companions where FileManager.default.fileExists(atPath: from + suffix) {
            try FileManager.default.moveItem(atPath: from + suffix, toPath: to + suffix)
        }
    }

    private static func remove(_ path: String) {
        for suffix in companions + ["-ingest-lock"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
