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
    /// Newest Entrez date first (when PubMed added the record); works without one last.
    case dateAdded = "date-added"

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
        case .dateAdded: "w.entrez_date IS NULL, w.entrez_date DESC"
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

    /// The filter as PubMed terms to add to a query (` AND 2015:2020[dp] NOT retracted[sb]`): a
    /// search's history entry is then a query of its own, the query the search itself ran.
    public var pubMedTerms: String {
        var terms = ""
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "") + "\"" }
        func any(_ values: [String], _ tag: String) -> String {
            let each = values.map { "\(quoted($0))[\(tag)]" }
            return each.count == 1 ? each[0] : "(" + each.joined(separator: " OR ") + ")"
        }
        if let years { terms += " AND " + (years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound):\(years.upperBound)") + "[dp]" }
        if !publicationTypes.isEmpty { terms += " AND " + any(publicationTypes, "pt") }
        if !languages.isEmpty { terms += " AND " + any(languages, "la") }
        if hasAbstract { terms += " AND hasabstract[sb]" }
        if let retracted { terms += retracted ? " AND retracted[sb]" : " NOT retracted[sb]" }
        return terms
    }

    /// The work's year of publication, else of electronic publication: PubMed's publication
    /// date [dp] is either, and a work known only ahead of print (the seed page) has only the second.
    static let yearSQL = "coalesce(w.year, CAST(substr(w.epub_date, 1, 4) AS INTEGER))"

    /// The filter as SQL conditions on the work `w`, with their arguments in order: each an
    /// index search for the one work. Only the statement of every match reads them (the tests'
    /// reference); a search ANDs the filter's PubMed terms to its query (`SearchQuery.filtered`).
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
        if !filter.isEmpty {
            return try search(query.filtered(by: filter), limit: limit, offset: offset, order: order, highlight: highlight)
        }
        return try read { db in
            // Two steps. First the page's ids: BM25 and the record-or-stub key for every match,
            // nothing else, so that summaries (four index searches each for the retracted mark)
            // and snippets (a tokenizing pass over the document each) are made for the page
            // alone, not for every match.
            var counts: [Int64: Int] = [:]
            let page: [(id: Int64, score: Double)]
            if let pattern = query.pattern, order == .relevance, offset == 0 {
                page = try pageOfRecordsFirst(db, pattern, limit: limit) ?? pageByKeyOfEveryMatch(db, pattern, limit: limit)
            } else if order == .pubdate || (order == .relevance && query.pattern == nil && query.rankPattern == nil),
                      let newest = try Self.pageNewestFirst(db, query, limit: limit, offset: offset) {
                page = newest
            } else if query.pattern == nil, query.rankPattern == nil, order != .cited {
                page = try Self.page(db, of: QuerySet(db).works(query.root), order: order, limit: limit, offset: offset)
            } else if query.pattern == nil, let rankPattern = query.rankPattern, order == .relevance, offset == 0,
                      let ranked = try pageOfRecordsFirst(db, rankPattern, within: QuerySet(db).works(query.root), limit: limit) {
                page = ranked
            } else {
                // Every match is read with its sort key (index searches for each), so the cost
                // follows the number of matches.
                var ordered: [(id: Int64, score: Double)] = []
                let statement = try Self.everyMatchStatement(db, query, order: order, filter: SearchFilter())
                try statement.bind(limit).bind(offset).query { row in
                    ordered.append((row.int(0), row.double(1)))
                    if order == .cited { counts[row.int(0)] = Int(row.int(2)) }
                }
                page = ordered
            }
            guard !page.isEmpty else { return [] }
            let ids = page.map { String($0.id) }.joined(separator: ", ")
            var summaries: [Int64: WorkSummary] = [:]
            try FastStatement(db, "SELECT \(Graph.summaryColumns) FROM work w WHERE w.id IN (\(ids))").query { row in
                summaries[row.int(0)] = Graph.summary(row)
            }
            // Then the page's passages. FTS5 seeks each hit's rowid in the match's doclists; but
            // a prefix query would merge its terms' doclists again for each hit (42 ms for
            // `neuro*` at 50k records), so it is read in one pass over the match, its rowids
            // filtered (the unary + keeps SQLite from making them lookups).
            var snippets: [Int64: String] = [:]
            if let pattern = query.pattern ?? query.rankPattern {
                try FastStatement(db, """
                    SELECT rowid, snippet(work_fts, 1, ?, ?, '…', 24), snippet(work_fts, -1, ?, ?, '…', 24)
                    FROM work_fts WHERE work_fts MATCH ? AND \(query.hasPrefix ? "+" : "")rowid IN (\(ids))
                    """).bind(highlight.open).bind(highlight.close).bind(highlight.open).bind(highlight.close).bind(pattern)
                    .query { row in
                        // The passage a reader wants is from an abstract when one matches; FTS5's
                        // own choice (the column with most hits) is often the keyword list.
                        let fromAbstract = row.text(1).flatMap { $0.contains(highlight.open) ? $0 : nil }
                        snippets[row.int(0)] = fromAbstract ?? row.text(2) ?? ""
                    }
            }
            return page.compactMap { entry in
                summaries[entry.id].map {
                    SearchHit(work: $0, snippet: snippets[entry.id] ?? "", score: entry.score, citationCount: counts[entry.id])
                }
            }
        }
    }

    /// The ORDER BY key that puts works with their own record before stubs (false sorts first).
    static let stubsLast = "w.source_rank <= \(WorkMention.rank)"

    /// Every match of `query` that passes `filter`, in `order`, then records before stubs,
    /// relevance and id; binds the query's values and leaves LIMIT and OFFSET to bind. Columns:
    /// id, BM25 (0 for a work no full-text term ranks), citation count when sorted by it.
    static func everyMatchStatement(_ db: Database, _ query: SearchQuery, order: SearchOrder, filter: SearchFilter) throws -> FastStatement {
        let (conditions, filterArguments) = filter.sql
        let citations = order == .cited ? Graph.citationCountSQL("w") : "NULL"
        if let pattern = query.pattern {
            let statement = try FastStatement(db, """
                SELECT w.id, \(FullTextRank.sql) AS score, \(citations)
                FROM work_fts JOIN work w ON w.id = work_fts.rowid
                WHERE work_fts MATCH ?\(conditions.map { " AND " + $0 }.joined())
                ORDER BY \(order.key.map { $0 + ", " } ?? "")\(Self.stubsLast), score, w.id
                LIMIT ? OFFSET ?
                """).bind(pattern)
            for argument in filterArguments { statement.bind(argument) }
            return statement
        }
        // Structured terms: the tree's set of ids, ranked by its full-text terms when it has
        // any (BM25 of each of their matches, read once), else newest first, as PubMed lists a
        // search without words.
        let matches = try QuerySQL.set(query.root)
        let key = order.key ?? (query.rankPattern == nil ? SearchOrder.pubdate.key : nil)
        let rank = query.rankPattern.map { _ in
            "WITH rank AS MATERIALIZED (SELECT rowid AS id, \(FullTextRank.sql) AS score FROM work_fts WHERE work_fts MATCH ?) "
        } ?? ""
        let statement = try FastStatement(db, """
            \(rank)SELECT w.id, \(query.rankPattern == nil ? "0.0" : "coalesce(r.score, 0.0)") AS score, \(citations)
            FROM (\(matches.sql)) s JOIN work w ON w.id = s.id\(query.rankPattern == nil ? "" : " LEFT JOIN rank r ON r.id = w.id")
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY \(key.map { $0 + ", " } ?? "")\(Self.stubsLast), score, w.id
            LIMIT ? OFFSET ?
            """)
        if let rankPattern = query.rankPattern { statement.bind(rankPattern) }
        matches.bind(to: statement)
        for argument in filterArguments { statement.bind(argument) }
        return statement
    }

    /// Works a search without words must match before its page is put in order from the date
    /// blocks (by first author, the keys' blocks) rather than by sorting them all (a variable
    /// for the tests).
    nonisolated(unsafe) static var newestFirstThreshold = 1_000

    /// The page of a search newest first (PubMed's order for one without words): its works held
    /// in memory (`QuerySet`), and when there are many, their dates read from the date blocks
    /// (`WorkDates`) to find those the page can hold, and only those sorted by the whole key
    /// (then, for a search with words, by their BM25). Sorting every match read each one's work
    /// row for its date (`humans[mh]`, 356,700 works at 1M records: 229 ms). When the blocks
    /// cannot be read, or the page is past the dated works (the undated come last), every match
    /// is sorted: here for a search without words; for one with words nil, left to the caller.
    static func pageNewestFirst(_ db: Database, _ query: SearchQuery, limit: Int, offset: Int) throws -> [(id: Int64, score: Double)]? {
        guard limit > 0 else { return nil }
        let matches = try QuerySet(db).works(query.root)
        let count = matches.count
        guard count > 0 else { return [] }
        let words = query.pattern ?? query.rankPattern
        guard count >= newestFirstThreshold, let candidates = try WorkDates.newest(of: matches, through: limit + offset, db) else {
            return words == nil ? try page(db, of: matches, order: .pubdate, limit: limit, offset: offset) : nil
        }
        // BM25 breaks ties of date and kind, as in the sort of every match; 0 for a work the
        // words do not match (one found by a fielded term alone). A prefix query's rowids are
        // filtered in one pass over its match, as for snippets below.
        let rank = words == nil ? "" : """
             LEFT JOIN (SELECT rowid AS id, \(FullTextRank.sql) AS score FROM work_fts
                        WHERE work_fts MATCH ?2 AND \(query.hasPrefix ? "+" : "")rowid IN (SELECT value FROM json_each(?1))) r ON r.id = w.id
            """
        var page: [(id: Int64, score: Double)] = []
        let statement = try FastStatement(db, """
            SELECT w.id, \(words == nil ? "0.0" : "coalesce(r.score, 0.0)") AS score FROM json_each(?1) j JOIN work w ON w.id = j.value\(rank)
            ORDER BY \(SearchOrder.pubdate.key!), \(Self.stubsLast), score, w.id
            LIMIT ? OFFSET ?
            """).bind(WorkIDSet.jsonArray(candidates))
        if let words { statement.bind(words) }
        try statement.bind(limit).bind(offset).query { page.append(($0.int(0), $0.double(1))) }
        return page
    }

    /// A page of the works of `matches` in `order` (then records before stubs, then id), the
    /// whole set sorted: each work's row read for its key. By first author, when there are
    /// many, only the works whose key in the blocks can reach the page are (`WorkAuthorKeys`).
    static func page(_ db: Database, of matches: WorkIDSet, order: SearchOrder, limit: Int, offset: Int) throws -> [(id: Int64, score: Double)] {
        var ids = matches.ids
        if order == .firstAuthor, ids.count >= newestFirstThreshold, limit > 0,
           let candidates = try WorkAuthorKeys.first(of: ids, through: limit + offset, db) {
            ids = candidates
        }
        var page: [(id: Int64, score: Double)] = []
        try FastStatement(db, """
            SELECT w.id FROM json_each(?) j JOIN work w ON w.id = j.value
            ORDER BY \((order.key ?? SearchOrder.pubdate.key!) + ", ")\(Self.stubsLast), w.id
            LIMIT ? OFFSET ?
            """).bind(WorkIDSet.jsonArray(ids)).bind(limit).bind(offset).query { page.append(($0.int(0), 0.0)) }
        return page
    }

    /// The page's ids and scores in the order (records before stubs, BM25, id). Reading a
    /// match's record-or-stub key is a search of the work table, which costs as much as its
    /// BM25 (about 2 µs each: 0.80 s of 192,560 matches of `patients` at 1M works against
    /// 0.45 s for BM25 alone). So the best matches by BM25 alone come first; when enough of
    /// them are records, they are the page: every record further down scores worse. Only a
    /// query whose best matches are mostly stubs pays for keys of every match.
    ///
    /// With `within`, the works of a Boolean query whose words are `pattern`: only those are
    /// ranked, and a work of theirs that the words do not match scores 0, after every record
    /// they match. Nil then when the page cannot be told from the best matches alone.
    private func pageOfRecordsFirst(_ db: Database, _ pattern: String, within matches: WorkIDSet? = nil,
                                    limit: Int) throws -> [(id: Int64, score: Double)]? {
        let window = limit + 200
        guard limit <= 1_000, let best = try FullTextRank.best(db, pattern, limit: window, within: matches) else { return nil }
        guard !best.isEmpty else { return matches == nil || matches!.isEmpty ? [] : nil }
        var records = Set<Int64>()
        try FastStatement(db, """
            SELECT id FROM work WHERE source_rank > \(WorkMention.rank)
            AND id IN (\(best.map { String($0.id) }.joined(separator: ", ")))
            """).query { records.insert($0.int(0)) }
        let bestRecords = best.filter { records.contains($0.id) }
        if bestRecords.count >= limit { return Array(bestRecords.prefix(limit)) }
        // Every match was seen (and, within a set, every work of it ranked): records, then
        // stubs, each in BM25 order.
        if best.count < window, matches == nil || matches!.count == best.count {
            return Array((bestRecords + best.filter { !records.contains($0.id) }).prefix(limit))
        }
        return nil
    }

    private func pageByKeyOfEveryMatch(_ db: Database, _ pattern: String, limit: Int) throws -> [(id: Int64, score: Double)] {
        var page: [(id: Int64, score: Double)] = []
        try FastStatement(db, """
            SELECT w.id, \(FullTextRank.sql) AS score
            FROM work_fts JOIN work w ON w.id = work_fts.rowid
            WHERE work_fts MATCH ?
            ORDER BY \(Self.stubsLast), score, w.id
            LIMIT ?
            """).bind(pattern).bind(limit).query { page.append(($0.int(0), $0.double(1))) }
        return page
    }

    /// How many works match `query`: FTS5 walks the match's doclists without ranking anything.
    public func searchCount(_ query: SearchQuery, filter: SearchFilter = SearchFilter()) throws -> Int {
        try read { db in try Self.count(db, query.root, filter: filter) }
    }

    static func count(_ db: Database, _ node: SearchQuery.Node, filter: SearchFilter = SearchFilter()) throws -> Int {
        if !filter.isEmpty { return try count(db, SearchQuery.root(node, filteredBy: filter)) }
        if let pattern = FullTextPattern.pattern(node) {
            var count = 0
            try FastStatement(db, "SELECT count(*) FROM work_fts WHERE work_fts MATCH ?").bind(pattern).query { count = Int($0.int(0)) }
            return count
        }
        return try QuerySet(db).works(node).count
    }
}

