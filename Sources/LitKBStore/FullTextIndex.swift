import GRDB
import LitKBModel

/// Keeps `work_fts` in step with the tables: one row per work with a title or text,
/// rowid = work.id. Writes mark works dirty; at the end of each batch their rows are rebuilt in
/// one set-based statement from what is stored, so merges and partial updates index the merged
/// result, and bulk ingest pays one statement per batch instead of six per work.
///
/// A work a record has just created, with nothing else written to it, is indexed from its
/// `FullTextDocument` instead, built from the record on the parse thread: reading the document
/// back from the tables was a fifth of the index's cost on the writer's thread. Any other write
/// to that work marks it dirty and drops the prepared document.
///
/// The FTS5 rows are written in that one statement on purpose: FTS5 flushes its pending terms to
/// a new segment at every statement savepoint once it is part of the transaction, so rows
/// inserted between the batch's other writes would each cost a segment.
enum FullTextIndex {
    /// The temporary tables of works marked dirty and of prepared documents, on a writer
    /// connection as it opens.
    static func prepare(_ db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS full_text_dirty (id INTEGER PRIMARY KEY)")
        // The blocks of works whose headings, types, languages or abstracts the batch changed (WorkFlags).
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS work_flags_dirty (block INTEGER PRIMARY KEY)")
        try db.execute(sql: AffiliationIndex.prepareSQL)
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS full_text_ready (id INTEGER PRIMARY KEY, title TEXT, abstract TEXT, keywords TEXT, mesh TEXT)
            """)
    }

    /// The order abstracts are read in (main, other languages, others, plain-language summary),
    /// the same whichever source arrived first: search snippets must not depend on ingest order.
    static func abstractOrder(_ table: String) -> String {
        let ranks = kindRanks.map { "WHEN '\($0.kind.rawValue)' THEN \($0.rank)" }.joined(separator: " ")
        return "CASE \(table).kind \(ranks) ELSE \(otherKindRank) END, \(table).kind, \(table).language, \(table).position"
    }

    /// The first key of `abstractOrder`, which `FullTextDocument` sorts by too.
    static let kindRanks: [(kind: AbstractKind, rank: Int)] = [(.main, 0), (.publisher, 1), (.plainLanguageSummary, 3)]
    static let otherKindRank = 2

    static func kindRank(_ kind: AbstractKind) -> Int {
        kindRanks.first { $0.kind == kind }?.rank ?? otherKindRank
    }

    /// Each work's document as the tables hold it: `id, title, abstract, keywords, mesh`, only
    /// works with something to index.
    static func documentsSQL(whereWork condition: String) -> String {
        """
        SELECT id, title, abstract, keywords, mesh FROM (
            SELECT w.id,
                coalesce(w.title, '') || coalesce(char(10) || w.vernacular_title, '') AS title,
                (SELECT group_concat(line, char(10)) FROM (
                    SELECT coalesce(s.label || ': ', '') || s.text AS line
                    FROM abstract a JOIN abstract_section s ON s.abstract_id = a.id
                    WHERE a.work_id = w.id
                    ORDER BY \(abstractOrder("a")), s.position)) AS abstract,
                (SELECT group_concat(term, '; ') FROM (SELECT term FROM keyword WHERE work_id = w.id ORDER BY position)) AS keywords,
                (SELECT group_concat(term, '; ') FROM (
                    SELECT descriptor AS term, position, -1 AS sub FROM mesh_heading WHERE work_id = w.id
                    UNION ALL SELECT qualifier, heading_position, position FROM mesh_qualifier WHERE work_id = w.id
                    ORDER BY 2, 3)) AS mesh
            FROM work w WHERE \(condition))
        WHERE title <> '' OR abstract IS NOT NULL OR keywords IS NOT NULL OR mesh IS NOT NULL
        """
    }

    static func refreshDirty(in db: Database) throws {
        let blocks = try FullTextRank.blocks(ofIDsIn: "SELECT id FROM temp.full_text_dirty UNION ALL SELECT id FROM temp.full_text_ready", db)
        // A prepared document wins over a dirty mark of the same id: the id of a work deleted
        // earlier in the batch can be given to a new one.
        try db.execute(sql: """
            DELETE FROM work_fts WHERE rowid IN (SELECT id FROM temp.full_text_dirty UNION ALL SELECT id FROM temp.full_text_ready);
            INSERT INTO work_fts (rowid, title, abstract, keywords, mesh)
            SELECT id, title, abstract, keywords, mesh FROM temp.full_text_ready
            UNION ALL
            \(documentsSQL(whereWork: "w.id IN (SELECT id FROM temp.full_text_dirty) AND w.id NOT IN (SELECT id FROM temp.full_text_ready)"));
            DELETE FROM temp.full_text_dirty;
            DELETE FROM temp.full_text_ready;
            """)
        try FullTextRank.refresh(blocks: blocks, in: db)
    }
}

/// A work's document exactly as `FullTextIndex.documentsSQL` reads it from the tables, built
/// from the record that wrote all of them (a new work): the same texts, joined the same way, in
/// the same order.
struct FullTextDocument: Sendable {
    var title: String
    var abstract: String?
    var keywords: String?
    var mesh: String?

    /// Nil when the work has nothing to index (it gets no row).
    init?(record: WorkRecord, fields: WorkFields) {
        title = (fields.title ?? "") + (fields.vernacularTitle.map { "\n" + $0 } ?? "")
        // FullTextIndex.abstractOrder: main, publisher, others, plain-language summary; then
        // kind, language (none first) and position, compared as SQLite's BINARY collation does.
        let abstracts = record.abstracts.enumerated().sorted { first, second in
            let (a, b) = (first.element, second.element)
            let (rankA, rankB) = (FullTextIndex.kindRank(a.kind), FullTextIndex.kindRank(b.kind))
            if rankA != rankB { return rankA < rankB }
            // Bytes, not Swift's String equality, which holds canonically equivalent text equal.
            if !a.kind.rawValue.utf8.elementsEqual(b.kind.rawValue.utf8) {
                return a.kind.rawValue.utf8.lexicographicallyPrecedes(b.kind.rawValue.utf8)
            }
            switch (a.language, b.language) {
            case (nil, nil): break
            case (nil, _): return true
            case (_, nil): return false
            case let (left?, right?):
                if !left.utf8.elementsEqual(right.utf8) { return left.utf8.lexicographicallyPrecedes(right.utf8) }
            }
            return first.offset < second.offset
        }
        let lines = abstracts.flatMap { $0.element.sections.map { ($0.label.map { $0 + ": " } ?? "") + $0.text } }
        abstract = lines.isEmpty ? nil : lines.joined(separator: "\n")
        keywords = record.keywords.isEmpty ? nil : record.keywords.map(\.term).joined(separator: "; ")
        let terms = record.mesh.flatMap { [$0.descriptor] + $0.qualifiers.map(\.name) }
        mesh = terms.isEmpty ? nil : terms.joined(separator: "; ")
        if title.isEmpty, abstract == nil, keywords == nil, mesh == nil { return nil }
    }
}

extension KnowledgeBase {
    /// Works whose full-text row differs from what their stored rows say (missing, stale or
    /// left over); empty when the index is in step. A check for tests and for repair.
    public func fullTextIndexMismatches() throws -> [Int64] {
        try read { db in
            let indexed = "SELECT rowid AS id, title, abstract, keywords, mesh FROM work_fts"
            let stored = FullTextIndex.documentsSQL(whereWork: "1")
            return try Int64.fetchAll(db, sql: """
                SELECT id FROM (\(indexed) EXCEPT \(stored))
                UNION SELECT id FROM (\(stored) EXCEPT \(indexed))
                ORDER BY id
                """)
        }
    }
}
