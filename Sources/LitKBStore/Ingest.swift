import GRDB
import LitKBModel

/// A record handed to the store, with its position in its file for provenance and messages.
public struct IncomingRecord: Sendable {
    // `let`: the columns below are computed from the record once, so it must not change after.
    public let record: WorkRecord
    public let location: SourceLocation
    /// Its `work` columns, title key included: computed here, on the caller's thread (the parse
    /// thread in bulk ingest), because the store's thread is the critical path.
    let fields: WorkFields
    /// What its links point to, in `record.links` order.
    let linkTargets: [LinkTarget]
    /// Its full-text document, for when the record creates its work (see `FullTextIndex`).
    let fullTextDocument: FullTextDocument?

    public init(record: WorkRecord, location: SourceLocation) {
        self.record = record
        self.location = location
        fields = WorkFields(record)
        linkTargets = record.links.map { link in
            let fields = WorkFields(mentioned: link.target)
            // With no identifier, title or date, the key `WorkFields(mentioned:)` gives is the
            // citation's (nil for a blank or one-word citation, which names nothing).
            if link.givesOnlyItsText, fields.holdsOnlyTitleKey, let key = fields.titleKey { return .text(citationKey: key) }
            return .work(fields)
        }
        fullTextDocument = FullTextDocument(record: record, fields: fields)
    }
}

/// Records handed to the store together, and how far into their file they reach.
public struct IngestPart: Sendable {
    public var records: [IncomingRecord]
    public var progress: SourceProgress

    public init(records: [IncomingRecord], progress: SourceProgress) {
        self.records = records
        self.progress = progress
    }
}

/// What one of a record's links points to, as the store writes it.
enum LinkTarget: Sendable {
    /// A work, found or created as a stub: its `work` columns, title key included.
    case work(WorkFields)
    /// A reference given only as text (see `Link.givesOnlyItsText`), kept with the record.
    case text(citationKey: String)
}

extension Link {
    /// A reference that names its work by nothing but its citation text: no identifier, author,
    /// publication type, flag or notice (and, checked on its `WorkFields`, no title or date). No
    /// record can ever be matched to it, so it stays the citing record's text
    /// (`unidentified_reference`) instead of becoming a work (see schema.sql).
    var givesOnlyItsText: Bool {
        let target = self.target
        return kind == .cites && target.citation != nil && target.ids.isEmpty && target.ids.others.isEmpty
            && target.authors.isEmpty && target.publicationTypes.isEmpty && target.flags.isEmpty && target.notices.isEmpty
    }
}

/// What the store did with a batch.
public struct BatchOutcome: Sendable, Equatable {
    /// Records that created a work, or gave a stub its own record for the first time.
    public var added = 0
    /// Records that replaced or completed an existing record.
    public var updated = 0
    /// Works found to be one and merged (a DOI-only stub and the PMID record holding that DOI).
    public var merged = 0
    /// Stubs created for works known only from lists, references and notices.
    public var stubsCreated = 0
    /// Records skipped because a newer version of the same PMID is already stored.
    public var olderVersionsSkipped = 0
    /// Records whose PMIDs were deleted (PubMed `DeleteCitation`).
    public var deleted = 0
    /// Notices of an earlier snapshot file (Retraction Watch) that a newer one no longer holds.
    public var withdrawn = 0
    /// Records that could not be stored, each rolled back alone.
    public var failed = 0
    public var notes: [ParseWarning] = []
    /// Works inserted, and stubs gained (a new stub, a record turned back into one) or lost (a
    /// stub given its record), since the transaction's last `RecordWriter.finish`: the tally's
    /// counts the store keeps itself (see schema.sql). Here, so that a record rolled back to its
    /// savepoint takes its counts with it.
    var worksInserted = 0
    var stubsGained = 0

    public init() {}

    public mutating func add(_ other: BatchOutcome) {
        added += other.added
        updated += other.updated
        merged += other.merged
        stubsCreated += other.stubsCreated
        olderVersionsSkipped += other.olderVersionsSkipped
        deleted += other.deleted
        withdrawn += other.withdrawn
        failed += other.failed
        notes += other.notes
    }
}

