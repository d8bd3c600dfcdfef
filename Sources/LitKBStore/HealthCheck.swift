import GRDB
import LitKBModel

/// What `litkb check` found: SQLite's and FTS5's own checks, then litkb's.
public struct HealthReport: Hashable, Sendable, Codable {
    /// `PRAGMA integrity_check`: empty when SQLite finds the file sound.
    public var integrityProblems: [String] = []
    /// `PRAGMA foreign_key_check`: rows that name a row that is not there.
    public var danglingReferences: [String] = []
    /// FTS5's `integrity-check`: nil when the index's own structures are sound.
    public var fullTextIndexProblem: String?
    /// Why FTS5's check could not run (an ingest kept the database busy); not a problem found.
    public var fullTextCheckSkipped: String?
    /// Works whose full-text row does not say what their stored rows say.
    public var fullTextMismatches: [Int64] = []
    /// Where the lengths search's ranking reads (`fts_length`) differ from FTS5's own.
    public var fullTextLengthMismatches: [String] = []
    /// Where the dates search sorts by (`work_date`) differ from the work table's.
    public var workDateMismatches: [String] = []
    /// Where the flags search tests frequent terms by (`work_flags`) differ from the tables.
    public var workFlagMismatches: [String] = []
    /// Where the first authors' keys `--sort first-author` reads (`work_author_key`) differ from the authors.
    public var authorKeyMismatches: [String] = []
    /// Where `[ad]`'s index of affiliation words (`affiliation_fts`) differs from the affiliations.
    public var affiliationIndexMismatches: [String] = []
    /// Files an interrupted ingest left partly stored.
    public var incompleteSources: [IncompleteSource] = []
    /// Counts `stats` reads that differ from the tables (`works: tally 12, counted 13`).
    public var tallyMismatches: [String] = []

    public var isHealthy: Bool {
        integrityProblems.isEmpty && danglingReferences.isEmpty && fullTextIndexProblem == nil
            && fullTextMismatches.isEmpty && fullTextLengthMismatches.isEmpty && workDateMismatches.isEmpty && workFlagMismatches.isEmpty
            && authorKeyMismatches.isEmpty && affiliationIndexMismatches.isEmpty && incompleteSources.isEmpty && tallyMismatches.isEmpty
    }
}

extension KnowledgeBase {
    /// Runs every check; reads only (FTS5's check is a command that writes nothing, run in a
    /// transaction that is rolled back).
    public func healthCheck() throws -> HealthReport {
        var report = HealthReport()
        try read { db in
            report.integrityProblems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            report.danglingReferences = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map(\.description)
            report.incompleteSources = try incompleteSources(db)
            report.tallyMismatches = try Self.tallyMismatches(db)
            report.fullTextLengthMismatches = try FullTextRank.mismatches(db)
            report.workDateMismatches = try WorkDates.mismatches(db)
            report.workFlagMismatches = try WorkFlags.mismatches(db)
            report.authorKeyMismatches = try WorkAuthorKeys.mismatches(db)
            report.affiliationIndexMismatches = try AffiliationIndex.mismatches(db)
        }
        do {
            try queue.inDatabase { db in
                // FTS5's check is an INSERT and needs the write lock, which an ingest holds for
                // each of its transactions in turn: wait for a gap between them.
                try db.execute(sql: "PRAGMA busy_timeout = 10000")
                defer { try? db.execute(sql: "PRAGMA busy_timeout = 0") }
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "INSERT INTO work_fts (work_fts) VALUES ('integrity-check')")
                    return .rollback
                }
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            report.fullTextCheckSkipped = "the database stayed busy (an ingest is writing); run check again when it ends"
        } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
            report.fullTextCheckSkipped = "the file or its directory cannot be written here, and FTS5's check needs the write lock (it writes nothing)"
        } catch let error as DatabaseError {
            report.fullTextIndexProblem = error.message ?? error.description
        }
        report.fullTextMismatches = try fullTextIndexMismatches()
        return report
    }

    /// Rebuilds what search reads beside the tables (document lengths, dates, flags, first
    /// authors' keys, the affiliation index) where `report` found it out of step with what it is
    /// read from (`litkb check --repair`); whether it rebuilt anything.
    public func repair(_ report: HealthReport) throws -> Bool {
        let rebuilds: [(problems: [String], rebuild: () throws -> Void)] = [
            (report.fullTextLengthMismatches, rebuildFullTextLengths), (report.workDateMismatches, rebuildWorkDates),
            (report.workFlagMismatches, rebuildWorkFlags), (report.authorKeyMismatches, rebuildAuthorKeys),
            (report.affiliationIndexMismatches, rebuildAffiliationIndex),
        ]
        var rebuilt = false
        for (problems, rebuild) in rebuilds where !problems.isEmpty {
            try rebuild()
            rebuilt = true
        }
        return rebuilt
    }

    /// Writes `fts_length` again from FTS5's lengths (`litkb check --repair`).
    public func rebuildFullTextLengths() throws {
        try queue.write { db in try FullTextRank.rebuild(in: db) }
    }

    /// Writes `work_date` again from the work table (`litkb check --repair`).
    public func rebuildWorkDates() throws {
        try queue.write { db in try WorkDates.rebuild(in: db) }
    }

    /// Chooses the flagged terms again and writes `work_flags` from the tables (`litkb check --repair`).
    public func rebuildWorkFlags() throws {
        try queue.write { db in try WorkFlags.rebuild(in: db) }
    }

    /// Writes `work_author_key` again from the authors (`litkb check --repair`).
    public func rebuildAuthorKeys() throws {
        try queue.write { db in try WorkAuthorKeys.rebuild(in: db) }
    }

    /// Writes `[ad]`'s index again from the affiliations (`litkb check --repair`).
    public func rebuildAffiliationIndex() throws {
        try queue.write { db in try AffiliationIndex.rebuild(in: db) }
    }

    /// Where `fts_length` differs from FTS5's lengths, described; empty when they agree.
    public func fullTextLengthMismatches() throws -> [String] {
        try read { db in try FullTextRank.mismatches(db) }
    }

    /// The counts `stats` reads that differ from the tables, described (`works: tally 12, counted 13`).
    public func tallyMismatches() throws -> [String] {
        try read { db in try Self.tallyMismatches(db) }
    }

    static func tallyMismatches(_ db: Database) throws -> [String] {
        var kept: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, n FROM tally WHERE n <> 0") { kept[row["name"]] = row["n"] }
        var counted: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: Tally.countsSQL) where (row["n"] as Int) != 0 { counted[row["name"]] = row["n"] }
        return Set(kept.keys).union(counted.keys).sorted().compactMap { name in
            kept[name] == counted[name] ? nil : "\(name): tally \(kept[name] ?? 0), counted \(counted[name] ?? 0)"
        }
    }
}
