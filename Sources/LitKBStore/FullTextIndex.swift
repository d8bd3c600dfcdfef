import GRDB
import LitKBModel

/// Keeps `work_fts` in step with the tables: one row per work with a title or text,
/// rowid = work.id. Writes only mark works dirty; at the end of each batch their rows are
/// rebuilt in one set-based statement from what is stored, so merges and partial updates index
/// the merged result, and bulk ingest pays one statement per batch instead of six per work.
/// (Writing new works' rows straight from their records, computed on the parse thread, was
/// measured: no gain within the machine's noise, 8 MB more memory; the tokenizer is the cost.)
/// The FTS5 rows are written in that one statement on purpose: FTS5 flushes its pending terms to
/// a new segment at every statement savepoint once it is part of the transaction, so rows
/// inserted between the batch's other writes would each cost a segment.
enum FullTextIndex {
    /// The temporary table of works marked dirty, on a writer connection as it opens.
    static func prepare(_ db: Database) throws {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS full_text_dirty (id INTEGER PRIMARY KEY)")
    }

    /// The order abstracts are read in (main, other languages, others, plain-language summary),
    /// the same whichever source arrived first: search snippets must not depend on ingest order.
    static func abstractOrder(_ table: String) -> String {
        "CASE \(table).kind WHEN 'main' THEN 0 WHEN 'publisher' THEN 1 WHEN 'plain-language-summary' THEN 3 ELSE 2 END, "
            + "\(table).kind, \(table).language, \(table).position"
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
        try db.execute(sql: """
            DELETE FROM work_fts WHERE rowid IN (SELECT id FROM temp.full_text_dirty);
            INSERT INTO work_fts (rowid, title, abstract, keywords, mesh)
            \(documentsSQL(whereWork: "w.id IN (SELECT id FROM temp.full_text_dirty)"));
            DELETE FROM temp.full_text_dirty;
            """)
    }
}

extension KnowledgeBase {
    /// Works whose full-text row differs from what their stored rows say (missing, stale or
    /// left over); empty when the index is in step. A check for tests and for repair.
    public func fullTextIndexMismatches() throws -> [Int64] {
        try queue.read { db in
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
