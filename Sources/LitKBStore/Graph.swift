import GRDB
import LitKBModel

/// The links between works, read as lists a user follows.
struct Graph {
    let db: Database

    static let summaryColumns = """
        w.id, w.pmid, w.pmcid, w.doi, w.title, coalesce(w.journal_abbrev, w.journal_title) AS journal, w.year,
        w.source_rank, \(statusSQL("w.id")) AS status
        """

    /// Whether the work `id` (an SQL expression) has any retraction evidence: the four branches
    /// of the `retraction_evidence` view, each asked directly, each a search of a primary key or
    /// index. Asked of the view, a correlated subquery makes SQLite materialise all of it, every
    /// link of every work, for each row of a list.
    static func retractedSQL(_ id: String) -> String {
        """
        (EXISTS (SELECT 1 FROM work_flag WHERE work_id = \(id) AND flag = 'Retracted') \
        OR EXISTS (SELECT 1 FROM link WHERE from_work = \(id) AND kind = 'retraction-in') \
        OR EXISTS (SELECT 1 FROM link WHERE to_work = \(id) AND kind = 'retraction-of') \
        OR EXISTS (SELECT 1 FROM publication_type WHERE work_id = \(id) AND name = 'Retracted Publication'))
        """
    }

    /// The ids of the works the work `id` (an SQL expression) cites, every source at once:
    /// `cites` links and the NIH Open Citation Collection's pairs (by PMID), each work once.
    /// `forward`: the works citing it instead.
    static func citationNeighboursSQL(_ id: String, forward: Bool = false) -> String {
        let (this, other, pairThis, pairOther) = forward ? ("to_work", "from_work", "cited", "citing") : ("from_work", "to_work", "citing", "cited")
        return """
            SELECT \(other) AS id FROM link WHERE \(this) = \(id) AND kind = 'cites' \
            UNION SELECT c.id FROM citation_pair p JOIN work c ON c.pmid = p.\(pairOther) \
            WHERE p.\(pairThis) = (SELECT pmid FROM work WHERE id = \(id))
            """
    }

    /// How many distinct works cite the work `w` (a table alias of `work`): its citers in the
    /// link table, and the NIH Open Citation Collection's citing PMIDs that are not among them.
    /// Index searches only: the collection's count is a range of citation_pair_cited, and each of
    /// its citers is checked against the links by their primary key.
    static func citationCountSQL(_ w: String) -> String {
        """
        ((SELECT count(DISTINCT from_work) FROM link WHERE to_work = \(w).id AND kind = 'cites') \
        + (SELECT count(*) FROM citation_pair p WHERE p.cited = \(w).pmid AND NOT EXISTS \
           (SELECT 1 FROM work c JOIN link l ON l.from_work = c.id AND l.kind = 'cites' AND l.to_work = \(w).id WHERE c.pmid = p.citing)))
        """
    }

    /// Whether a notice of `kind` is on the work `id`, from either side of its link.
    static func noticeSQL(_ id: String, _ kind: LinkKind) -> String {
        "(EXISTS (SELECT 1 FROM link WHERE from_work = \(id) AND kind = '\(kind.rawValue)') "
            + "OR EXISTS (SELECT 1 FROM link WHERE to_work = \(id) AND kind = '\(kind.inverse?.rawValue ?? kind.rawValue)'))"
    }

    /// `WorkStatus.derive` in SQL, for a list's marks: each question a search of an index.
    static func statusSQL(_ id: String) -> String {
        """
        CASE WHEN \(noticeSQL(id, .reinstatementIn)) THEN 'reinstated' WHEN \(retractedSQL(id)) THEN 'retracted' \
        WHEN \(noticeSQL(id, .expressionOfConcernIn)) THEN 'expression-of-concern' \
        WHEN \(noticeSQL(id, .erratumIn)) THEN 'corrected' END
        """
    }

    /// A work's summary from the row a statement stands on, whose first nine columns are `summaryColumns`.
    static func summary(_ row: FastStatement, citation: String? = nil, rank: Int? = nil) -> WorkSummary {
        WorkSummary(pmid: row.optionalInt(1).flatMap { PMID($0) }, pmcid: row.text(2).flatMap { PMCID($0) }, doi: row.text(3).flatMap { DOI($0) },
                    title: row.text(4), journal: row.text(5), year: row.optionalInt(6), status: row.text(8).flatMap(WorkStatus.init(rawValue:)), citation: citation, rank: rank,
                    isStub: row.int(7) <= WorkMention.rank)
    }

