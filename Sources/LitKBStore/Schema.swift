import GRDB

/// The schema the binary was built with: the top-level `schema.sql`, embedded at build time.
public enum Schema {
    /// The text of `schema.sql`, byte for byte.
    public static let sql = String(decoding: PackageResources.schema_sql, as: UTF8.self)

    /// `PRAGMA user_version` of a database this build created or migrated: the number of
    /// migrations applied. `schema.sql` is migration 1; later ones are appended, never edited.
    public static let version = 1

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1-schema") { db in
            try db.execute(sql: sql)
            try db.execute(sql: "PRAGMA user_version = 1")
        }
        return migrator
    }
}