/// What `search --explain` prints: the query as litkb understood it (PubMed's search details),
/// each term with its field and the number of works it matches alone in this knowledge base,
/// and the whole query's.
public struct SearchExplanation: Sendable {
    public struct Line: Sendable {
        public var term: SearchQuery.Term
        /// How the term joins what comes before it: "" for the first, AND, OR or NOT (left to
        /// right: each applies to everything before it in its parentheses).
        public var `operator`: String
        public var count: Int
    }

    /// PubMed's query translation: every term with its field, every group in parentheses.
    public var translation: String
    /// The FTS5 query, when every term is full text.
    public var pattern: String?
    public var lines: [Line]
    /// Works the query matches, before the filters.
    public var matches: Int
    /// Works the whole search matches, filters included.
    public var total: Int
}

extension KnowledgeBase {
    public func explain(_ query: SearchQuery, filter: SearchFilter = SearchFilter()) throws -> SearchExplanation {
        try read { db in
            let lines = try query.terms.map { entry in
                SearchExplanation.Line(term: entry.term, operator: entry.operator, count: try Self.count(db, .term(entry.term)))
            }
            return SearchExplanation(translation: query.translation, pattern: query.pattern, lines: lines,
                                     matches: try Self.count(db, query.root), total: try Self.count(db, query.root, filter: filter))
        }
    }
}
