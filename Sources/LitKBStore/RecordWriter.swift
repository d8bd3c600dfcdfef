import GRDB
import LitKBModel

/// Writes records into one open transaction: resolves identity, merges, fills fields by source
/// rank, replaces what the record asserted before, and keeps the full-text index in step.
struct RecordWriter {
    let db: Database
    let source: Int64
    var outcome = BatchOutcome()
    /// Works whose full-text row must be rebuilt before the transaction ends.
    var fullTextDirty: Set<Int64> = []

    init(db: Database, source: Int64) {
        self.db = db
        self.source = source
    }

    mutating func write(_ record: WorkRecord, location: SourceLocation) throws {
        let rank = record.format.rank
        let fields = WorkFields(record)
        let resolution = try resolve(record.ids, rank: rank, titleKey: fields.titleKey, location: location)
        let workID = resolution.workID

        if let version = record.ids.pmidVersion, let stored = resolution.storedVersion, stored > version,
           resolution.storedRank == rank {
            outcome.olderVersionsSkipped += 1
            outcome.notes.append(ParseWarning(location: location,
                message: "version \(version) skipped: version \(stored) of PMID \(record.ids.pmid.map(String.init(describing:)) ?? "?") is already stored"))
            return
        }

        if resolution.created || resolution.storedRank <= WorkMention.rank {
            outcome.added += 1
        } else {
            outcome.updated += 1
        }

        let wins = rank >= resolution.storedRank
        try writeFields(fields, to: workID, rank: rank, format: record.format, wins: wins)
        if let version = record.ids.pmidVersion, wins {
            try db.execute(sql: "UPDATE work SET pmid_version = ? WHERE id = ?", arguments: [version, workID])
        }
        try writeCollections(of: record, to: workID, rank: rank, storedRank: resolution.storedRank, isNew: resolution.created)

        // What this record said before, in this format, is replaced by what it says now.
        try db.execute(sql: "DELETE FROM link WHERE asserted_by = ? AND source_format = ?", arguments: [workID, record.format.rawValue])
        try db.execute(sql: "DELETE FROM work_flag WHERE asserted_by = ? AND source_format = ?", arguments: [workID, record.format.rawValue])
        try db.execute(sql: "DELETE FROM uninterpreted WHERE work_id = ? AND source_format = ?", arguments: [workID, record.format.rawValue])

        for flag in record.flags {
            try insertFlag(flag, on: workID, assertedBy: workID, format: record.format)
        }
        var positions: [LinkKind: Int] = [:]
        for link in record.links {
            let position = positions[link.kind, default: 0]
            positions[link.kind] = position + 1
            try writeLink(link, of: workID, format: record.format, position: position, location: location)
        }
        for item in record.uninterpreted {
            try db.cachedStatement(sql: "INSERT INTO uninterpreted (work_id, source_format, section, line, text) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [workID, record.format.rawValue, item.section, item.line, item.text])
        }
        try db.cachedStatement(sql: """
            INSERT INTO work_source (work_id, source_file_id, role, record_ordinal) VALUES (?, ?, 'record', ?)
            ON CONFLICT DO UPDATE SET record_ordinal = excluded.record_ordinal
            """).execute(arguments: [workID, source, location.record])
        fullTextDirty.insert(workID)
    }

    /// Turns a stored record back into a stub: its fields and what it asserted go, its
    /// identifiers and the links others hold to it stay.
    mutating func deleteRecord(pmid: PMID, location: SourceLocation) throws {
        guard let workID = try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmid = ?", arguments: [pmid.value]) else {
            outcome.notes.append(ParseWarning(location: location, message: "DeleteCitation: PMID \(pmid) is not in the knowledge base"))
            return
        }
        for table in WorkCollections.tables {
            try db.execute(sql: "DELETE FROM \(table) WHERE work_id = ?", arguments: [workID])
        }
        try db.execute(sql: "DELETE FROM link WHERE asserted_by = ?", arguments: [workID])
        try db.execute(sql: "DELETE FROM work_flag WHERE asserted_by = ?", arguments: [workID])
        try db.execute(sql: "DELETE FROM uninterpreted WHERE work_id = ?", arguments: [workID])
        try db.execute(sql: "DELETE FROM work_source WHERE work_id = ? AND role = 'record'", arguments: [workID])
        let cleared = WorkFields.columns.map { "\($0) = NULL" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE work SET \(cleared), source_rank = ?, source_format = NULL WHERE id = ?",
                       arguments: [WorkMention.rank, workID])
        outcome.deleted += 1
        outcome.notes.append(ParseWarning(location: location, message: "deleted PMID \(pmid) (DeleteCitation); links to it kept"))
        fullTextDirty.insert(workID)
    }

    // MARK: Fields

    /// Scalar fields: a source that ranks at least as high as the stored one overwrites what it
    /// has; a lower one only fills what is empty. The date is one unit, never mixed from two sources.
    func writeFields(_ fields: WorkFields, to workID: Int64, rank: Int, format: SourceFormat?, wins: Bool) throws {
        let statement = try db.cachedStatement(sql: WorkFields.updateSQL)
        var arguments: [(any DatabaseValueConvertible)?] = [wins, rank, format?.rawValue, workID]
        arguments += fields.values
        try statement.execute(arguments: StatementArguments(arguments))
    }

    mutating func refreshFullText() throws {
        for workID in fullTextDirty.sorted() {
            try FullTextIndex.refresh(workID, in: db)
        }
        fullTextDirty.removeAll()
    }
}
