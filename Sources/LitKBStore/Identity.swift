import GRDB
import LitKBModel

/// A work's identity as stored.
struct StoredIdentity {
    var id: Int64
    var pmid: Int?
    var pmcid: String?
    var doi: String?
    var rank: Int
    var version: Int?

    init(row: Row) {
        id = row[0]
        pmid = row[1]
        pmcid = row[2]
        doi = row[3]
        rank = row[4]
        version = row[5]
    }

    var summary: String {
        if let pmid { return "PMID \(pmid)" }
        if let pmcid { return pmcid }
        if let doi { return "doi:\(doi)" }
        return "work #\(id)"
    }
}

struct Resolution {
    var workID: Int64
    var created: Bool
    /// Rank of the work's fields before this write (0 for a new work).
    var storedRank: Int
    var storedVersion: Int?
}

extension RecordWriter {
    private static let identitySelect = "SELECT id, pmid, pmcid, doi, source_rank, pmid_version FROM work"

    func lookup(_ identifier: WorkIdentifier) throws -> StoredIdentity? {
        let row: Row?
        switch identifier {
        case .pmid(let pmid):
            row = try Row.fetchOne(db.cachedStatement(sql: Self.identitySelect + " WHERE pmid = ?"), arguments: [pmid.value])
        case .pmcid(let pmcid):
            row = try Row.fetchOne(db.cachedStatement(sql: Self.identitySelect + " WHERE pmcid = ?"), arguments: [pmcid.value])
        case .doi(let doi):
            row = try Row.fetchOne(db.cachedStatement(sql: Self.identitySelect + " WHERE doi = ?"), arguments: [doi.value])
        }
        return row.map(StoredIdentity.init(row:))
    }

    /// Finds the work a record or mention names. Matches by PMID, PMCID or DOI; works matched
    /// by different identifiers of the same record are one work and are merged; an identifier
    /// held by a work with another PMID stays there (PubMed does reuse DOIs across PMIDs) and is
    /// reported. Without identifiers, a normalized title and year finds a work cited the same way.
    mutating func resolve(_ ids: Identifiers, rank: Int, titleKey: String?, location: SourceLocation) throws -> Resolution {
        var matches: [StoredIdentity] = []
        var contested: [WorkIdentifier] = []
        for identifier in ids.matchable {
            guard let found = try lookup(identifier) else { continue }
            if let pmid = ids.pmid, let storedPMID = found.pmid, storedPMID != pmid.value {
                contested.append(identifier)
                outcome.notes.append(ParseWarning(location: location,
                    message: "\(identifier) already belongs to \(found.summary); kept there, not merged with PMID \(pmid)"))
                continue
            }
            if !matches.contains(where: { $0.id == found.id }) { matches.append(found) }
        }
        if matches.isEmpty, let titleKey, let found = try lookupTitleKey(titleKey, adoptingStubsOnly: rank > WorkMention.rank) {
            matches.append(found)
        }

        guard var primary = matches.first else {
            let id = try insertWork(ids, excluding: contested)
            return Resolution(workID: id, created: true, storedRank: 0, storedVersion: nil)
        }
        for other in matches.dropFirst() {
            primary = try merge(other, into: primary)
            outcome.merged += 1
        }
        try assign(ids, excluding: contested, to: &primary, rank: rank)
        return Resolution(workID: primary.id, created: false, storedRank: primary.rank, storedVersion: primary.version)
    }

    private func lookupTitleKey(_ key: String, adoptingStubsOnly: Bool) throws -> StoredIdentity? {
        let sql = adoptingStubsOnly
            ? Self.identitySelect + " WHERE title_key = ? AND pmid IS NULL AND pmcid IS NULL AND doi IS NULL AND source_rank <= \(WorkMention.rank) LIMIT 1"
            : Self.identitySelect + " WHERE title_key = ? LIMIT 1"
        return try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [key]).map(StoredIdentity.init(row:))
    }

    private mutating func insertWork(_ ids: Identifiers, excluding contested: [WorkIdentifier]) throws -> Int64 {
        let pmid = ids.pmid.flatMap { contested.contains(.pmid($0)) ? nil : $0.value }
        let pmcid = ids.pmcid.flatMap { contested.contains(.pmcid($0)) ? nil : $0.value }
        let doi = ids.doi.flatMap { contested.contains(.doi($0)) ? nil : $0.value }
        try db.cachedStatement(sql: "INSERT INTO work (pmid, pmid_version, pmcid, doi, source_rank) VALUES (?, ?, ?, ?, 0)")
            .execute(arguments: [pmid, ids.pmidVersion, pmcid, doi])
        let id = db.lastInsertedRowID
        for identifier in contested {
            try keepAside(identifier, for: id)
        }
        for other in ids.others {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_id (work_id, type, value) VALUES (?, ?, ?)")
                .execute(arguments: [id, other.type, other.value])
        }
        return id
    }

    /// Gives the work the record's identifiers: empty ones are filled; a differing PMCID or DOI
    /// is replaced when the record ranks at least as high, and the other value kept aside.
    private mutating func assign(_ ids: Identifiers, excluding contested: [WorkIdentifier], to work: inout StoredIdentity, rank: Int) throws {
        let wins = rank >= work.rank
        if let pmid = ids.pmid, work.pmid == nil {
            try db.execute(sql: "UPDATE work SET pmid = ? WHERE id = ?", arguments: [pmid.value, work.id])
            work.pmid = pmid.value
        }
        if let pmcid = ids.pmcid, !contested.contains(.pmcid(pmcid)), work.pmcid != pmcid.value {
            if let old = work.pmcid, !wins {
                _ = old
                try keepAside(.pmcid(pmcid), for: work.id)
            } else {
                if let old = work.pmcid, let oldID = PMCID(old) { try keepAside(.pmcid(oldID), for: work.id) }
                try db.execute(sql: "UPDATE work SET pmcid = ? WHERE id = ?", arguments: [pmcid.value, work.id])
                work.pmcid = pmcid.value
            }
        }
        if let doi = ids.doi, !contested.contains(.doi(doi)), work.doi != doi.value {
            if work.doi != nil, !wins {
                try keepAside(.doi(doi), for: work.id)
            } else {
                if let old = work.doi, let oldID = DOI(old) { try keepAside(.doi(oldID), for: work.id) }
                try db.execute(sql: "UPDATE work SET doi = ? WHERE id = ?", arguments: [doi.value, work.id])
                work.doi = doi.value
            }
        }
        for identifier in contested {
            try keepAside(identifier, for: work.id)
        }
        for other in ids.others {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_id (work_id, type, value) VALUES (?, ?, ?)")
                .execute(arguments: [work.id, other.type, other.value])
        }
    }

    /// An identifier the work cannot hold in its own column (another work holds it, or a better
    /// source gave another value) is still kept with the work.
    private func keepAside(_ identifier: WorkIdentifier, for workID: Int64) throws {
        let (type, value): (String, String) = switch identifier {
        case .pmid(let pmid): ("pmid", String(pmid.value))
        case .pmcid(let pmcid): ("pmc", pmcid.value)
        case .doi(let doi): ("doi", doi.value)
        }
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO article_id (work_id, type, value) VALUES (?, ?, ?)")
            .execute(arguments: [workID, type, value])
    }
}