extension KnowledgeBase {
    /// Stores a batch of records from one file in one transaction. The batch is first written
    /// whole; if any record fails, that transaction is rolled back and the batch is written again
    /// with each record in its own savepoint, so the failing record is rolled back alone,
    /// reported, and the others land. (A savepoint per record costs 10 % of bulk ingest; bad
    /// records are rare, so the fast path assumes none.) `progress`, when given, is how far into
    /// the file the batch reaches, committed with it.
    public func write(_ batch: [IncomingRecord], from source: SourceID, progress: SourceProgress? = nil) throws -> BatchOutcome {
        do {
            return try queue.write { db in
                var writer = try RecordWriter(db: db, source: source.rawValue)
                for incoming in batch {
                    try writer.write(incoming)
                }
                try writer.finish()
                try progress?.record(for: source, in: db)
                return writer.outcome
            }
        } catch {
            return try writeIsolatingFailures(batch, from: source, progress: progress)
        }
    }

    /// Writes records as `next` hands them over, in transactions of `recordsPerTransaction`
    /// records (a transaction also ends when `next` returns nil). Records are written as they
    /// arrive, so a producer on another thread can hand over small parts without each becoming a
    /// transaction: the store is never more than one part behind the producer, and the part of
    /// a transaction not yet written is not held anywhere. As in `write(_:from:)`, a failing
    /// record rolls its transaction back, which is then written again with a savepoint per record.
    /// `committed` receives each transaction's records once they are stored. Each transaction
    /// also commits the progress of its last part, so that an interrupted ingest resumes after it.
    public func write(from source: SourceID, recordsPerTransaction: Int, next: () -> IngestPart?,
                      committed: ([IncomingRecord]) -> Void) throws -> BatchOutcome {
        precondition(recordsPerTransaction > 0, "a transaction holds at least one record")
        var outcome = BatchOutcome()
        var ended = false
        while !ended {
            var records: [IncomingRecord] = []
            var progress: SourceProgress?
            do {
                outcome.add(try queue.write { db in
                    var writer = try RecordWriter(db: db, source: source.rawValue)
                    while records.count < recordsPerTransaction {
                        guard let part = next() else {
                            ended = true
                            break
                        }
                        records += part.records
                        progress = part.progress
                        for incoming in part.records {
                            try writer.write(incoming)
                        }
                    }
                    try writer.finish()
                    try progress?.record(for: source, in: db)
                    return writer.outcome
                })
            } catch {
                // Every record of the rolled-back transaction is in `records` (a part is kept
                // whole before any of it is written).
                outcome.add(try writeIsolatingFailures(records, from: source, progress: progress))
            }
            committed(records)
        }
        return outcome
    }

    private func writeIsolatingFailures(_ batch: [IncomingRecord], from source: SourceID, progress: SourceProgress?) throws -> BatchOutcome {
        try queue.write { db in
            var writer = try RecordWriter(db: db, source: source.rawValue)
            for incoming in batch {
                let counted = writer.outcome
                do {
                    try db.inSavepoint {
                        try writer.write(incoming)
                        return .commit
                    }
                } catch {
                    writer.outcome = counted
                    writer.outcome.failed += 1
                    writer.outcome.notes.append(ParseWarning(location: incoming.location, message: "not stored: \(error)"))
                }
            }
            try writer.finish()
            try progress?.record(for: source, in: db)
            return writer.outcome
        }
    }

    /// Removes the records of these PMIDs (PubMed `DeleteCitation`). Links other works hold to
    /// them stay: each deleted work becomes a stub keeping only its identifiers.
    public func deleteRecords(_ pmids: [PMID], from source: SourceID, location: SourceLocation,
                              progress: SourceProgress? = nil) throws -> BatchOutcome {
        try queue.write { db in
            var writer = try RecordWriter(db: db, source: source.rawValue)
            for pmid in pmids {
                try writer.deleteRecord(pmid: pmid, location: location)
            }
            try writer.finish()
            try progress?.record(for: source, in: db)
            return writer.outcome
        }
    }
}
