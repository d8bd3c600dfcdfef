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

/// The order of search hits. Each puts records above stubs after its own key, then relevance.
public enum SearchOrder: String, Sendable, CaseIterable {
    /// BM25, title above abstract; records above stubs.
    case relevance
    /// Most cited first (distinct citing works, from reference lists and the NIH Open Citation
    /// Collection alike), then by relevance.
    case cited
    /// Newest publication date (else electronic publication date) first; works without one last.
    case pubdate
    /// By the first author's family name (a group author's name), A to Z; works without authors last.
    case firstAuthor = "first-author"
    /// By journal (its abbreviation, else its title), A to Z; works without one last.
    case journal

    /// The ORDER BY key of the order, over the work `w`, before records-first and relevance.
    var key: String? {
        switch self {
        case .relevance: nil
        case .cited: "\(Graph.citationCountSQL("w")) DESC"
        case .pubdate:
            "\(SearchFilter.yearSQL) IS NULL, \(SearchFilter.yearSQL) DESC, "
                + "CASE WHEN w.year IS NOT NULL THEN coalesce(w.month, 0) ELSE CAST(substr(w.epub_date, 6, 2) AS INTEGER) END DESC, "
                + "CASE WHEN w.year IS NOT NULL THEN coalesce(w.day, 0) ELSE CAST(substr(w.epub_date, 9, 2) AS INTEGER) END DESC"
        case .firstAuthor:
            "(SELECT coalesce(family, collective) FROM author WHERE work_id = w.id ORDER BY position LIMIT 1) IS NULL, "
                + "(SELECT coalesce(family, collective) FROM author WHERE work_id = w.id ORDER BY position LIMIT 1) COLLATE NOCASE"
        case .journal: "coalesce(w.journal_abbrev, w.journal_title) IS NULL, coalesce(w.journal_abbrev, w.journal_title) COLLATE NOCASE"
        }
    }
}

/// Which matches a search keeps, beside its words: PubMed's filters.
public struct SearchFilter: Hashable, Sendable {
    /// Publication years (else electronic publication years), inclusive.
    public var years: ClosedRange<Int>?
    /// Publication types, any of them, any case (`review`, `Randomized Controlled Trial`).
    public var publicationTypes: [String] = []
    /// Languages of the article, ISO 639-2 codes, any of them (`ger`, `eng`).
    public var languages: [String] = []
    public var hasAbstract = false
    /// Only retracted works (true) or none (false); a reinstated work is not retracted.
    public var retracted: Bool?

    public init(years: ClosedRange<Int>? = nil, publicationTypes: [String] = [], languages: [String] = [], hasAbstract: Bool = false,
                retracted: Bool? = nil) {
        self.years = years
        self.publicationTypes = publicationTypes
        self.languages = languages
        self.hasAbstract = hasAbstract
        self.retracted = retracted
    }

    public var isEmpty: Bool { self == SearchFilter() }

    /// The work's year of publication, else of electronic publication: PubMed's publication
    /// date [dp] is either, and a work known only ahead of print (the seed page) has only the second.
    static let yearSQL = "coalesce(w.year, CAST(substr(w.epub_date, 1, 4) AS INTEGER))"

    /// The filter as SQL conditions on the work `w`, with their arguments in order: each an
    /// index search for the one work.
    var sql: (conditions: [String], arguments: [String]) {
        var conditions: [String] = [], arguments: [String] = []
        if let years { conditions.append("\(Self.yearSQL) BETWEEN \(years.lowerBound) AND \(years.upperBound)") }
        if !publicationTypes.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM publication_type WHERE work_id = w.id AND lower(name) IN (\(placeholders(publicationTypes.count))))")
            arguments += publicationTypes.map { $0.lowercased() }
        }
        if !languages.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM work_language WHERE work_id = w.id AND lower(language) IN (\(placeholders(languages.count))))")
            arguments += languages.map { $0.lowercased() }
        }
        if hasAbstract { conditions.append("EXISTS (SELECT 1 FROM abstract WHERE work_id = w.id)") }
        if let retracted { conditions.append("\(retracted ? "" : "NOT ")coalesce(\(Graph.statusSQL("w.id")) = 'retracted', 0)") }
        return (conditions, arguments)
    }

    private func placeholders(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}

