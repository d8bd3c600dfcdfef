import GRDB
import LitKBModel

public struct SearchHit: Hashable, Sendable {
    public var work: WorkSummary
    /// The best-matching passage, matches wrapped in the caller's highlight marks.
    public var snippet: String
    /// BM25 relevance; lower is better, as SQLite reports it.
    public var score: Double
}

extension KnowledgeBase {
    /// Ranked full-text search over titles, every abstract in every language, keywords and MeSH,
    /// diacritics ignored. Title matches weigh most (BM25 weights 10 : 1 : 4 : 2). Works with
    /// their own record come before stubs known only from someone's list or reference: BM25
    /// favours short documents, and a stub is a bare title, so a reference's title would
    /// otherwise outrank the record a user ingested about the very same thing.
    public func search(_ query: SearchQuery, limit: Int = 20, highlight: (open: String, close: String) = ("[", "]")) throws -> [SearchHit] {
        try read { db in
            let sql = """
                SELECT \(Graph.summaryColumns),
                       snippet(work_fts, 1, ?1, ?2, '…', 24) AS abstract_snippet,
                       snippet(work_fts, -1, ?1, ?2, '…', 24) AS snippet,
                       bm25(work_fts, 10.0, 1.0, 4.0, 2.0) AS score
                FROM work_fts JOIN work w ON w.id = work_fts.rowid
                WHERE work_fts MATCH ?3
                ORDER BY w.source_rank <= \(WorkMention.rank), score, w.id
                LIMIT ?4
                """
            return try Row.fetchAll(db, sql: sql, arguments: [highlight.open, highlight.close, query.pattern, limit]).map { row in
                // The passage a reader wants is from an abstract when one matches; FTS5's own
                // choice (the column with most hits) is often the keyword list.
                let fromAbstract: String? = row["abstract_snippet"]
                let anyColumn: String? = row["snippet"]
                let snippet = fromAbstract.flatMap { $0.contains(highlight.open) ? $0 : nil } ?? anyColumn ?? ""
                return SearchHit(work: Graph.summary(row), snippet: snippet, score: row["score"])
            }
        }
    }
}
