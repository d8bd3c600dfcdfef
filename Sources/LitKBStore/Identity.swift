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

    init(_ statement: FastStatement) {
        id = statement.int(0)
        pmid = statement.optionalInt(1)
        pmcid = statement.text(2)
        doi = statement.text(3)
        rank = Int(statement.int(4))
        version = statement.optionalInt(5)
    }


    var summary: String {
        if let pmid { return "PMID \(pmid)" }
        if let pmcid { return pmcid }
        if let doi { return "doi:\(doi)" }
        return "work #\(id)"
    }
}

enum Resolved {
    case existing(Resolution)
    /// No stored work is this one; `contested` identifiers belong to other works.
    case new(contested: [WorkIdentifier])
}

struct Resolution {
    var workID: Int64
    /// Rank of the work's fields before this write.
    var storedRank: Int
    var storedVersion: Int?
    /// The work's PMC id after this write's ids were given it.
    var storedPMCID: String?
}

extension RecordWriter {
    func lookup(_ identifier: WorkIdentifier) throws -> StoredIdentity? {
        let statement = switch identifier {
        case .pmid(let pmid): statements.workByPMID.bind(pmid.value)
        case .pmcid(let pmcid): statements.workByPMCID.bind(pmcid.value)
        case .doi(let doi): statements.workByDOI.bind(doi.value)
        }
        var found: StoredIdentity?
        try statement.query { if found == nil { found = StoredIdentity($0) } }
        return found
    }

    /// Finds the work a record or mention names; nil when it is new. Matches by PMID, PMCID or
    /// DOI; works matched by different identifiers of the same record are one work and are
    /// merged; an identifier held by a work with another PMID stays there (PubMed does reuse DOIs
    /// across PMIDs) and is reported. When no identifier finds one, a normalized title and year
    /// finds a work cited the same way, never one holding another id of a kind given (a
    /// reference to PMID 2 is not PMID 1 because both are titled "Author Correction" in 2021).
    mutating func resolve(_ ids: Identifiers, rank: Int, titleKey: String?, location: SourceLocation) throws -> Resolved {
        var matches: [StoredIdentity] = []
        var contested: [WorkIdentifier] = []
        // The identifiers in `ids.matchable` order, without building that array for each of a
        // reference list's entries.
        for identifier in [ids.pmid.map(WorkIdentifier.pmid), ids.pmcid.map(WorkIdentifier.pmcid), ids.doi.map(WorkIdentifier.doi)] {
            guard let identifier, let found = try lookup(identifier) else { continue }
            if let pmid = ids.pmid, let storedPMID = found.pmid, storedPMID != pmid.value, rank > WorkMention.rank,
               found.rank <= WorkMention.rank, identifier != .pmid(pmid) {
                // A work's own record decides its ids: a stub given this one by someone's
                // reference list (whose ids disagree with each other) gives it up, and keeps it
                // aside as what that list said.
                try release(identifier, from: found)
                outcome.notes.append(ParseWarning(location: location,
                    message: "\(identifier) was held by \(found.summary), known only from other records' lists; its own record PMID \(pmid) takes it"))
                continue
            }
            if let pmid = ids.pmid, let storedPMID = found.pmid, storedPMID != pmid.value {
                contested.append(identifier)
                outcome.notes.append(ParseWarning(location: location,
                    message: "\(identifier) already belongs to \(found.summary); kept there, not merged with PMID \(pmid)"))
                continue
            }
            if !matches.contains(where: { $0.id == found.id }) { matches.append(found) }
        }
        if matches.isEmpty, let titleKey {
            let statement = rank > WorkMention.rank ? statements.stubByTitleKey.bind(titleKey)
                : statements.workByTitleKey.bind(titleKey).bind(ids.pmid != nil).bind(ids.pmcid != nil).bind(ids.doi != nil)
            try statement.query { if matches.isEmpty { matches.append(StoredIdentity($0)) } }
        }
        if let recordWorkID, let own = matches.firstIndex(where: { $0.id == recordWorkID }) { matches.swapAt(0, own) }
        guard var primary = matches.first else { return .new(contested: contested) }
        for other in matches.dropFirst() {
            primary = try merge(other, into: primary)
            outcome.merged += 1
        }
        try assign(ids, to: &primary, rank: rank)
        return .existing(Resolution(workID: primary.id, storedRank: primary.rank, storedVersion: primary.version, storedPMCID: primary.pmcid))
    }

    /// A new work. Identifiers another work already holds are kept aside, not claimed.
    mutating func insertWork(_ ids: Identifiers, contested: [WorkIdentifier], fields: WorkFields, rank: Int, format: SourceFormat?) throws -> Int64 {
        let pmid = ids.pmid.flatMap { contested.contains(.pmid($0)) ? nil : $0.value }
        // A list's PMC id that is `PMC` + the PMID it gives is one id in both slots.
        let doubtful = rank <= WorkMention.rank && pmid != nil && ids.pmcid?.value == "PMC\(pmid!)"
        let pmcid = ids.pmcid.flatMap { contested.contains(.pmcid($0)) || doubtful ? nil : $0.value }
        let doi = ids.doi.flatMap { contested.contains(.doi($0)) ? nil : $0.value }
        if format == nil, ids.pmidVersion == nil, fields.holdsOnlyTitleKey {
            try statements.insertStub.bind(pmid).bind(pmcid).bind(doi).bind(rank).bind(fields.titleKey).run()
        } else {
            let statement = statements.insertWork.bind(pmid).bind(ids.pmidVersion).bind(pmcid).bind(doi).bind(rank).bind(format?.rawValue)
            fields.bind(to: statement)
            try statement.run()
        }
        let id = db.lastInsertedRowID
        outcome.worksInserted += 1
        if rank <= WorkMention.rank { outcome.stubsGained += 1 }
        for identifier in contested { try keepAside(identifier, for: id) }
        if doubtful, let value = ids.pmcid { try keepAside(.pmcid(value), for: id) }
        for other in ids.others {
            try statements.insertArticleID.bind(id).bind(other.type).bind(other.value).run()
        }
        return id
    }

