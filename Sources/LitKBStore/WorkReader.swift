import GRDB
import LitKBModel

extension KnowledgeBase {
    /// The id of the work a user names, if the knowledge base holds it.
    public func workID(for identifier: WorkIdentifier) throws -> Int64? {
        try queue.read { db in try WorkReader(db: db).workID(for: identifier) }
    }

    /// Everything known about the work a user names; nil when it is not in the knowledge base.
    public func detail(for identifier: WorkIdentifier) throws -> WorkDetail? {
        try queue.read { db in
            let reader = WorkReader(db: db)
            return try reader.workID(for: identifier).flatMap { try reader.detail(of: $0) }
        }
    }

    /// Calls `body` with every work in id order, reading each table once beside the others
    /// (`WorkStream`), so that a whole knowledge base streams out without being held in memory.
    /// Stubs are included when asked.
    public func forEachWork(includingStubs: Bool, _ body: (WorkDetail) throws -> Void) throws {
        try queue.read { db in
            let graph = Graph(db: db)
            var stream = try WorkStream(db: db, includingStubs: includingStubs)
            while let rows = try stream.next() { try body(try WorkAssembly.detail(rows, graph: graph)) }
        }
    }
}

/// Reads works back into model values.
struct WorkReader {
    let db: Database

    func workID(for identifier: WorkIdentifier) throws -> Int64? {
        switch identifier {
        case .pmid(let pmid):
            return try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmid = ?", arguments: [pmid.value])
        case .pmcid(let pmcid):
            return try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmcid = ?", arguments: [pmcid.value])
                ?? Int64.fetchOne(db, sql: "SELECT work_id FROM article_id WHERE type = 'pmc' AND value = ?", arguments: [pmcid.value])
        case .doi(let doi):
            return try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE doi = ?", arguments: [doi.value])
                ?? Int64.fetchOne(db, sql: "SELECT work_id FROM article_id WHERE type = 'doi' AND value = ?", arguments: [doi.value])
        }
    }

    func detail(of id: Int64) throws -> WorkDetail? {
        guard let work = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM work WHERE id = ?"), arguments: [id]) else { return nil }
        var rows = WorkRows(work: work)
        for part in WorkPart.allCases { rows[part] = try Row.fetchAll(db.cachedStatement(sql: part.oneWorkSQL), arguments: [id]) }
        return try WorkAssembly.detail(rows, graph: Graph(db: db))
    }
}

extension String {
    /// `2020-06-04` back to the `2020 06 04` words PartialDate parses.
    var replacingDashes: String { String(map { $0 == "-" ? " " : $0 }) }
}
