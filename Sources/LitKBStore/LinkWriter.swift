import GRDB
import LitKBModel

extension RecordWriter {
    /// Stores one link of the record `workID`, creating or completing the stub it points to.
    /// `cited-by` entries become `cites` links from the listed work, asserted by this record.
    mutating func writeLink(_ link: Link, targetFields: WorkFields, of workID: Int64, format: SourceFormat, position: Int,
                            location: SourceLocation) throws {
        guard var targetID = try resolveMention(link.target, fields: targetFields, from: format, location: location) else {
            outcome.notes.append(ParseWarning(location: location,
                message: "\(link.kind) entry \(position + 1) names no work (no identifier, title or citation); skipped"))
            return
        }
        guard targetID != workID else {
            // A similar list names its own article first, as PubMed's does: nothing to say. A
            // reference to the record itself is the record's own mistake (or a merge's doing),
            // and is said.
            if link.kind == .cites {
                outcome.notes.append(ParseWarning(location: location,
                    message: "reference \(position + 1) names the record itself; a work does not cite itself, not kept as a link"))
            }
            return
        }
        let (from, to, kind) = link.kind == .citedBy ? (targetID, workID, LinkKind.cites) : (workID, targetID, link.kind)
        queueLink(kind: kind, from: from, to: to, assertedBy: workID, format: format, position: position,
                  rank: link.rank, score: link.score, citation: link.target.citation)
        for flag in link.target.flags {
            try insertFlag(flag, on: targetID, assertedBy: workID, format: format)
        }
        var noticePositions: [LinkKind: Int] = [:]
        var mergesSeen = merges.count
        for notice in link.target.notices {
            guard let noticeID = try resolveMention(notice.target, fields: WorkFields(mentioned: notice.target), from: format, location: location)
            else { continue }
            // Resolving the notice can fold the entry's work into another (the notice names, by
            // its PMID, the work that holds the entry's DOI): its notices then start there.
            for merge in merges[mergesSeen...] where merge.from == targetID { targetID = merge.into }
            mergesSeen = merges.count
            guard noticeID != targetID else { continue }
            let noticePosition = noticePositions[notice.kind, default: 0]
            noticePositions[notice.kind] = noticePosition + 1
            queueLink(kind: notice.kind, from: targetID, to: noticeID, assertedBy: workID, format: format,
                      position: noticePosition, rank: nil, score: nil, citation: notice.target.citation)
        }
    }

    /// The work a mention names, created as a stub when unknown. A stub's fields come from its
    /// mentions, the better-ranked format's first (see `SourceFormat.mentionRank`); a work with
    /// its own record keeps its fields.
    /// `fields` are `WorkFields(mentioned: mention)`, computed by the caller (for a record's
    /// links, on the parse thread: the keys of 128,000 id-less references were 15 % of the
    /// store's thread on pubmed21n1298).
    mutating func resolveMention(_ mention: WorkMention, fields: WorkFields, from format: SourceFormat,
                                 location: SourceLocation) throws -> Int64? {
        guard !mention.ids.isEmpty || fields.titleKey != nil else { return nil }
        let rank = format.mentionRank
        let id: Int64
        switch try resolve(mention.ids, rank: rank, titleKey: fields.titleKey, location: location) {
        case .existing(let resolution):
            id = resolution.workID
            if resolution.storedRank <= WorkMention.rank {
                let wins = rank >= resolution.storedRank
                if !fields.isEmpty {
                    try writeFields(fields, to: id, rank: rank, format: nil, wins: wins)
                    if fields.title != nil { try markFullTextDirty(id) }
                }
                if !mention.authors.isEmpty {
                    try markFlagsDirty(id)
                    if rank > resolution.storedRank {
                        try WorkCollections.delete(from: "affiliation", workID: id, in: db)
                        try WorkCollections.delete(from: "author", workID: id, in: db)
                    }
                    if try !statements.exists(in: "author", workID: id) { try insertAuthors(mention.authors, workID: id) }
                }
                if !mention.publicationTypes.isEmpty {
                    try markFlagsDirty(id)
                    if rank > resolution.storedRank { try WorkCollections.delete(from: "publication_type", workID: id, in: db) }
                    if try !statements.exists(in: "publication_type", workID: id) { try insertPublicationTypes(mention.publicationTypes, workID: id) }
                }
            }
        case .new(let contested):
            id = try insertWork(mention.ids, contested: contested, fields: fields, rank: rank, format: nil)
            outcome.stubsCreated += 1
            try insertAuthors(mention.authors, workID: id)
            try insertPublicationTypes(mention.publicationTypes, workID: id)
            if fields.title != nil { try markFullTextDirty(id) }
        }
        return id
    }

    /// Queues a link; `flushLinks` writes the queue. A record's links go in a few multi-row
    /// statements instead of one statement each (a reference list is most of a record's rows).
    mutating func queueLink(kind: LinkKind, from: Int64, to: Int64, assertedBy: Int64, format: SourceFormat, position: Int,
                            rank: Int?, score: Double?, citation: String?) {
        pendingLinks.append(PendingLink(kind: kind, from: from, to: to, assertedBy: assertedBy, format: format, position: position,
                                        rank: rank, score: score, citation: citation))
    }

    /// Writes the queued text references and links, in the order they were queued (the first of
    /// two equal links wins, as it did one statement at a time). Runs before anything reads or
    /// moves links: at the end of a record's links, and before a merge re-points the links of
    /// the works it folds.
    mutating func flushLinks() throws {
        if !pendingUnidentifiedReferences.isEmpty {
            try statements.insertRows(into: "unidentified_reference", "work_id, source_format, citation_key, position, citation",
                                      columnCount: 5, count: pendingUnidentifiedReferences.count) { statement, index in
                let reference = pendingUnidentifiedReferences[index]
                statement.bind(reference.workID).bind(reference.format.rawValue).bind(reference.key).bind(reference.position)
                    .bind(reference.citation)
            }
            pendingUnidentifiedReferences.removeAll(keepingCapacity: true)
        }
        guard !pendingLinks.isEmpty else { return }
        try statements.insertRows(into: "link", "kind, from_work, to_work, asserted_by, source_format, position, rank, score, citation",
                                  columnCount: 9, count: pendingLinks.count) { statement, index in
            let link = pendingLinks[index]
            statement.bind(link.kind.rawValue).bind(link.from).bind(link.to).bind(link.assertedBy).bind(link.format.rawValue)
                .bind(link.position).bind(link.rank).bind(link.score).bind(link.citation)
        }
        pendingLinks.removeAll(keepingCapacity: true)
    }

    func insertFlag(_ flag: String, on workID: Int64, assertedBy: Int64, format: SourceFormat) throws {
        try statements.insertFlag.bind(workID).bind(flag).bind(assertedBy).bind(format.rawValue).run()
    }
}

/// A link waiting in `RecordWriter.pendingLinks`.
struct PendingLink {
    var kind: LinkKind
    var from: Int64
    var to: Int64
    var assertedBy: Int64
    var format: SourceFormat
    var position: Int
    var rank: Int?
    var score: Double?
    var citation: String?
}