extension KnowledgeBase {
    /// Ranked full-text search over titles, every abstract in every language, keywords and MeSH,
    /// diacritics ignored. Title matches weigh most (BM25 weights 10 : 1 : 4 : 2). Works with
    /// their own record come before stubs known only from someone's list or reference: BM25
    /// favours short documents, and a stub is a bare title, so a reference's title would
    /// otherwise outrank the record a user ingested about the very same thing.
    public func search(_ query: SearchQuery, limit: Int = 20, offset: Int = 0, order: SearchOrder = .relevance,
                       filter: SearchFilter = SearchFilter(), highlight: (open: String, close: String) = ("[", "]")) throws -> [SearchHit] {
        try read { db in
            // Two steps. First the page's ids: BM25 and the record-or-stub key for every match,
            // nothing else, so that summaries (four index searches each for the retracted mark)
            // and snippets (a tokenizing pass over the document each) are made for the page
            // alone, not for every match.
            var counts: [Int64: Int] = [:]
            let page: [(id: Int64, score: Double)]
            if order == .relevance, filter.isEmpty, offset == 0 {
                page = try pageOfRecordsFirst(db, query, limit: limit)
            } else {
                // Every match is read with its filter conditions and sort key (index searches for
                // each), so the cost follows the number of matches.
                let (conditions, arguments) = filter.sql
                var ordered: [(id: Int64, score: Double)] = []
                let statement = try FastStatement(db, """
                    SELECT w.id, bm25(work_fts, 10.0, 1.0, 4.0, 2.0) AS score, \(order == .cited ? Graph.citationCountSQL("w") : "NULL")
                    FROM work_fts JOIN work w ON w.id = work_fts.rowid
                    WHERE work_fts MATCH ?\(conditions.map { " AND " + $0 }.joined())
                    ORDER BY \(order.key.map { $0 + ", " } ?? "")w.source_rank <= \(WorkMention.rank), score, w.id
                    LIMIT ? OFFSET ?
                    """).bind(query.pattern)
                for argument in arguments { statement.bind(argument) }
                try statement.bind(limit).bind(offset).query { row in
                    ordered.append((row.int(0), row.double(1)))
                    if order == .cited { counts[row.int(0)] = Int(row.int(2)) }
                }
                page = ordered
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
    public func searchCount(_ query: SearchQuery, filter: SearchFilter = SearchFilter()) throws -> Int {
        try read { db in
            var count = 0
            guard !filter.isEmpty else {
                try FastStatement(db, "SELECT count(*) FROM work_fts WHERE work_fts MATCH ?").bind(query.pattern).query { count = Int($0.int(0)) }
                return count
            }
            let (conditions, arguments) = filter.sql
            let statement = try FastStatement(db, """
                SELECT count(*) FROM work_fts JOIN work w ON w.id = work_fts.rowid
                WHERE work_fts MATCH ?\(conditions.map { " AND " + $0 }.joined())
                """).bind(query.pattern)
            for argument in arguments { statement.bind(argument) }
            try statement.query { count = Int($0.int(0)) }
            return count
        }
    }
}

/// What `search --explain` prints: the query as litkb understood it, each term with its field
/// and the number of works it matches alone in this knowledge base, and the whole query's.
public struct SearchExplanation: Sendable {
    public struct Line: Sendable {
        public var term: SearchQuery.Term
        /// OR: the term is an alternative to the one before it.
        public var alternative: Bool
        public var excluded: Bool
        public var count: Int
    }

    /// The FTS5 query the words compile to.
    public var pattern: String
    public var lines: [Line]
    /// Works the words match, before the filters.
    public var matches: Int
    /// Works the whole search matches, filters included.
    public var total: Int
}

extension KnowledgeBase {
    public func explain(_ query: SearchQuery, filter: SearchFilter = SearchFilter()) throws -> SearchExplanation {
        func count(_ pattern: String) throws -> Int {
            try read { db in
                var count = 0
                try FastStatement(db, "SELECT count(*) FROM work_fts WHERE work_fts MATCH ?").bind(pattern).query { count = Int($0.int(0)) }
                return count
            }
        }
        var lines: [SearchExplanation.Line] = []
        for group in query.required {
            for (index, term) in group.enumerated() {
                lines.append(.init(term: term, alternative: index > 0, excluded: false, count: try count(term.fts)))
            }
        }
        for term in query.excluded {
            lines.append(.init(term: term, alternative: false, excluded: true, count: try count(term.fts)))
        }
        return SearchExplanation(pattern: query.pattern, lines: lines, matches: try searchCount(query),
                                 total: try searchCount(query, filter: filter))
    }
}
