import GRDB
import LitKBModel

public struct SearchHit: Hashable, Sendable {
    public var work: WorkSummary
    /// The best-matching passage, matches wrapped in the caller's highlight marks.
    public var snippet: String
    /// BM25 relevance; lower is better, as SQLite reports it.
    public var score: Double
    /// How many distinct works cite it, every source counted: given when the hits are sorted by it.
    public var citationCount: Int?
}

/// The order of search hits.
public enum SearchOrder: String, Sendable, CaseIterable {
    /// BM25, title above abstract; records above stubs.
    case relevance
    /// Most cited first (distinct citing works, from reference lists and the NIH Open Citation
    /// Collection alike), then by relevance.
    case cited
}

extension KnowledgeBase {
    /// Ranked full-text search over titles, every abstract in every language, keywords and MeSH,
    /// diacritics ignored. Title matches weigh most (BM25 weights 10 : 1 : 4 : 2). Works with
    /// their own record come before stubs known only from someone's list or reference: BM25
    /// favours short documents, and a stub is a bare title, so a reference's title would
    /// otherwise outrank the record a user ingested about the very same thing.
    public func search(_ query: SearchQuery, limit: Int = 20, order: SearchOrder = .relevance,
                       highlight: (open: String, close: String) = ("[", "]")) throws -> [SearchHit] {
        try read { db in
            // Two steps. First the page's ids: BM25 and the record-or-stub key for every match,
            // nothing else, so that summaries (four index searches each for the retracted mark)
            // and snippets (a tokenizing pass over the document each) are made for the page
            // alone, not for every match.
            var counts: [Int64: Int] = [:]
            let page: [(id: Int64, score: Double)]
            switch order {
            case .relevance: page = try pageOfRecordsFirst(db, query, limit: limit)
            case .cited:
                // Every match's count is read (index searches in proportion to its citers).
                var cited: [(id: Int64, score: Double)] = []
                try FastStatement(db, """
                    SELECT w.id, bm25(work_fts, 10.0, 1.0, 4.0, 2.0) AS score, \(Graph.citationCountSQL("w")) AS cited
                    FROM work_fts JOIN work w ON w.id = work_fts.rowid
                    WHERE work_fts MATCH ?
                    ORDER BY cited DESC, w.source_rank <= \(WorkMention.rank), score, w.id
                    LIMIT ?
                    """).bind(query.pattern).bind(limit).query { row in
                    cited.append((row.int(0), row.double(1)))
                    counts[row.int(0)] = Int(row.int(2))
                }
                page = cited
            }
            // Then the page's summaries and passages. FTS5 seeks each hit's rowid in the match's
            // doclists; but a prefix query would merge its terms' doclists again for each hit
            // (42 ms for `neuro*` at 50k records), so it is read in one pass over the match,
            // its rowids filtered (the unary + keeps SQLite from making them lookups).
            guard !page.isEmpty else { return [] }
            let ids = page.map { String($0.id) }.joined(separator: ", ")
            let scores = Dictionary(uniqueKeysWithValues: page.map { ($0.id, $0.score) })
            var hits: [Int64: SearchHit] = [:]
            try FastStatement(db, """
                SELECT \(Graph.summaryColumns),
                       snippet(work_fts, 1, ?, ?, '…', 24) AS abstract_snippet,
                       snippet(work_fts, -1, ?, ?, '…', 24) AS snippet
                FROM work_fts JOIN work w ON w.id = work_fts.rowid
                WHERE work_fts MATCH ? AND \(query.hasPrefix ? "+" : "")work_fts.rowid IN (\(ids))
                """).bind(highlight.open).bind(highlight.close).bind(highlight.open).bind(highlight.close).bind(query.pattern)
                .query { row in
                    // The passage a reader wants is from an abstract when one matches; FTS5's
                    // own choice (the column with most hits) is often the keyword list.
                    let fromAbstract = row.text(9).flatMap { $0.contains(highlight.open) ? $0 : nil }
                    let id = row.int(0)
                    hits[id] = SearchHit(work: Graph.summary(row), snippet: fromAbstract ?? row.text(10) ?? "", score: scores[id] ?? 0,
                                         citationCount: counts[id])
                }
            return page.compactMap { hits[$0.id] }
        }
    }

    /// The page's ids and scores in the order (records before stubs, BM25, id). Reading a
    /// match's record-or-stub key is a search of the work table, which costs as much as its
    /// BM25 (about 2 µs each: 0.80 s of 192,560 matches of `patients` at 1M works against
    /// 0.45 s for BM25 alone). So the best matches by BM25 alone come first; when enough of
    /// them are records, they are the page: every record further down scores worse. Only a
    /// query whose best matches are mostly stubs pays for keys of every match.
    private func pageOfRecordsFirst(_ db: Database, _ query: SearchQuery, limit: Int) throws -> [(id: Int64, score: Double)] {
        let window = limit + 200
        guard limit <= 1_000 else { return try pageByKeyOfEveryMatch(db, query, limit: limit) }
        var best: [(id: Int64, score: Double)] = []
        try FastStatement(db, """
            SELECT rowid, bm25(work_fts, 10.0, 1.0, 4.0, 2.0) AS score
            FROM work_fts WHERE work_fts MATCH ?
            ORDER BY score, rowid
            LIMIT ?
            """).bind(query.pattern).bind(window).query { best.append(($0.int(0), $0.double(1))) }
        guard !best.isEmpty else { return [] }
        var records = Set<Int64>()
        try FastStatement(db, """
            SELECT id FROM work WHERE source_rank > \(WorkMention.rank)
            AND id IN (\(best.map { String($0.id) }.joined(separator: ", ")))
            """).query { records.insert($0.int(0)) }
        // Every match was seen: records, then stubs, each in BM25 order.
        if best.count < window {
            let ordered = best.filter { records.contains($0.id) } + best.filter { !records.contains($0.id) }
            return Array(ordered.prefix(limit))
        }
        let bestRecords = best.filter { records.contains($0.id) }
        if bestRecords.count >= limit { return Array(bestRecords.prefix(limit)) }
        return try pageByKeyOfEveryMatch(db, query, limit: limit)
    }

    private func pageByKeyOfEveryMatch(_ db: Database, _ query: SearchQuery, limit: Int) throws -> [(id: Int64, score: Double)] {
        var page: [(id: Int64, score: Double)] = []
        try FastStatement(db, """
            SELECT w.id, bm25(work_fts, 10.0, 1.0, 4.0, 2.0) AS score
            FROM work_fts JOIN work w ON w.id = work_fts.rowid
            WHERE work_fts MATCH ?
            ORDER BY w.source_rank <= \(WorkMention.rank), score, w.id
            LIMIT ?
            """).bind(query.pattern).bind(limit).query { page.append(($0.int(0), $0.double(1))) }
        return page
    }

    /// How many works match `query`: FTS5 walks the match's doclists without ranking anything.
    public func searchCount(_ query: SearchQuery) throws -> Int {
        try read { db in
            var count = 0
            try FastStatement(db, "SELECT count(*) FROM work_fts WHERE work_fts MATCH ?").bind(query.pattern).query { count = Int($0.int(0)) }
            return count
        }
    }
}
