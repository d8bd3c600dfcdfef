import GRDB
import LitKBModel

/// The child tables that hold a work's own fields, grouped so that tables which only make
/// sense together (an author and its affiliations) move together.
enum WorkCollections {
    static let groups: [[String]] = [
        ["author", "affiliation"],
        ["abstract"],
        ["keyword"],
        ["mesh_heading", "mesh_qualifier"],
        ["publication_type"],
        ["substance"],
        ["trial_registration"],
        ["work_language"],
    ]
    static var tables: [String] { groups.flatMap { $0 } }

    /// Deletes a work's rows from one of these tables; an abstract's sections go with it.
    /// (Foreign keys are not enforced during writes — see KnowledgeBase — so nothing cascades.)
    static func delete(from table: String, workID: Int64, in db: Database) throws {
        if table == "affiliation" { try AffiliationIndex.mark(workID, in: db) }
        if table == "abstract" {
            try db.execute(sql: "DELETE FROM abstract_section WHERE abstract_id IN (SELECT id FROM abstract WHERE work_id = ?)", arguments: [workID])
        }
        try db.execute(sql: "DELETE FROM \(table) WHERE work_id = ?", arguments: [workID])
    }

    /// Deletes a work and every row that refers to it.
    static func deleteWork(_ workID: Int64, in db: Database) throws {
        for table in tables + ["article_id", "uninterpreted", "unidentified_reference", "work_source"] {
            try delete(from: table, workID: workID, in: db)
        }
        try db.execute(sql: "DELETE FROM work_flag WHERE work_id = ?1 OR asserted_by = ?1", arguments: [workID])
        try db.execute(sql: "DELETE FROM link WHERE from_work = ?1", arguments: [workID])
        try db.execute(sql: "DELETE FROM link WHERE to_work = ?1", arguments: [workID])
        // Links from or to the work are gone: what is left it asserted about other works.
        try db.execute(sql: "DELETE FROM link WHERE asserted_by = ?1 AND asserted_by <> from_work", arguments: [workID])
        try db.execute(sql: "DELETE FROM work_fts WHERE rowid = ?", arguments: [workID])
        try db.execute(sql: "DELETE FROM work WHERE id = ?", arguments: [workID])
    }
}

extension RecordWriter {
    /// Folds `other` into `primary`: two works found to be one. Fields follow source rank as
    /// in any write; links, flags and provenance are re-pointed, duplicates and self-links dropped.
    mutating func merge(_ other: StoredIdentity, into primary: StoredIdentity) throws -> StoredIdentity {
        // Queued links may name `other`: they must be in the table to be re-pointed.
        try flushLinks()
        merges.append((from: other.id, into: primary.id))
        let otherWins = other.rank > primary.rank
        let assignments = WorkFields.columns.map { column in
            "\(column) = CASE WHEN ?1 THEN coalesce(o.\(column), work.\(column)) ELSE coalesce(work.\(column), o.\(column)) END"
        }.joined(separator: ", ")
        try db.execute(sql: """
            UPDATE OR FAIL work SET \(assignments),
                source_rank = max(work.source_rank, o.source_rank),
                source_format = CASE WHEN ?1 THEN o.source_format ELSE work.source_format END,
                pmid_version = coalesce(work.pmid_version, o.pmid_version)
            FROM (SELECT * FROM work WHERE id = ?2) AS o
            WHERE work.id = ?3
            """, arguments: [otherWins, other.id, primary.id])

        for group in WorkCollections.groups {
            let first = group[0]
            let primaryHas = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(first) WHERE work_id = ?)", arguments: [primary.id]) ?? false
            let otherHas = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(first) WHERE work_id = ?)", arguments: [other.id]) ?? false
            guard otherHas, !primaryHas || otherWins else { continue }
            for table in group {
                if table == "affiliation" { try AffiliationIndex.mark(other.id, in: db) }
                try WorkCollections.delete(from: table, workID: primary.id, in: db)
                try db.execute(sql: "UPDATE \(table) SET work_id = ? WHERE work_id = ?", arguments: [primary.id, other.id])
            }
        }
        for statement in [
            "UPDATE OR IGNORE article_id SET work_id = ?1 WHERE work_id = ?2",
            "UPDATE uninterpreted SET work_id = ?1 WHERE work_id = ?2",
            "UPDATE OR IGNORE unidentified_reference SET work_id = ?1 WHERE work_id = ?2",
            "UPDATE OR IGNORE link SET from_work = ?1 WHERE from_work = ?2",
            "UPDATE OR IGNORE link SET to_work = ?1 WHERE to_work = ?2",
            // After the line above, the links the other work asserted from itself start at the
            // primary; the rest are in link_asserter (see schema.sql).
            "UPDATE OR IGNORE link SET asserted_by = ?1 WHERE from_work = ?1 AND asserted_by = ?2",
            "UPDATE OR IGNORE link SET asserted_by = ?1 WHERE asserted_by = ?2 AND asserted_by <> from_work",
            "UPDATE OR IGNORE work_flag SET work_id = ?1 WHERE work_id = ?2",
            "UPDATE OR IGNORE work_flag SET asserted_by = ?1 WHERE asserted_by = ?2",
            "UPDATE OR IGNORE work_source SET work_id = ?1 WHERE work_id = ?2",
        ] {
            try db.execute(sql: statement, arguments: [primary.id, other.id])
        }
        try db.execute(sql: "DELETE FROM link WHERE from_work = ?1 AND to_work = ?1", arguments: [primary.id])

        // The other work's identifiers move only after its row is gone (they are UNIQUE).
        try WorkCollections.deleteWork(other.id, in: db)
        // Gone: no document of its own may be indexed at the end of the batch; its headings
        // and the like are now the primary's.
        try markFullTextDirty(other.id)
        try markFlagsDirty(other.id)
        try markFlagsDirty(primary.id)
        var merged = primary
        merged.rank = max(primary.rank, other.rank)
        // The other work's row went with its stub count (a trigger); a stub taking a record's rank is one stub fewer.
        if primary.rank <= WorkMention.rank, other.rank > WorkMention.rank { outcome.stubsGained -= 1 }
        if merged.pmid == nil, let pmid = other.pmid {
            try db.execute(sql: "UPDATE OR FAIL work SET pmid = ? WHERE id = ?", arguments: [pmid, primary.id])
            merged.pmid = pmid
        }
        if merged.pmcid == nil, let pmcid = other.pmcid {
            try db.execute(sql: "UPDATE OR FAIL work SET pmcid = ? WHERE id = ?", arguments: [pmcid, primary.id])
            merged.pmcid = pmcid
        } else if let pmcid = other.pmcid, pmcid != merged.pmcid {
            try db.execute(sql: "INSERT OR IGNORE INTO article_id (work_id, type, value) VALUES (?, 'pmc', ?)", arguments: [primary.id, pmcid])
        }
        if merged.doi == nil, let doi = other.doi {
            try db.execute(sql: "UPDATE OR FAIL work SET doi = ? WHERE id = ?", arguments: [doi, primary.id])
            merged.doi = doi
        } else if let doi = other.doi, doi != merged.doi {
            try db.execute(sql: "INSERT OR IGNORE INTO article_id (work_id, type, value) VALUES (?, 'doi', ?)", arguments: [primary.id, doi])
        }
        merged.version = try Int.fetchOne(db, sql: "SELECT pmid_version FROM work WHERE id = ?", arguments: [primary.id])
        try markFullTextDirty(primary.id)
        return merged
    }
}
