import GRDB
import LitKBModel

/// Writes records into one open transaction: resolves identity, merges, fills fields by source
/// rank, replaces what the record asserted before, and keeps the full-text index in step.
struct RecordWriter {
    let db: Database
    let source: Int64
    let statements: WriterStatements
    var outcome = BatchOutcome()
    /// The work of the record being written, while its links are: a work that its own
    /// references name (by identifiers another work holds) is folded into it, never it into
    /// that one, so what the record writes after them still has a work to belong to.
    var recordWorkID: Int64?
    /// Links queued for `flushLinks`.
    var pendingLinks: [PendingLink] = []
    /// References given only as text, queued for `flushLinks` too.
    var pendingUnidentifiedReferences: [(workID: Int64, format: SourceFormat, key: String, position: Int, citation: String)] = []
    /// The merges of the record being written, in order: a work id held from before one of
    /// them may name a work that is gone (see `writeLink`).
    var merges: [(from: Int64, into: Int64)] = []

    init(db: Database, source: Int64) throws {
        self.db = db
        self.source = source
        statements = WriterStatements(db: db)
    }

    mutating func write(_ incoming: IncomingRecord) throws {
        // Left over only when the record before failed, and was rolled back to its savepoint.
        pendingLinks.removeAll(keepingCapacity: true)
        pendingUnidentifiedReferences.removeAll(keepingCapacity: true)
        merges.removeAll(keepingCapacity: true)
        let record = incoming.record
        let location = incoming.location
        let rank = record.format.rank
        // An eLink result gives lists, not fields: the work's fields keep naming their source.
        let fieldFormat = record.format.carriesWholeRecord ? record.format : nil
        let fields = incoming.fields
        let workID: Int64
        let isNew: Bool
        var storedRank = 0
        switch try resolve(record.ids, rank: rank, titleKey: fields.titleKey, location: location) {
        case .existing(let resolution):
            workID = resolution.workID
            storedRank = resolution.storedRank
            isNew = false
            if let version = record.ids.pmidVersion, let stored = resolution.storedVersion, stored > version, storedRank == rank {
                outcome.olderVersionsSkipped += 1
                outcome.notes.append(ParseWarning(location: location,
                    message: "version \(version) skipped: version \(stored) of PMID \(record.ids.pmid.map { "\($0)" } ?? "?") is already stored"))
                return
            }
            // A stub getting its own record is added; an eLink result only updates the lists of
            // a work already known.
            if storedRank <= WorkMention.rank, record.format.carriesWholeRecord { outcome.added += 1 } else { outcome.updated += 1 }
            // The stored rank becomes the higher of the two (`WorkFields.updateSQL`).
            if storedRank <= WorkMention.rank, rank > WorkMention.rank { outcome.stubsGained -= 1 }
            if storedRank <= WorkMention.rank, record.format.givesEveryPMCID, record.ids.pmcid == nil, let pmcid = resolution.storedPMCID {
                try dropListGivenPMCID(pmcid, of: workID)
            }
            let wins = rank >= storedRank
            try writeFields(fields, to: workID, rank: rank, format: fieldFormat, wins: wins)
            if wins, let version = record.ids.pmidVersion {
                try statements.setPMIDVersion.bind(version).bind(workID).run()
            }
            // What this record said before, in this format, is replaced by what it says now. A
            // snapshot's rows add up instead within one file: Retraction Watch gives a notice
            // that retracts five papers as five rows, each naming the same notice.
            var anotherRowOfThisFile = false
            if record.format.isSnapshot {
                anotherRowOfThisFile = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM work_source WHERE work_id = ? AND source_file_id = ?)",
                                                         arguments: [workID, source]) ?? false
            }
            if anotherRowOfThisFile {
                // Nothing to replace: this file said it, a row ago.
            } else if record.format.carriesWholeRecord {
                for statement in [statements.deleteAssertedOwnLinks, statements.deleteAssertedOtherLinks, statements.deleteAssertedFlags,
                                  statements.deleteUninterpreted, statements.deleteUnidentifiedReferences] {
                    try statement.bind(workID).bind(record.format.rawValue).run()
                }
            } else {
                try deleteAssertedLists(record.listsGiven + record.links.map(\.kind), of: workID, format: record.format)
            }
        case .new(let contested):
            workID = try insertWork(record.ids, contested: contested, fields: fields, rank: rank, format: fieldFormat)
            isNew = true
            outcome.added += 1
        }
        try writeCollections(of: record, to: workID, rank: rank, storedRank: storedRank, isNew: isNew)
        // A new work's fields and collections are now its record's alone: its prepared document
        // says what the tables say. Written before its links, because a link can merge this work
        // with another (its references name it by identifiers another work holds), and the
        // merge's dirty mark must then drop the document.
        let prepared = isNew ? incoming.fullTextDocument : nil
        if let prepared {
            try statements.insertReadyDocument.bind(workID).bind(prepared.title).bind(prepared.abstract)
                .bind(prepared.keywords).bind(prepared.mesh).run()
        }

        for flag in record.flags {
            try insertFlag(flag, on: workID, assertedBy: workID, format: record.format)
        }
        recordWorkID = workID
        defer { recordWorkID = nil }
        // Each kind's links are numbered from 0 in the record's order. A list of the kinds seen,
        // not a dictionary: a record has one to three kinds, and hashing the kind's name for
        // each of 220,000 references was measurable.
        var positions: [(kind: LinkKind, next: Int)] = []
        for index in record.links.indices {
            let kind = record.links[index].kind
            let position: Int
            if let seen = positions.firstIndex(where: { $0.kind == kind }) {
                position = positions[seen].next
                positions[seen].next += 1
            } else {
                position = 0
                positions.append((kind, 1))
            }
            switch incoming.linkTargets[index] {
            case .work(let targetFields):
                try writeLink(record.links[index], targetFields: targetFields, of: workID, format: record.format, position: position,
                              location: location)
            case .text(let key):
                pendingUnidentifiedReferences.append((workID: workID, format: record.format, key: key, position: position,
                                                      citation: record.links[index].target.citation ?? ""))
            }
        }
        try flushLinks()
        for item in record.uninterpreted {
            try statements.insertUninterpreted.bind(workID).bind(record.format.rawValue).bind(item.section).bind(item.line).bind(item.text).run()
        }
        try statements.recordSource.bind(workID).bind(source).bind(location.record).run()
        if prepared == nil {
            try markFullTextDirty(workID)
        }
    }

    /// Turns a stored record back into a stub: its fields and what it asserted go, its
    /// identifiers and the links others hold to it stay.
    mutating func deleteRecord(pmid: PMID, location: SourceLocation) throws {
        guard let workID = try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmid = ?", arguments: [pmid.value]) else {
            outcome.notes.append(ParseWarning(location: location, message: "DeleteCitation: PMID \(pmid) is not in the knowledge base"))
            return
        }
        try deleteRecord(workID: workID)
        outcome.deleted += 1
        outcome.notes.append(ParseWarning(location: location, message: "deleted PMID \(pmid) (DeleteCitation); links to it kept"))
    }

    private mutating func deleteRecord(workID: Int64) throws {
        let storedRank = try Int.fetchOne(db, sql: "SELECT source_rank FROM work WHERE id = ?", arguments: [workID]) ?? 0
        try markFlagsDirty(workID)
        for table in WorkCollections.tables {
            try WorkCollections.delete(from: table, workID: workID, in: db)
        }
        // Its own links under the primary key, those about other works in link_asserter.
        try db.execute(sql: "DELETE FROM link WHERE from_work = ?1 AND asserted_by = ?1", arguments: [workID])
        try db.execute(sql: "DELETE FROM link WHERE asserted_by = ?1 AND asserted_by <> from_work", arguments: [workID])
        try db.execute(sql: "DELETE FROM work_flag WHERE asserted_by = ?", arguments: [workID])
        try db.execute(sql: "DELETE FROM uninterpreted WHERE work_id = ?", arguments: [workID])
        try db.execute(sql: "DELETE FROM unidentified_reference WHERE work_id = ?", arguments: [workID])
        try db.execute(sql: "DELETE FROM work_source WHERE work_id = ?", arguments: [workID])
        let cleared = WorkFields.columns.map { "\($0) = NULL" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE OR FAIL work SET \(cleared), pmid_version = NULL, source_rank = ?, source_format = NULL WHERE id = ?",
                       arguments: [WorkMention.rank, workID])
        if storedRank > WorkMention.rank { outcome.stubsGained += 1 }
        try markFullTextDirty(workID)
    }

    /// A file of a format that is a whole database at one date (`SourceFormat.isSnapshot`:
    /// the Retraction Watch CSV) replaces the earlier files of that format: a notice only they
    /// held is withdrawn. What its record asserted goes; a work no other file gives a record for
    /// becomes a stub, as a deleted record does, keeping the links others hold to it.
    mutating func withdrawSuperseded(by source: Int64, format: SourceFormat) throws {
        let earlier = try Int64.fetchAll(db, sql: "SELECT id FROM source_file WHERE format = ? AND id <> ?", arguments: [format.rawValue, source])
        guard !earlier.isEmpty else { return }
        let list = earlier.map(String.init).joined(separator: ", ")
        let withdrawn = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT work_id FROM work_source WHERE source_file_id IN (\(list))
            AND work_id NOT IN (SELECT work_id FROM work_source WHERE source_file_id = ?)
            ORDER BY work_id
            """, arguments: [source])
        for workID in withdrawn {
            try db.execute(sql: "DELETE FROM link WHERE from_work = ?1 AND asserted_by = ?1 AND source_format = ?2", arguments: [workID, format.rawValue])
            try db.execute(sql: "DELETE FROM link WHERE asserted_by = ?1 AND asserted_by <> from_work AND source_format = ?2", arguments: [workID, format.rawValue])
            try db.execute(sql: "DELETE FROM work_flag WHERE asserted_by = ? AND source_format = ?", arguments: [workID, format.rawValue])
            try db.execute(sql: "DELETE FROM work_source WHERE work_id = ? AND source_file_id IN (\(list))", arguments: [workID])
            if try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM work_source WHERE work_id = ?)", arguments: [workID])! {
                try deleteRecord(workID: workID)
            } else {
                try markFullTextDirty(workID)
            }
        }
        if !withdrawn.isEmpty {
            outcome.withdrawn += withdrawn.count
            let path = try String.fetchOne(db, sql: "SELECT path FROM source_file WHERE id = ?", arguments: [source]) ?? ""
            outcome.notes.append(ParseWarning(location: SourceLocation(file: path),
                message: "\(withdrawn.count) notice\(withdrawn.count == 1 ? "" : "s") of earlier \(format.rawValue) files not in this one: withdrawn"))
        }
    }

    /// Removes the lists (similar, cited-by, references, ...) this work asserted before in this
    /// format, for the lists the new record gives: a second eLink result for the same PMID
    /// asking only for cited-by leaves the similar list of the first in place, and an empty
    /// list given replaces a full one.
    func deleteAssertedLists(_ kinds: [LinkKind], of workID: Int64, format: SourceFormat) throws {
        var lists: Set<String> = []
        for kind in kinds {
            // A cited-by entry is stored as `listed work cites this work`.
            let (stored, outgoing) = kind == .citedBy ? (LinkKind.cites, false) : (kind, true)
            guard lists.insert("\(stored.rawValue) \(outgoing)").inserted else { continue }
            let statement = outgoing ? statements.deleteAssertedOutgoingList : statements.deleteAssertedIncomingList
            try statement.bind(workID).bind(format.rawValue).bind(stored.rawValue).run()
            if stored == .cites, outgoing {
                try statements.deleteUnidentifiedReferences.bind(workID).bind(format.rawValue).run()
            }
        }
    }

    func writeFields(_ fields: WorkFields, to workID: Int64, rank: Int, format: SourceFormat?, wins: Bool) throws {
        let statement = statements.updateWork.bind(wins).bind(rank).bind(format?.rawValue).bind(workID)
        fields.bind(to: statement)
        try statement.run()
    }

    /// The work's row is rebuilt from the tables at the end of the batch; a document prepared
    /// for it no longer says what they say. (Kept in the transaction's temporary tables, not in
    /// Swift, so that a record rolled back to its savepoint takes its marks with it.)
    func markFullTextDirty(_ workID: Int64) throws {
        try statements.dropReadyDocument.bind(workID).run()
        try statements.markFullTextDirty.bind(workID).run()
    }

    /// The work's headings, types, languages, abstracts or authors change: its block of flags
    /// and of first authors' keys is rewritten at the end of the batch (in a temporary table,
    /// as the dirty marks above).
    func markFlagsDirty(_ workID: Int64) throws {
        try statements.markFlagsDirty.bind(workID).run()
    }

    /// Ends the transaction's writes: the full-text rows, the affiliations' index, the dates,
    /// flags and first authors' keys of the works it changed, and the tally of works and stubs.
    mutating func finish() throws {
        try FullTextIndex.refreshDirty(in: db)
        try AffiliationIndex.refresh(in: db)
        // Works added or deleted (the date blocks' marks) and those whose collections changed.
        let added = try WorkDates.refreshStale(in: db)
        let changed = try Int64.fetchAll(db, sql: "SELECT block FROM temp.work_flags_dirty")
        let blocks = Array(Set(added + changed)).sorted()
        try WorkFlags.refresh(blocks: blocks, in: db)
        try WorkAuthorKeys.refresh(blocks: blocks, in: db)
        try db.execute(sql: "DELETE FROM temp.work_flags_dirty")
        if outcome.worksInserted != 0 || outcome.stubsGained != 0 {
            try db.execute(sql: "UPDATE tally SET n = n + CASE name WHEN 'works' THEN ? ELSE ? END WHERE name IN ('works', 'stubs')",
                           arguments: [outcome.worksInserted, outcome.stubsGained])
            outcome.worksInserted = 0
            outcome.stubsGained = 0
        }
    }
}
