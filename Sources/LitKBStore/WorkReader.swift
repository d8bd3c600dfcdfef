import GRDB
import LitKBModel

extension KnowledgeBase {
    /// The id of the work a user names, if the knowledge base holds it.
    public func workID(for identifier: WorkIdentifier) throws -> Int64? {
        try read { db in try WorkReader(db: db).workID(for: identifier) }
    }

    /// Everything known about the work a user names; nil when it is not in the knowledge base.
    public func detail(for identifier: WorkIdentifier) throws -> WorkDetail? {
        try read { db in
            let reader = WorkReader(db: db)
            return try reader.workID(for: identifier).flatMap { try reader.detail(of: $0) }
        }
    }

    /// Calls `body` with every work in id order, reading each table once beside the others
    /// (`WorkStream`), so that a whole knowledge base streams out without being held in memory.
    /// Stubs are included when asked.
    public func forEachWork(includingStubs: Bool, _ body: (WorkDetail) throws -> Void) throws {
        try read { db in
            var stream = try WorkStream(db: db, includingStubs: includingStubs)
            while let detail = try stream.next() { try body(detail) }
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
        let work = try FastStatement(db, "SELECT \(WorkRow.columns) FROM work WHERE id = ?").bind(id)
        guard try work.step() else { return nil }
        let (_, rank, record) = WorkRow.decode(work)
        work.finish()
        var rows = WorkRows()
        for part in WorkPart.allCases {
            try FastStatement(db, part.oneWorkSQL).bind(id).query { part.decode($0, into: &rows) }
        }
        return try WorkAssembly.detail(id: id, rank: rank, record: record, rows: rows, graph: Graph(db: db))
    }
}

extension String {
    /// `2020-06-04` back to the `2020 06 04` words PartialDate parses.
    var replacingDashes: String { String(map { $0 == "-" ? " " : $0 }) }
}