    func summary(of id: Int64) throws -> WorkSummary? {
        var summary: WorkSummary?
        try FastStatement(db, "SELECT \(Self.summaryColumns) FROM work w WHERE w.id = ?").bind(id).query { summary = Self.summary($0) }
        return summary
    }

    /// One entry per linked work (an edge asserted by two sources is shown once), in the order
    /// of the list that asserted it; entries two lists put at the same place come in PMID (then
    /// DOI) order, so the list does not depend on which file was ingested first.
    ///
    /// A work's references also hold the ones it gave only as text (`unidentified_reference`),
    /// in their places; the same text (by its folded words) given by two formats of its record
    /// is shown once, as a citation-key stub was.
    private func linked(_ id: Int64, kind: LinkKind, outgoing: Bool) throws -> [WorkSummary] {
        let (this, other) = outgoing ? ("from_work", "to_work") : ("to_work", "from_work")
        // In the columns of the select above: the nine summary columns, citation, rank, order.
        let textOnly = kind == .cites && outgoing ? """
            UNION ALL
            SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, max(citation), NULL, min(position) + 1
            FROM unidentified_reference WHERE work_id = ?1 GROUP BY citation_key
            """ : ""
        // A link's citation is how the asserting list printed the work it points to: an entry
        // of a list read backwards (cited-by) is the other side, which that text does not describe.
        let citation = outgoing ? "max(citation)" : "NULL"
        // Citations the NIH Open Citation Collection gives (citation_pair, by PMID) come after
        // the ones a list placed, in PMID order; an edge both give takes the list's place.
        let edges = kind == .cites ? """
            (SELECT \(other), position, rank, citation FROM link WHERE \(this) = ?1 AND kind = ?2
             UNION ALL
             SELECT w.id, \(Self.unplaced), NULL, NULL FROM citation_pair p JOIN work w ON w.pmid = p.\(outgoing ? "cited" : "citing")
             WHERE p.\(outgoing ? "citing" : "cited") = (SELECT pmid FROM work WHERE id = ?1))
            """ : "link WHERE \(this) = ?1 AND kind = ?2"
        let sql = """
            SELECT * FROM (
                SELECT \(Self.summaryColumns), l.citation, l.rank AS link_rank, l.ord
                FROM (SELECT \(other) AS other, min(coalesce(rank, position + 1)) AS ord, \(citation) AS citation, min(rank) AS rank
                      FROM \(edges) GROUP BY \(other)) l
                JOIN work w ON w.id = l.other
                \(textOnly))
            ORDER BY ord, pmid IS NULL, pmid, doi IS NULL, doi, title, id, citation
            """
        var entries: [WorkSummary] = []
        try FastStatement(db, sql).bind(id).bind(kind.rawValue).query { row in
            entries.append(Self.summary(row, citation: row.text(9), rank: row.optionalInt(10)))
        }
        return entries
    }

    /// The lengths of the work's three lists as `similar`, `citedBy` and `references` read them,
    /// from index searches alone: entries are distinct works (and, for references, distinct
    /// texts given without an identifier).
    func listCounts(of id: Int64) throws -> WorkDetail.ListCounts {
        var counts = WorkDetail.ListCounts(similar: 0, citedBy: 0, references: 0)
        try FastStatement(db, """
            SELECT (SELECT count(DISTINCT to_work) FROM link WHERE from_work = ?1 AND kind = 'similar'),
                   \(Self.citationCountSQL("w")),
                   (SELECT count(*) FROM (\(Self.citationNeighboursSQL("?1"))))
                   + (SELECT count(DISTINCT citation_key) FROM unidentified_reference WHERE work_id = ?1)
            FROM work w WHERE w.id = ?1
            """).bind(id).query { row in
            counts = WorkDetail.ListCounts(similar: Int(row.int(0)), citedBy: Int(row.int(1)), references: Int(row.int(2)))
        }
        return counts
    }

    /// The link kinds of the work both ways, with the three lists left out: for a read that
    /// counts them instead (`listCounts`) but still wants the notices and retraction evidence.
    func noticePresence(of id: Int64) throws -> LinkPresence {
        var presence = LinkPresence()
        try FastStatement(db, "SELECT DISTINCT kind FROM link WHERE from_work = ? AND kind NOT IN ('cites', 'similar')").bind(id)
            .query { presence.outgoing.append($0.string(0)) }
        try FastStatement(db, "SELECT DISTINCT kind FROM link WHERE to_work = ? AND kind NOT IN ('cites', 'similar')").bind(id)
            .query { presence.incoming.append($0.string(0)) }
        return presence
    }

