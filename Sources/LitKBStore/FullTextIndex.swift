import GRDB
import LitKBModel

/// The text one work contributes to `work_fts`, in exactly the form `FullTextIndex.documentsSQL`
/// builds from the stored rows. A new work's row is written straight from its record, so bulk
/// ingest does not read back what it has just written; works that merge or change are rebuilt
/// from the tables.
public struct FullTextDocument: Hashable, Sendable {
    public var title: String
    public var abstract: String?
    public var keywords: String?
    public var mesh: String?

    /// Built where the record is parsed, off the store's thread: the store is the critical path.
    public init(_ record: WorkRecord) {
        let storedTitle = record.title.nonEmpty
        let storedVernacular = record.vernacularTitle.nonEmpty
        title = (storedTitle ?? "") + (storedVernacular.map { "\n" + $0 } ?? "")
        var lines: [String] = []
        for abstract in record.abstracts {
            for section in abstract.sections {
                lines.append(section.label.map { $0 + ": " + section.text } ?? section.text)
            }
        }
        abstract = lines.isEmpty ? nil : lines.joined(separator: "\n")
        keywords = record.keywords.isEmpty ? nil : record.keywords.map(\.term).joined(separator: "; ")
        var terms: [String] = []
        for heading in record.mesh {
            terms.append(heading.descriptor)
            for qualifier in heading.qualifiers { terms.append(qualifier.name) }
        }
        mesh = terms.isEmpty ? nil : terms.joined(separator: "; ")
    }

    init(title: String, abstract: String?, keywords: String?, mesh: String?) {
        self.title = title
        self.abstract = abstract
        self.keywords = keywords
        self.mesh = mesh
    }

    /// Works with nothing to search (stubs known by identifier only) get no row.
    var isEmpty: Bool { title.isEmpty && abstract == nil && keywords == nil && mesh == nil }
}

/// Keeps `work_fts` in step with the tables: one row per work with a title or text,
/// rowid = work.id. New works are indexed from their record as they are written; a work that
/// changes afterwards is only marked dirty, and at the end of each batch the dirty works' rows are
/// rebuilt in one set-based statement from what is stored, so merges and partial updates index
/// the merged result.
enum FullTextIndex {
    static func prepare(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS full_text_dirty (id INTEGER PRIMARY KEY);
            CREATE TEMP TABLE IF NOT EXISTS full_text_new (id INTEGER PRIMARY KEY, title, abstract, keywords, mesh);
            """)
    }

    /// New works' documents wait in a temp table and reach `work_fts` in one statement per batch:
    /// FTS5 flushes its pending terms to a new segment at every statement savepoint, so a row
    /// inserted between the batch's other writes would cost a segment of its own.
    static let insertSQL = "INSERT INTO temp.full_text_new (id, title, abstract, keywords, mesh) VALUES (?, ?, ?, ?, ?)"

    /// Each work's document as the tables hold it: `id, title, abstract, keywords, mesh`, only
    /// works with something to index. `FullTextDocument(record)` must produce the same text.
    static func documentsSQL(whereWork condition: String) -> String {
        """
        SELECT id, title, abstract, keywords, mesh FROM (
            SELECT w.id,
                coalesce(w.title, '') || coalesce(char(10) || w.vernacular_title, '') AS title,
                (SELECT group_concat(line, char(10)) FROM (
                    SELECT coalesce(s.label || ': ', '') || s.text AS line
                    FROM abstract a JOIN abstract_section s ON s.abstract_id = a.id
                    WHERE a.work_id = w.id ORDER BY a.position, s.position)) AS abstract,
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
            DELETE FROM temp.full_text_new WHERE id IN (SELECT id FROM temp.full_text_dirty);
            INSERT INTO work_fts (rowid, title, abstract, keywords, mesh)
            SELECT id, title, abstract, keywords, mesh FROM temp.full_text_new ORDER BY id;
            DELETE FROM temp.full_text_new;
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
