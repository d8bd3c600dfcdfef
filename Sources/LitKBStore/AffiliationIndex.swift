import GRDB

/// `[ad]`'s index: each work's affiliations, folded as `litkb_fold` folds them, in the
/// contentless FTS5 table `affiliation_fts` (rowid = work id). Its `ascii` tokenizer splits only
/// at ASCII characters other than letters and digits, and folded text holds no such character
/// but the single space between words: the index's tokens are exactly the folded words, so a
/// phrase query finds what `(' ' || litkb_fold(affiliation) || ' ') LIKE '% words %'` finds.
///
/// Contentless (FTS5 keeps no copy of the text: 70 MB at 1M records, not 310), so a work's row
/// is deleted by giving FTS5 the text it was indexed with. That text is a function of the
/// work's affiliation rows (`textsSQL`), taken when a batch first changes them (`mark`, before
/// the change) and given back at the batch's end (`refresh`), when the rows are indexed again.
enum AffiliationIndex {
    /// Between two affiliations of a work, so that a phrase never spans them: a private-use
    /// character, which `litkb_fold` drops from any text (it is no letter) and the tokenizer
    /// keeps as a token (it is not ASCII).
    static let boundary = "char(57344)"

    /// `id, words` of each work of `works` (a SELECT of `id`s, or nil for every work) that has
    /// affiliations: its indexed text, its distinct folded affiliations, sorted (the same text
    /// however the rows were written), joined by the boundary. One sort for all the works.
    static func textsSQL(ofWorksIn works: String?) -> String {
        // CROSS JOIN: the marked works first, each a search of the affiliations, never a scan of them.
        let source = works.map { "(\($0)) d CROSS JOIN affiliation f ON f.work_id = d.id" } ?? "affiliation f"
        return """
            SELECT id, group_concat(words, ' ' || \(boundary) || ' ') AS words FROM (
                SELECT DISTINCT f.work_id AS id, litkb_fold(f.affiliation) AS words FROM \(source)
                WHERE words <> '' ORDER BY id, words)
            GROUP BY id
            """
    }

    /// The temporary table of works whose affiliations the batch changes, each with the text
    /// its row was indexed with (NULL: none), on a writer connection as it opens.
    static let prepareSQL = "CREATE TEMP TABLE IF NOT EXISTS affiliation_dirty (id INTEGER PRIMARY KEY, indexed TEXT)"

    /// Marks a work whose affiliations are about to change. Only the first mark of a batch
    /// keeps its text: later ones see rows the index does not hold yet.
    static let markSQL = """
        INSERT OR IGNORE INTO temp.affiliation_dirty (id, indexed)
        VALUES (?1, (SELECT words FROM (\(textsSQL(ofWorksIn: "SELECT ?1 AS id")))))
        """

    static func mark(_ workID: Int64, in db: Database) throws {
        try db.execute(sql: markSQL, arguments: [workID])
    }

    /// Marks a work that has no affiliations now, so had none when the batch began (any change
    /// to them since was marked first) and has no row in the index: before its first are
    /// written, without reading them.
    static let markWithoutAffiliationsSQL = "INSERT OR IGNORE INTO temp.affiliation_dirty (id, indexed) VALUES (?, NULL)"

    /// Indexes the marked works again from their rows, at the end of the batch. One statement
    /// each for the deletions and the insertions: FTS5 writes its pending terms at every
    /// statement's end.
    static func refresh(in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO affiliation_fts (affiliation_fts, rowid, words)
                SELECT 'delete', id, indexed FROM temp.affiliation_dirty WHERE indexed IS NOT NULL;
            INSERT INTO affiliation_fts (rowid, words) \(textsSQL(ofWorksIn: "SELECT id FROM temp.affiliation_dirty"));
            DELETE FROM temp.affiliation_dirty;
            """)
    }

    /// Every work's row written again from the tables (migration 19, `litkb check --repair`).
    static func rebuild(in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO affiliation_fts (affiliation_fts) VALUES ('delete-all');
            INSERT INTO affiliation_fts (rowid, words) \(textsSQL(ofWorksIn: nil));
            """)
    }

    /// The FTS5 query of `[ad]`'s folded words: a phrase, its last word a prefix when the
    /// term is truncated.
    static func pattern(folded words: String, prefix: Bool) -> String {
        "\"\(words)\"" + (prefix ? " *" : "")
    }

    /// The works whose indexed text differs from what their affiliations give, described; empty
    /// when they agree. The text is read back from the index's own tokens, in order.
    static func mismatches(_ db: Database) throws -> [String] {
        let indexed = "SELECT doc AS id, group_concat(term, ' ') AS words FROM (SELECT doc, term FROM affiliation_token ORDER BY doc, offset) GROUP BY doc"
        let stored = textsSQL(ofWorksIn: nil)
        let differing = try Int64.fetchAll(db, sql: """
            SELECT id FROM (\(indexed) EXCEPT \(stored)) UNION SELECT id FROM (\(stored) EXCEPT \(indexed)) ORDER BY id
            """)
        guard !differing.isEmpty else { return [] }
        let listed = differing.prefix(5).map(String.init).joined(separator: ", ") + (differing.count > 5 ? ", …" : "")
        return ["\(differing.count) works (\(listed)): their affiliation words in the index differ from their affiliations"]
    }
}
