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

/// How far into its file an ingest has committed: the next ingest of the same content resumes
/// after it.
public struct SourceProgress: Hashable, Sendable {
    /// Items of the file (records, deletions, unreadable records, in file order) whose effect is
    /// committed.
    public var storedThrough: Int
    /// Records among them.
    public var records: Int
    /// What the last of those items was (`SourceProgress.describe`), for the resumed ingest to
    /// check that it has come to the same place.
    public var last: String?

    public init(storedThrough: Int, records: Int, last: String? = nil) {
        self.storedThrough = storedThrough
        self.records = records
        self.last = last
    }
}

/// What an earlier ingest of a file's content left.
public enum SourceState: Hashable, Sendable {
    /// Never ingested.
    case new
    /// Ingested to its last record.
    case complete(SourceFile)
    /// Started and not finished: the process was killed, or a write failed.
    case interrupted(SourceProgress)
}

/// A file whose ingest started and did not finish.
public struct IncompleteSource: Hashable, Sendable, Codable {
    public var path: String
    public var format: SourceFormat
    /// Records stored before the interruption.
    public var records: Int
    public var startedAt: String
}

extension KnowledgeBase {
    /// What an earlier ingest of this content in this format left, if anything.
    public func sourceState(sha256: String, format: SourceFormat) throws -> SourceState {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT path, sha256, format, ingested_at, records, stored_through, stored_last, completed_at
                FROM source_file WHERE sha256 = ? AND format = ?
                """, arguments: [sha256, format.rawValue]) else { return .new }
            if row["completed_at"] as String? != nil { return .complete(SourceFile(row: row)) }
            return .interrupted(SourceProgress(storedThrough: row["stored_through"], records: row["records"], last: row["stored_last"]))
        }
    }

    /// Records that `input` is being ingested now: it stays incomplete until `finishSource`. A
    /// file ingested again keeps its row, with the new path and time; `resuming` keeps what an
    /// interrupted ingest of it committed, otherwise its progress starts again from nothing.
    public func registerSource(_ input: SourceFileInput, resuming: Bool = false) throws -> SourceID {
        try queue.write { db in
            let now = ISO8601DateFormatter().string(from: Date())
            let progress = resuming ? "" : ", records = 0, stored_through = 0, stored_last = NULL"
            try db.execute(sql: """
                INSERT INTO source_file (path, sha256, format, size, ingested_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sha256, format) DO UPDATE SET path = excluded.path, ingested_at = excluded.ingested_at,
                    completed_at = NULL\(progress)
                """, arguments: [input.path, input.sha256, input.format.rawValue, input.size, now])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM source_file WHERE sha256 = ? AND format = ?",
                                        arguments: [input.sha256, input.format.rawValue])!
            // litkb before schema 6 registered a large PubMed XML file under a placeholder until
            // its digest was known; an ingest killed before then left a row no digest can match.
            // The same path, size and format read again takes it over.
            let placeholders = "sha256 LIKE 'pending-%' AND completed_at IS NULL AND path = ? AND size = ? AND format = ?"
            let same: StatementArguments = [input.path, input.size, input.format.rawValue]
            try db.execute(sql: "UPDATE OR IGNORE work_source SET source_file_id = ? WHERE source_file_id IN (SELECT id FROM source_file WHERE \(placeholders))",
                           arguments: [id] + same)
            try db.execute(sql: "DELETE FROM work_source WHERE source_file_id IN (SELECT id FROM source_file WHERE \(placeholders))", arguments: same)
            try db.execute(sql: "DELETE FROM source_file WHERE \(placeholders)", arguments: same)
            try FieldedIndexes.dropIfLarge(db, for: input)
            return SourceID(rawValue: id)
        }
    }

    /// Marks the file complete with the number of records it gave, once every one is stored. A
    /// snapshot (a Retraction Watch CSV) withdraws, in the same transaction, the notices that
    /// only earlier snapshots held.
    @discardableResult
    public func finishSource(_ source: SourceID, records: Int) throws -> BatchOutcome {
        try queue.write { db in
            var outcome = BatchOutcome()
            if let name = try String.fetchOne(db, sql: "SELECT format FROM source_file WHERE id = ?", arguments: [source.rawValue]),
               let format = SourceFormat(rawValue: name), format.isSnapshot {
                var writer = try RecordWriter(db: db, source: source.rawValue)
                try writer.withdrawSuperseded(by: source.rawValue, format: format)
                try writer.finish()
                outcome = writer.outcome
            }
            try db.execute(sql: "UPDATE source_file SET records = ?, completed_at = ? WHERE id = ?",
                           arguments: [records, ISO8601DateFormatter().string(from: Date()), source.rawValue])
            try FieldedIndexes.buildIfMissing(db)
            try WorkFlags.chooseAgainIfGrown(db)
            return outcome
        }
    }

    /// Drops the row of a file that gave nothing (none of it could be read), so that the next
    /// ingest reads it again instead of calling it unchanged.
    public func forgetSource(_ source: SourceID) throws {
        try queue.write { db in
            guard try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM work_source WHERE source_file_id = ?)",
                                     arguments: [source.rawValue])! else { return }
            try db.execute(sql: "DELETE FROM source_file WHERE id = ?", arguments: [source.rawValue])
            try FieldedIndexes.buildIfMissing(db)
        }
    }

    /// Builds the fielded-search indexes an ingest dropped, whether or not a file of it is left
    /// incomplete: the end of an ingest run, which no other ingest runs beside (its lock).
    public func buildFieldedIndexes() throws {
        try queue.write { db in try FieldedIndexes.buildIfMissing(db, evenIfIncomplete: true) }
    }

    /// Files whose ingest started and did not finish, oldest first.
    public func incompleteSources() throws -> [IncompleteSource] {
        try read { db in try incompleteSources(db) }
    }

    func incompleteSources(_ db: Database) throws -> [IncompleteSource] {
        try Row.fetchAll(db, sql: """
            SELECT path, format, records, ingested_at FROM source_file WHERE completed_at IS NULL ORDER BY ingested_at, id
            """).map { row in
            IncompleteSource(path: row["path"], format: SourceFormat(rawValue: row["format"]) ?? .pageText,
                             records: row["records"], startedAt: row["ingested_at"])
        }
    }
}

extension SourceProgress {
    /// Moves the file's progress, inside the transaction that commits what it counts.
    func record(for source: SourceID, in db: Database) throws {
        // Only with what it counts: were the transaction gone (SQLite rolls back on a full disk
        // or an I/O error), this statement alone would commit, past records that were not.
        guard db.isInsideTransaction else { throw StoreError.database("the transaction ended before the file's progress was stored") }
        try db.execute(sql: "UPDATE source_file SET stored_through = ?, records = ?, stored_last = ? WHERE id = ?",
                       arguments: [storedThrough, records, last, source.rawValue])
    }
}

extension SourceFile {
    init(row: Row) {
        self.init(path: row["path"], sha256: row["sha256"],
                  format: SourceFormat(rawValue: row["format"]) ?? .pageText, ingestedAt: row["ingested_at"])
    }
}
