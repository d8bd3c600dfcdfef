import GRDB
import LitKBModel

/// The schema the binary was built with: the top-level `schema.sql`, embedded at build time.
public enum Schema {
    /// The text of `schema.sql`, byte for byte.
    public static let sql = String(decoding: PackageResources.schema_sql, as: UTF8.self)

    /// `PRAGMA user_version` of a database this build created or migrated: the number of
    /// migrations applied. `schema.sql` is always the whole current schema, and a new database is
    /// made from it (migration 1); each later migration brings a database made by an older
    /// `schema.sql` to the same state, and does nothing to one that is already there.
    public static let version = 3

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-schema") { db in
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        // Which format gave each abstract, so a record replaces only its own format's abstracts;
        // and stubs ranked by the format that mentioned them (5–9), where version 1 gave every
        // stub 10, which no mention could then improve on.
        migrator.registerMigration("2-abstract-source-format") { db in
            if try !db.columns(in: "abstract").contains(where: { $0.name == "source_format" }) {
                try db.execute(sql: "ALTER TABLE abstract ADD COLUMN source_format TEXT")
                try db.execute(sql: "UPDATE work SET source_rank = ? WHERE source_rank = ? AND source_format IS NULL",
                               arguments: [SourceFormat.pubmedXML.mentionRank, WorkMention.rank])
            }
            try db.execute(sql: "PRAGMA user_version = 2")
        }
        // link_asserter keeps only links a record asserts about other works: the links it
        // asserts from its own work are found through the primary key (see schema.sql).
        migrator.registerMigration("3-link-asserter-partial") { db in
            let definition = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = 'link_asserter'")
            if definition?.contains("WHERE") != true {
                try db.execute(sql: """
                    DROP INDEX IF EXISTS link_asserter;
                    CREATE INDEX link_asserter ON link(asserted_by, source_format) WHERE asserted_by <> from_work;
                    """)
            }
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        return migrator
    }
}
