import Foundation
import GRDB

/// A search tree as SQL over the stored rows: a set of work ids (`SELECT … AS id`) to drive
/// from, and a condition on the work `w` to test each candidate against. A subtree of full-text
/// terms alone is one FTS5 query; every structured term is a search of its own table.
struct QuerySQL {
    var sql: String
    var arguments: [String]
    /// A condition that reads the work row `w` beyond its id (a date, a journal); one that
    /// does not is tested on the candidate ids alone, without a search of the work table each
    /// (`female[mh] AND aged[mh]` at 1M records: 213 ms with it, 99 without).
    var readsWork = false

    init(_ sql: String, _ arguments: [String] = [], readsWork: Bool = false) {
        self.sql = sql
        self.arguments = arguments
        self.readsWork = readsWork
    }

    func bind(to statement: FastStatement) {
        for argument in arguments { statement.bind(argument) }
    }

    /// Distinct ids of the works `node` matches, as column `id`.
    static func set(_ node: SearchQuery.Node) throws(StoreError) -> QuerySQL {
        if let pattern = FullTextPattern.pattern(node) {
            return QuerySQL("SELECT rowid AS id FROM work_fts WHERE work_fts MATCH ?", [pattern])
        }
        switch node {
        case .term(let term):
            return try TermSQL(term).set
        case .and(let a, let b):
            // Drive from the narrower side; test the other on each of its works.
            let (driver, test) = cost(a) <= cost(b) ? (a, b) : (b, a)
            return try filtered(set(driver), by: predicate(test), negated: false)
        case .or(let a, let b):
            let (left, right) = (try set(a), try set(b))
            return QuerySQL("\(left.sql) UNION \(right.sql)", left.arguments + right.arguments)
        case .not(let a, let b):
            return try filtered(set(a), by: predicate(b), negated: true)
        }
    }

    private static func filtered(_ set: QuerySQL, by condition: QuerySQL, negated: Bool) -> QuerySQL {
        let candidates = condition.readsWork ? "(\(set.sql)) s JOIN work w ON w.id = s.id" : "(\(set.sql)) w"
        return QuerySQL("SELECT w.id AS id FROM \(candidates) WHERE \(negated ? "NOT " : "")\(condition.sql)",
                        set.arguments + condition.arguments)
    }

    /// Whether the work `w` matches `node`: index searches for the one work, and for a
    /// full-text subtree a membership test in its matches (SQLite reads them once per statement).
    static func predicate(_ node: SearchQuery.Node) throws(StoreError) -> QuerySQL {
        if let pattern = FullTextPattern.pattern(node) {
            return QuerySQL("w.id IN (SELECT rowid FROM work_fts WHERE work_fts MATCH ?)", [pattern])
        }
        func binary(_ a: SearchQuery.Node, _ op: String, _ b: SearchQuery.Node) throws(StoreError) -> QuerySQL {
            let (left, right) = (try predicate(a), try predicate(b))
            return QuerySQL("(\(left.sql) \(op) \(right.sql))", left.arguments + right.arguments, readsWork: left.readsWork || right.readsWork)
        }
        switch node {
        case .term(let term): return try TermSQL(term).predicate
        case .and(let a, let b): return try binary(a, "AND", b)
        case .or(let a, let b): return try binary(a, "OR", b)
        case .not(let a, let b): return try binary(a, "AND NOT", b)
        }
    }

    /// A rough order of how many works a subtree's set holds, to choose which side of an AND to
    /// read: ids, then words, then names and headings, then languages, types and other dates,
    /// then publication dates.
    static func cost(_ node: SearchQuery.Node) -> Int {
        if FullTextPattern.pattern(node) != nil { return 1 }
        switch node {
        case .term(let term): return TermSQL.cost(term.field)
        case .and(let a, let b): return min(cost(a), cost(b))
        case .or(let a, let b): return max(cost(a), cost(b))
        case .not(let a, _): return cost(a)
        }
    }
}

/// One structured term as SQL: the table it searches (or the work row itself) and the
/// condition on that table's row.
struct TermSQL {
    /// The child table and its alias; nil for a condition on the work row `w`.
    let table: (name: String, alias: String)?
    let condition: String
    let arguments: [String]
    /// The works of a term whose condition alone would read every work (retracted, has an
    /// abstract), found from the rows that say so instead.
    private var setOverride: QuerySQL?
    /// Whether a condition on the work `w` reads its row, not only its id.
    private var readsWorkRow = true

