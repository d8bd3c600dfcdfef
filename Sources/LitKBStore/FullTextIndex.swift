import GRDB

/// Keeps `work_fts` in step with the tables: one row per work with a title or text,
/// rowid = work.id, rebuilt from what is stored (so merges and partial updates index the
/// merged result, not one source's view).
enum FullTextIndex {
    static func refresh(_ workID: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM work_fts WHERE rowid = ?").execute(arguments: [workID])
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT title, vernacular_title FROM work WHERE id = ?"),
                                         arguments: [workID]) else { return }
        let title = [row["title"] as String?, row["vernacular_title"] as String?].compactMap { $0 }.joined(separator: "\n")
        let abstract = try String.fetchOne(db.cachedStatement(sql: """
            SELECT group_concat(line, char(10)) FROM (
                SELECT coalesce(s.label || ': ', '') || s.text AS line
                FROM abstract a JOIN abstract_section s ON s.abstract_id = a.id
                WHERE a.work_id = ? ORDER BY a.position, s.position)
            """), arguments: [workID]) ?? ""
        let keywords = try String.fetchOne(db.cachedStatement(sql: """
            SELECT group_concat(term, '; ') FROM (SELECT term FROM keyword WHERE work_id = ? ORDER BY position)
            """), arguments: [workID]) ?? ""
        let mesh = try String.fetchOne(db.cachedStatement(sql: """
            SELECT group_concat(term, '; ') FROM (
                SELECT descriptor AS term, position, -1 AS sub FROM mesh_heading WHERE work_id = ?1
                UNION ALL SELECT qualifier, heading_position, position FROM mesh_qualifier WHERE work_id = ?1
                ORDER BY 2, 3)
            """), arguments: [workID]) ?? ""
        guard !(title.isEmpty && abstract.isEmpty && keywords.isEmpty && mesh.isEmpty) else { return }
        try db.cachedStatement(sql: "INSERT INTO work_fts (rowid, title, abstract, keywords, mesh) VALUES (?, ?, ?, ?, ?)")
            .execute(arguments: [workID, title, abstract, keywords, mesh])
    }
}