    /// Gives the work the record's identifiers: empty ones are filled; a differing PMCID or DOI
    /// is replaced when the record ranks at least as high, and the other value kept aside.
    private mutating func assign(_ ids: Identifiers, to work: inout StoredIdentity, rank: Int) throws {
        let wins = rank >= work.rank
        // A work's own record decides its PMC id: someone's list adds none to it, only keeps it
        // aside (4 records of pubmed21n1298 took one their own XML does not give: reference
        // lists write PMIDs and PMC numbers in each other's slots). A DOI or PMID a list adds
        // to a record that lacks one still lands, so that later mentions by it find the record.
        var ids = ids
        if rank <= WorkMention.rank, work.rank > WorkMention.rank, let pmcid = ids.pmcid, work.pmcid != pmcid.value {
            try keepAside(.pmcid(pmcid), for: work.id)
            ids.pmcid = nil
        }
        if let pmid = ids.pmid, work.pmid == nil {
            try statements.setPMID.bind(pmid.value).bind(work.id).run()
            work.pmid = pmid.value
            // A list gave this work a PMC id that is `PMC` + this PMID: one id written in the
            // other's slot (publisher deposits do), not a PMC id.
            if rank <= WorkMention.rank, work.rank <= WorkMention.rank, let pmcid = work.pmcid, pmcid == "PMC\(pmid.value)" {
                try release(.pmcid(PMCID(pmcid)!), from: work)
                work.pmcid = nil
            }
        }
        if let pmcid = ids.pmcid, rank <= WorkMention.rank, let pmid = work.pmid, pmcid.value == "PMC\(pmid)" {
            try keepAside(.pmcid(pmcid), for: work.id)
        } else if let pmcid = ids.pmcid, let stored = try claim(.pmcid(pmcid), setting: statements.setPMCID, value: pmcid.value,
                                                         current: work.pmcid.flatMap { PMCID($0) }.map(WorkIdentifier.pmcid), work: work, wins: wins) {
            work.pmcid = stored
        }
        if let doi = ids.doi, let stored = try claim(.doi(doi), setting: statements.setDOI, value: doi.value,
                                                     current: work.doi.flatMap { DOI($0) }.map(WorkIdentifier.doi), work: work, wins: wins) {
            work.doi = stored
        }
        for other in ids.others {
            try statements.insertArticleID.bind(work.id).bind(other.type).bind(other.value).run()
        }
    }

    /// Puts `identifier` in the work's own column when no other work holds it and the record
    /// may replace what is there; the value it displaces, or the one it cannot place, is kept
    /// aside. Returns the value now in the column when it changed.
    private func claim(_ identifier: WorkIdentifier, setting column: FastStatement, value: String, current: WorkIdentifier?,
                       work: StoredIdentity, wins: Bool) throws -> String? {
        guard current != identifier else { return nil }
        if let holder = try lookup(identifier), holder.id != work.id {
            try keepAside(identifier, for: work.id)
            return nil
        }
        if current != nil, !wins {
            try keepAside(identifier, for: work.id)
            return nil
        }
        if let current { try keepAside(current, for: work.id) }
        try column.bind(value).bind(work.id).run()
        return value
    }

    /// A record in a format that gives a work's PMC id whenever it has one (PubMed XML, MEDLINE)
    /// gives none, for a work that was a stub: the PMC id someone's list gave it is kept aside,
    /// not as the work's own (PMID 33074435 had PMC7346704 from a reference).
    func dropListGivenPMCID(_ pmcid: String, of workID: Int64) throws {
        guard let value = PMCID(pmcid) else { return }
        try db.execute(sql: "UPDATE OR FAIL work SET pmcid = NULL WHERE id = ?", arguments: [workID])
        try keepAside(.pmcid(value), for: workID)
    }

    /// Takes `identifier` out of the stub's own column, keeping it aside with the stub.
    private func release(_ identifier: WorkIdentifier, from stub: StoredIdentity) throws {
        let column = switch identifier {
        case .pmid: "pmid"
        case .pmcid: "pmcid"
        case .doi: "doi"
        }
        try db.execute(sql: "UPDATE OR FAIL work SET \(column) = NULL WHERE id = ?", arguments: [stub.id])
        try keepAside(identifier, for: stub.id)
    }

    /// An identifier the work cannot hold in its own column (another work holds it, or a better
    /// source gave another value) is still kept with the work.
    private func keepAside(_ identifier: WorkIdentifier, for workID: Int64) throws {
        let (type, value): (String, String) = switch identifier {
        case .pmid(let pmid): ("pmid", String(pmid.value))
        case .pmcid(let pmcid): ("pmc", pmcid.value)
        case .doi(let doi): ("doi", doi.value)
        }
        try statements.insertArticleID.bind(workID).bind(type).bind(value).run()
    }
}

