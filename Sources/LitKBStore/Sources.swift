import Foundation
import GRDB
import LitKBModel

/// A file about to be ingested, as the caller identified it.
public struct SourceFileInput: Hashable, Sendable {
    public var path: String
    public var sha256: String
    public var format: SourceFormat
    public var size: Int

    public init(path: String, sha256: String, format: SourceFormat, size: Int) {
        self.path = path
        self.sha256 = sha256
        self.format = format
        self.size = size
    }
}

public struct SourceID: Hashable, Sendable {
    public let rawValue: Int64
}

extension KnowledgeBase {
    /// The file ingested earlier with the same content and format, if any.
    public func ingestedSource(sha256: String, format: SourceFormat) throws -> SourceFile? {
        try queue.read { db in
            try Row.fetchOne(db, sql: "SELECT path, sha256, format, ingested_at FROM source_file WHERE sha256 = ? AND format = ?",
                             arguments: [sha256, format.rawValue]).map(SourceFile.init(row:))
        }
    }

    /// Records that `input` is being ingested now; a file ingested again keeps its row, with the
    /// new path and time.
    public func registerSource(_ input: SourceFileInput) throws -> SourceID {
        try queue.write { db in
            let now = ISO8601DateFormatter().string(from: Date())
            try db.execute(sql: """
                INSERT INTO source_file (path, sha256, format, size, ingested_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sha256, format) DO UPDATE SET path = excluded.path, ingested_at = excluded.ingested_at
                """, arguments: [input.path, input.sha256, input.format.rawValue, input.size, now])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM source_file WHERE sha256 = ? AND format = ?",
                                        arguments: [input.sha256, input.format.rawValue])!
            return SourceID(rawValue: id)
        }
    }

    /// Whether any file of this size and format was ingested: when none was, a file cannot be
    /// unchanged, and its digest can wait.
    public func hasSource(size: Int, format: SourceFormat) throws -> Bool {
        try queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM source_file WHERE size = ? AND format = ?)",
                              arguments: [size, format.rawValue]) ?? false
        }
    }

    /// Records the digest of a file registered before its digest was known.
    public func setSourceDigest(_ source: SourceID, sha256: String) throws {
        try queue.write { db in
            // The same content registered meanwhile under its digest (another process): that row
            // stays, this one goes; the records are the same.
            if let other = try Int64.fetchOne(db, sql: "SELECT id FROM source_file WHERE sha256 = ? AND format = (SELECT format FROM source_file WHERE id = ?) AND id <> ?",
                                              arguments: [sha256, source.rawValue, source.rawValue]) {
                try db.execute(sql: "UPDATE OR IGNORE work_source SET source_file_id = ? WHERE source_file_id = ?", arguments: [other, source.rawValue])
                try db.execute(sql: "DELETE FROM work_source WHERE source_file_id = ?", arguments: [source.rawValue])
                try db.execute(sql: "DELETE FROM source_file WHERE id = ?", arguments: [source.rawValue])
            } else {
                try db.execute(sql: "UPDATE source_file SET sha256 = ? WHERE id = ?", arguments: [sha256, source.rawValue])
            }
        }
    }

    /// Notes how many records the file gave, once it is done.
    public func finishSource(_ source: SourceID, records: Int) throws {
        try queue.write { db in
            try db.execute(sql: "UPDATE source_file SET records = ? WHERE id = ?", arguments: [records, source.rawValue])
        }
    }
}

extension SourceFile {
    init(row: Row) {
        self.init(path: row["path"], sha256: row["sha256"],
                  format: SourceFormat(rawValue: row["format"]) ?? .pageText, ingestedAt: row["ingested_at"])
    }
}