    static func cost(_ field: SearchField) -> Int {
        switch field {
        case .pmid, .articleID, .pmcid: 0
        case .author, .firstAuthor, .lastAuthor, .fullAuthor, .collective, .affiliation, .mesh, .majorMesh, .subheading,
             .substance, .secondaryID, .journal:
            2
        // Last: a date is tested on the other side's works, in the date blocks (QuerySet).
        case .publicationDate: 4
        default: 3
        }
    }

    /// A second condition on the same table, its rows also the term's (an author's whole name
    /// as a family name): a search of its own, as SQLite's OR of two searches of a WITHOUT ROWID
    /// table's index reads every row it finds again (`wang y[au]` at 1M records: 190 ms, not 16).
    private var alternative: (condition: String, arguments: [String])?

    var set: QuerySQL {
        if let setOverride { return setOverride }
        guard let table else { return QuerySQL("SELECT w.id AS id FROM work w WHERE \(condition)", arguments) }
        guard let alternative else {
            return QuerySQL("SELECT DISTINCT \(table.alias).work_id AS id FROM \(table.name) \(table.alias) WHERE \(condition)", arguments)
        }
        return QuerySQL("""
            SELECT \(table.alias).work_id AS id FROM \(table.name) \(table.alias) WHERE \(condition)
            UNION SELECT \(table.alias).work_id FROM \(table.name) \(table.alias) WHERE \(alternative.condition)
            """, arguments + alternative.arguments)
    }

    /// The term's works as `set` gives them, but repeated where a work has several rows (two
    /// authors Wang): for reading into a `WorkIDSet`, where DISTINCT's sort would be wasted.
    var rows: QuerySQL {
        if let setOverride { return setOverride }
        guard let table else { return set }
        let rows = "SELECT \(table.alias).work_id AS id FROM \(table.name) \(table.alias) WHERE "
        guard let alternative else { return QuerySQL(rows + condition, arguments) }
        return QuerySQL("\(rows)\(condition) UNION ALL \(rows)\(alternative.condition)", arguments + alternative.arguments)
    }

    /// Whether the term is tested on the works of what it is ANDed with rather than read: its
    /// works are found by reading every row of its table (no index holds what it asks), or
    /// they are most works (every one with an abstract).
    static func isTestedRatherThanRead(_ term: SearchQuery.Term) -> Bool {
        switch term.field {
        case .collective, .substance, .secondaryID, .volume, .issue, .pages: true
        case .subset: ["hasabstract", "has abstract"].contains(SearchFolding.fold(term.text))
        default: false
        }
    }

    var predicate: QuerySQL {
        // Never NULL: a work without a date is outside 2015:2020[dp], and so inside its NOT.
        guard let table else { return QuerySQL("coalesce(\(condition), 0)", arguments, readsWork: readsWorkRow) }
        let exists = "EXISTS (SELECT 1 FROM \(table.name) \(table.alias) WHERE \(table.alias).work_id = w.id AND "
        guard let alternative else { return QuerySQL(exists + condition + ")", arguments) }
        return QuerySQL("(\(exists)\(condition)) OR \(exists)\(alternative.condition)))", arguments + alternative.arguments)
    }

