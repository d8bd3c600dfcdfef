import GRDB
import LitKBModel

extension KnowledgeBase {
    /// The id of the work a user names, if the knowledge base holds it.
    public func workID(for identifier: WorkIdentifier) throws -> Int64? {
        try read { db in try WorkReader(db: db).workID(for: identifier) }
    }

    /// Everything known about the work a user names; nil when it is not in the knowledge base.
    /// `readingLists` false: its similar, cited-by and reference lists are counted, not read
    /// (`WorkDetail.listCounts`), at the cost of index searches however long they are.
    public func detail(for identifier: WorkIdentifier, readingLists: Bool = true) throws -> WorkDetail? {
        try read { db in
            let reader = WorkReader(db: db)
            return try reader.workID(for: identifier).flatMap { try reader.detail(of: $0, readingLists: readingLists) }
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

    func detail(of id: Int64, readingLists: Bool = true) throws -> WorkDetail? {
        let work = try FastStatement(db, "SELECT \(WorkRow.columns) FROM work WHERE id = ?").bind(id)
        guard try work.step() else { return nil }
        let (_, rank, record) = WorkRow.decode(work)
        work.finish()
        var rows = WorkRows()
        for part in WorkPart.allCases {
            try FastStatement(db, part.oneWorkSQL).bind(id).query { part.decode($0, into: &rows) }
        }
        let graph = Graph(db: db)
        guard !readingLists else { return try WorkAssembly.detail(id: id, rank: rank, record: record, rows: rows, graph: graph) }
        // Every list absent from the presence, so none is read; their lengths counted instead.
        var detail = try WorkAssembly.detail(id: id, rank: rank, record: record, rows: rows, graph: graph, presence: try graph.noticePresence(of: id))
        detail.listCounts = try graph.listCounts(of: id)
        // As a read of the lists gives it: a stub no list described takes its citers' text.
        if WorkAssembly.isUndescribed(record, isStub: detail.isStub), detail.listCounts!.citedBy > 0 { detail.citedAs = try graph.citedAs(id) }
        return detail
    }
}

extension String {
    /// `2020-06-04` back to the `2020 06 04` words PartialDate parses.
    var replacingDashes: String { String(map { $0 == "-" ? " " : $0 }) }
}
