import GRDB
import LitKBModel

extension RecordWriter {
    /// Stores one link of the record `workID`, creating or completing the stub it points to.
    /// `cited-by` entries become `cites` links from the listed work, asserted by this record.
    mutating func writeLink(_ link: Link, of workID: Int64, format: SourceFormat, position: Int, location: SourceLocation) throws {
        guard let targetID = try resolveMention(link.target, location: location) else {
            outcome.notes.append(ParseWarning(location: location,
                message: "\(link.kind) entry \(position + 1) names no work (no identifier, title or citation); skipped"))
            return
        }
        guard targetID != workID else { return }
        let (from, to, kind) = link.kind == .citedBy ? (targetID, workID, LinkKind.cites) : (workID, targetID, link.kind)
        try insertLink(kind: kind, from: from, to: to, assertedBy: workID, format: format, position: position,
                       rank: link.rank, score: link.score, citation: link.target.citation)
        for flag in link.target.flags {
            try insertFlag(flag, on: targetID, assertedBy: workID, format: format)
        }
        var noticePositions: [LinkKind: Int] = [:]
        for notice in link.target.notices {
            guard let noticeID = try resolveMention(notice.target, location: location), noticeID != targetID else { continue }
            let noticePosition = noticePositions[notice.kind, default: 0]
            noticePositions[notice.kind] = noticePosition + 1
            try insertLink(kind: notice.kind, from: targetID, to: noticeID, assertedBy: workID, format: format,
                           position: noticePosition, rank: nil, score: nil, citation: notice.target.citation)
        }
    }

    /// The work a mention names, created as a stub when unknown. A stub's fields come from its
    /// mentions; a work with its own record keeps its fields.
    mutating func resolveMention(_ mention: WorkMention, location: SourceLocation) throws -> Int64? {
        let fields = WorkFields(mention)
        let key = fields.titleKey ?? mention.citation.flatMap(TitleKey.citationKey)
        guard !mention.ids.isEmpty || key != nil else { return nil }
        let resolution = try resolve(mention.ids, rank: WorkMention.rank, titleKey: key, location: location)
        let id = resolution.workID
        if resolution.created {
            outcome.stubsCreated += 1
            if fields.titleKey == nil, let key {
                try db.execute(sql: "UPDATE work SET title_key = ? WHERE id = ?", arguments: [key, id])
            }
        }
        if resolution.storedRank <= WorkMention.rank {
            try writeFields(fields, to: id, rank: WorkMention.rank, format: nil, wins: true)
            let hasAuthors = try !resolution.created && (Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM author WHERE work_id = ?)", arguments: [id]) ?? false)
            if !hasAuthors { try insertAuthors(mention.authors, workID: id) }
            let hasTypes = try !resolution.created && (Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM publication_type WHERE work_id = ?)", arguments: [id]) ?? false)
            if !hasTypes { try insertPublicationTypes(mention.publicationTypes, workID: id) }
            if mention.title != nil { fullTextDirty.insert(id) }
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO work_source (work_id, source_file_id, role) VALUES (?, ?, 'mention')")
            .execute(arguments: [id, source])
        return id
    }

    func insertLink(kind: LinkKind, from: Int64, to: Int64, assertedBy: Int64, format: SourceFormat, position: Int,
                    rank: Int?, score: Double?, citation: String?) throws {
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO link (kind, from_work, to_work, asserted_by, source_format, position, rank, score, citation)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [kind.rawValue, from, to, assertedBy, format.rawValue, position, rank, score, citation])
    }

    func insertFlag(_ flag: String, on workID: Int64, assertedBy: Int64, format: SourceFormat) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO work_flag (work_id, flag, asserted_by, source_format) VALUES (?, ?, ?, ?)")
            .execute(arguments: [workID, flag, assertedBy, format.rawValue])
    }
}