    init(_ term: SearchQuery.Term) throws(StoreError) {
        let value = term.text
        let folded = SearchFolding.fold(value)
        /// `= ?`, or `LIKE ?` with the prefix when the term is truncated.
        func equals(_ column: String) -> (String, String) {
            term.prefix ? ("\(column) LIKE ?", SearchFolding.likePrefix(folded)) : ("\(column) = ?", folded)
        }
        switch term.field {
        case .author, .firstAuthor, .lastAuthor, .fullAuthor:
            let name = AuthorName(value, full: term.field == .fullAuthor)
            var reading = ["a.family_key \(term.prefix && name.given == nil && name.initials == nil ? "LIKE" : "=") ?"]
            var arguments = [term.prefix && name.given == nil && name.initials == nil ? SearchFolding.likePrefix(name.family) : name.family]
            // The initials are read from the index (author_by_family); the given name, which it
            // does not hold, from the author's row, only where it is needed. Initials of ASCII
            // letters alone are matched as they are (LIKE ignores their case), others folded.
            func givenName(_ test: String) -> String {
                "EXISTS (SELECT 1 FROM author g WHERE g.work_id = a.work_id AND g.position = a.position AND \(test))"
            }
            if let initials = name.initials {
                reading.append("""
                    CASE WHEN a.initials IS NULL THEN \(givenName("replace(litkb_fold(g.given), ' ', '') LIKE ?")) \
                    WHEN a.initials GLOB '*[^A-Za-z]*' THEN replace(litkb_fold(a.initials), ' ', '') LIKE ? ELSE a.initials LIKE ? END
                    """)
                arguments += Array(repeating: SearchFolding.likePrefix(initials), count: 3)
            }
            if let given = name.given {
                reading.append(givenName("litkb_fold(g.given) LIKE ?"))
                arguments.append(SearchFolding.likePrefix(given))
            }
            // The writer numbers a work's authors from 0 (CollectionsWriter.insertAuthors).
            let position = switch term.field {
            case .firstAuthor: " AND a.position = 0"
            case .lastAuthor: " AND a.position = (SELECT max(position) FROM author b WHERE b.work_id = a.work_id)"
            default: ""
            }
            self.init(table: ("author", "a"), condition: reading.joined(separator: " AND ") + position, arguments: arguments)
            // `mclellan lemal` is also a family name of two words, as PubMed's index of whole names finds it.
            if name.initials != nil || name.given != nil {
                alternative = ("(a.family_key = ?\(position))", [folded])
            }
        case .collective:
            self.init(table: ("author", "a"), condition: "(' ' || litkb_fold(a.collective) || ' ') LIKE ?",
                      arguments: [SearchFolding.likeWords(folded, prefix: term.prefix)])
        case .affiliation:
            guard !folded.isEmpty else {
                throw .invalidQuery("\(value)[ad] at character \(term.position) has no letters or digits to search for")
            }
            // The words as a phrase of the index's tokens (AffiliationIndex).
            let pattern = AffiliationIndex.pattern(folded: folded, prefix: term.prefix)
            self.init(table: nil, condition: "w.id IN (SELECT rowid FROM affiliation_fts WHERE affiliation_fts MATCH ?)", arguments: [pattern])
            setOverride = QuerySQL("SELECT rowid AS id FROM affiliation_fts WHERE affiliation_fts MATCH ?", [pattern])
            readsWorkRow = false
        case .journal:
            // An ISSN (0028-4793) is the journal's number; anything else its title or abbreviation.
            let issn = value.trimmingCharacters(in: .whitespaces).uppercased()
            if issn.count == 9, issn.enumerated().allSatisfy({ $0.offset == 4 ? $0.element == "-" : $0.element.isNumber || ($0.offset == 8 && $0.element == "X") }) {
                self.init(table: nil, condition: "w.journal_issn = ?", arguments: [issn])
                return
            }
            let (abbrev, argument) = equals("litkb_fold(w.journal_abbrev)")
            let (title, _) = equals("litkb_fold(w.journal_title)")
            self.init(table: nil, condition: "\(abbrev) OR \(title)", arguments: [argument, argument])
        case .mesh, .majorMesh:
            let parts = value.split(separator: "/", maxSplits: 1).map { SearchFolding.fold(String($0)) }
            let (descriptor, argument) = term.prefix && parts.count == 1
                ? ("h.descriptor_key LIKE ?", SearchFolding.likePrefix(parts[0]))
                : ("h.descriptor_key = ?", parts[0])
            var conditions = [descriptor], arguments = [argument]
            let qualifierOf = "FROM mesh_qualifier q WHERE q.work_id = h.work_id AND q.heading_position = h.position"
            if parts.count == 2 {
                let major = term.field == .majorMesh ? " AND (h.major = 1 OR q.major = 1)" : ""
                conditions.append("EXISTS (SELECT 1 \(qualifierOf) AND q.qualifier_key = ?\(major))")
                arguments.append(parts[1])
            } else if term.field == .majorMesh {
                conditions.append("(h.major = 1 OR EXISTS (SELECT 1 \(qualifierOf) AND q.major = 1))")
            }
            self.init(table: ("mesh_heading", "h"), condition: conditions.joined(separator: " AND "), arguments: arguments)
        case .subheading:
            let (test, argument) = equals("q.qualifier_key")
            self.init(table: ("mesh_qualifier", "q"), condition: test, arguments: [argument])
        case .publicationType:
            let (test, argument) = equals("p.name_key")
            self.init(table: ("publication_type", "p"), condition: test, arguments: [argument])
        case .substance:
            let (test, argument) = equals("litkb_fold(s.name)")
            self.init(table: ("substance", "s"), condition: test, arguments: [argument])
        case .language:
            let code = SearchFolding.languageCodes[folded] ?? folded
            self.init(table: ("work_language", "l"), condition: "l.language = ?", arguments: [code])
        case .secondaryID:
            let lowered = value.lowercased()
            self.init(table: ("trial_registration", "t"), condition: "lower(t.accession) = ? OR lower(t.registry || '/' || t.accession) = ?",
                      arguments: [lowered, lowered])
        case .publicationDate, .electronicDate:
            let range = try DateRange(value, term: term)
            let date = term.field == .publicationDate ? DateRange.publicationSQL : DateRange.electronicSQL
            self.init(table: nil, condition: "\(date) BETWEEN \(range.lower) AND \(range.upper)", arguments: [])
        case .entrezDate:
            // Stored as ISO text (PubMed's are whole dates): compared as text, through its index.
            let range = try DateRange(value, term: term)
            func iso(_ date: Int) -> String { String(format: "%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100) }
            self.init(table: nil, condition: "w.entrez_date BETWEEN ? AND ?", arguments: [iso(range.lower), iso(range.upper)])
        case .pmid:
            guard let pmid = Int64(value.trimmingCharacters(in: .whitespaces)), pmid > 0 else {
                throw .invalidQuery("\(value)[pmid] at character \(term.position) is not a PMID")
            }
            self.init(table: nil, condition: "w.pmid = \(pmid)", arguments: [])
        case .pmcid:
            let digits = value.uppercased().hasPrefix("PMC") ? String(value.dropFirst(3)) : value
            guard !digits.isEmpty, digits.allSatisfy(\.isASCII), Int(digits) != nil else {
                throw .invalidQuery("\(value)[pmcid] at character \(term.position) is not a PMCID (PMC and digits)")
            }
            self.init(table: nil, condition: "w.pmcid = ?", arguments: ["PMC" + digits])
        case .articleID:
            var id = value.trimmingCharacters(in: .whitespaces).lowercased()
            for prefix in ["https://doi.org/", "http://doi.org/", "http://dx.doi.org/", "https://dx.doi.org/", "doi:"] where id.hasPrefix(prefix) {
                id.removeFirst(prefix.count)
            }
            for suffix in [" [doi]", " [pii]"] where id.hasSuffix(suffix) { id.removeLast(suffix.count) }
            self.init(table: nil, condition: "w.doi = ? OR w.id IN (SELECT work_id FROM article_id WHERE value = ? COLLATE NOCASE)", arguments: [id, id])
        case .volume:
            self.init(table: nil, condition: "w.volume = ?", arguments: [value])
        case .issue:
            self.init(table: nil, condition: "w.issue = ?", arguments: [value])
        case .pages:
            self.init(table: nil, condition: "w.pages = ? OR w.pages LIKE ? OR w.pages LIKE ?", arguments: [value, value + "-%", value + ",%"])
        case .subset:
            switch folded {
            case "retracted", "retracted publication":
                self.init(table: nil, condition: "coalesce(\(Graph.statusSQL("w.id")) = 'retracted', 0)", arguments: [])
                setOverride = QuerySQL("""
                    SELECT c.id AS id FROM (SELECT work_id AS id FROM retraction_evidence) c
                    WHERE coalesce(\(Graph.statusSQL("c.id")) = 'retracted', 0) GROUP BY c.id
                    """)
                readsWorkRow = false
            case "hasabstract", "has abstract":
                self.init(table: nil, condition: "EXISTS (SELECT 1 FROM abstract WHERE work_id = w.id)", arguments: [])
                setOverride = QuerySQL("SELECT DISTINCT work_id AS id FROM abstract")
                readsWorkRow = false
            case "pmc", "free full text", "pubmed pmc":
                self.init(table: nil, condition: "w.pmcid IS NOT NULL", arguments: [])
            default:
                throw .invalidQuery("\(value)[sb] at character \(term.position): litkb's filters are retracted[sb], hasabstract[sb] and pmc[sb]")
            }
        case .allFields, .title, .titleAbstract, .textWords, .abstract, .keywords, .meshText:
            preconditionFailure("full-text terms are FTS5 queries")
        }
    }

    private init(table: (name: String, alias: String)?, condition: String, arguments: [String]) {
        self.table = table
        self.condition = "(\(condition))"
        self.arguments = arguments
    }
}

/// `smith j`, `smith ja`, `smith john`, `Smith, John`: a family name, and initials or the start
/// of a given name, folded as `litkb_fold` folds the stored names.
struct AuthorName {
    var family: String
    var initials: String?
    var given: String?

    init(_ text: String, full: Bool) {
        let rest: String?
        if let comma = text.firstIndex(of: ",") {
            family = SearchFolding.fold(String(text[..<comma]))
            rest = SearchFolding.fold(String(text[text.index(after: comma)...]))
        } else {
            var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
            let last = words.count > 1 ? words.removeLast() : nil
            family = SearchFolding.fold(words.joined(separator: " "))
            rest = last.map(SearchFolding.fold)
        }
        guard let rest, !rest.isEmpty else { return }
        // PubMed's author index: `smith ja` (or `Smith, J A`) is Smith with initials starting JA;
        // a longer second word is a given name (`smith john`), as in the full-name index [fau].
        let letters = rest.split(separator: " ")
        if !full, (letters.count == 1 && rest.count <= 3) || letters.allSatisfy({ $0.count == 1 }) {
            initials = letters.joined()
        } else {
            given = rest
        }
    }
}

/// `2020`, `2020/03`, `2020/03/15`, and ranges of them with `:` (`2015:2020`,
/// `2020/03:2020/06`), as dates written yyyymmdd; a missing month or day spans the whole of it.
struct DateRange {
    let lower: Int
    let upper: Int

    /// A work's publication date, printed else electronic, as yyyymmdd: a date without a month
    /// or day is taken as its first day, as PubMed stores `2020` as 2020/01/01.
    /// The index `work_by_publication_date` in schema.sql is this expression, without `w.`:
    /// SQLite uses it only for the same expression.
    static let publicationSQL = "(\(publication("w.")))"
    static let electronicSQL = "(\(electronic("w.")))"

    static func publication(_ table: String) -> String {
        "CASE WHEN \(table)year IS NOT NULL THEN \(table)year * 10000 + coalesce(\(table)month, 1) * 100 + coalesce(\(table)day, 1) ELSE \(electronic(table)) END"
    }

    private static func electronic(_ table: String) -> String {
        "CAST(substr(\(table)epub_date, 1, 4) AS INTEGER) * 10000 + coalesce(nullif(CAST(substr(\(table)epub_date, 6, 2) AS INTEGER), 0), 1) * 100 "
            + "+ coalesce(nullif(CAST(substr(\(table)epub_date, 9, 2) AS INTEGER), 0), 1)"
    }

    init(_ text: String, term: SearchQuery.Term) throws(StoreError) {
        let sides = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        func date(_ side: String, last: Bool) throws(StoreError) -> Int {
            let parts = side.split(whereSeparator: { $0 == "/" || $0 == "-" }).map { Int($0) }
            guard (1...3).contains(parts.count), !parts.contains(where: { $0 == nil }), let year = parts[0], (1000...9999).contains(year) else {
                throw .invalidQuery("\(text)[\(term.field.tag)] at character \(term.position): a date is yyyy, yyyy/mm or yyyy/mm/dd, a range two of them with a colon")
            }
            let month = parts.count > 1 ? parts[1]! : (last ? 12 : 1)
            let day = parts.count > 2 ? parts[2]! : (last ? 31 : 1)
            guard (1...12).contains(month), (1...31).contains(day) else {
                throw .invalidQuery("\(text)[\(term.field.tag)] at character \(term.position): no month \(month) or day \(day)")
            }
            return year * 10000 + month * 100 + day
        }
        guard (1...2).contains(sides.count) else {
            throw .invalidQuery("\(text)[\(term.field.tag)] at character \(term.position): a range is two dates with one colon")
        }
        lower = try date(sides[0], last: false)
        upper = try date(sides[sides.count - 1], last: true)
        guard lower <= upper else {
            throw .invalidQuery("\(text)[\(term.field.tag)] at character \(term.position): the range ends before it begins")
        }
    }
}