    /// The citation text the works citing `id` print for it most often (ties: the first in
    /// text order), nil when none printed any.
    func citedAs(_ id: Int64) throws -> String? {
        var text: String?
        try FastStatement(db, """
            SELECT citation FROM link WHERE to_work = ? AND kind = 'cites' AND citation IS NOT NULL
            GROUP BY citation ORDER BY count(*) DESC, citation LIMIT 1
            """).bind(id).query { text = $0.text(0) }
        return text
    }

    /// The place of a citation no list placed: after every list's.
    static let unplaced = 1 << 40

    func similar(of id: Int64) throws -> [WorkSummary] { try linked(id, kind: .similar, outgoing: true) }
    func citedBy(of id: Int64) throws -> [WorkSummary] { try linked(id, kind: .cites, outgoing: false) }
    func references(of id: Int64) throws -> [WorkSummary] { try linked(id, kind: .cites, outgoing: true) }

    /// Notices about the work, from its own side: its `retraction-in` links, and other works'
    /// `retraction-of` links to it read backwards; each notice once.
    func notices(of id: Int64) throws -> [Notice] {
        var notices: [Notice] = []
        var seen: [String: Int] = [:]
        // An incoming notice link's citation describes this work (as the notice's page printed
        // it); the notice itself is described by its own title, journal and year.
        try FastStatement(db, """
            SELECT l.kind, 1 AS outgoing, l.citation, w.pmid, w.doi, w.id AS other, NULL AS title, NULL AS journal, NULL AS year,
                   w.year, w.month, w.day, NULL AS detail
              FROM link l JOIN work w ON w.id = l.to_work
              WHERE l.from_work = ?1 AND l.kind NOT IN ('cites', 'similar')
            UNION ALL
            SELECT l.kind, 0, NULL, w.pmid, w.doi, w.id, w.title, coalesce(w.journal_abbrev, w.journal_title), w.year,
                   w.year, w.month, w.day, CASE WHEN l.source_format = 'retraction-watch' THEN l.citation END
              FROM link l JOIN work w ON w.id = l.from_work
              WHERE l.to_work = ?1 AND l.kind NOT IN ('cites', 'similar')
            ORDER BY 2 DESC, 1
            """).bind(id).query { row in
            var kind = LinkKind(rawValue: row.string(0))
            var citation = row.text(2)
            if !row.bool(1) {
                guard let inverse = kind.inverse else { return }
                kind = inverse
                let parts: [String?] = [row.text(6), row.text(7), row.optionalInt(8).map { String($0) }]
                let described = parts.compactMap { $0 }.map { $0.hasSuffix(".") || $0.hasSuffix("?") ? $0 : $0 + "." }
                citation = described.isEmpty ? nil : described.joined(separator: " ")
            }
            guard kind.isNotice else { return }
            let key = "\(kind.rawValue)|\(row.int(5))"
            if let index = seen[key] {
                // The same notice from both sides: the notice's own record says what it retracts,
                // and the paper's record names the notice. A database's detail joins the first.
                if notices[index].detail == nil { notices[index].detail = row.text(12) }
                return
            }
            seen[key] = notices.count
            let date = row.optionalInt(9).map { PartialDate(year: $0, month: row.optionalInt(10), day: row.optionalInt(11)) }
            notices.append(Notice(kind: kind, citation: citation, pmid: row.optionalInt(3).flatMap { PMID($0) }, doi: row.text(4).flatMap { DOI($0) },
                                  date: date, detail: row.text(12)))
        }
        return notices
    }

    func retractionEvidence(of id: Int64) throws -> [RetractionEvidence] {
        var evidence: [RetractionEvidence] = []
        try FastStatement(db, "SELECT DISTINCT kind, detail, asserted_by FROM retraction_evidence WHERE work_id = ? ORDER BY kind, asserted_by")
            .bind(id).query { row in
                let asserter = row.int(2)
                evidence.append(RetractionEvidence(kind: RetractionEvidence.Kind(rawValue: row.string(0)) ?? .flag, detail: row.text(1),
                                                   assertedBy: asserter == id ? nil : try summary(of: asserter)))
            }
        return evidence
    }
}

/// Summaries read once each, for reads that name the same works many times over (a chase, the
/// works leaning on retracted ones).
final class SummaryCache {
    private let graph: Graph
    private var known: [Int64: WorkSummary?] = [:]

    init(_ graph: Graph) { self.graph = graph }

    func summary(_ id: Int64) throws -> WorkSummary? {
        if let summary = known[id] { return summary }
        let summary = try graph.summary(of: id)
        known[id] = summary
        return summary
    }
}
