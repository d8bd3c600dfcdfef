import GRDB
import GRDBSQLite

/// For each work, whether it has each of the most frequent headings, publication types and
/// languages, and an abstract: one bit each in a 64-bit word, 4,096 works to a row of
/// `work_flags` (schema.sql). Testing a frequent term on another term's works then reads a bit
/// per work instead of the term's index whole (English's 856,100 works at 1M records: 70 ms)
/// or an index search per work.
///
/// The terms (`work_flag_term`) are chosen when the flags are built (migration 18, `litkb check
/// --repair`, and again each time the works have doubled): those of at least `minimumWorks`
/// works, most frequent first, 63 of them. Each batch rewrites, before it commits, the blocks of
/// the works whose headings, types, languages or abstracts it wrote or moved
/// (`temp.work_flags_dirty`) and of the works it added or deleted; a search reads them only
/// while no date block is marked stale either.
enum WorkFlags {
    static let blockShift = WorkBlocks.shift
    static let blockSize = WorkBlocks.size
    /// A term must have this many works to get a bit: below it its index is read in a few
    /// milliseconds.
    nonisolated(unsafe) static var minimumWorks = 20_000
    static let hasAbstract = (field: "sb", key: "hasabstract")

    /// The bit of a term, when it has one: a heading without a subheading ([mh]), a
    /// publication type, a language, or hasabstract[sb].
    static func flagKey(_ term: SearchQuery.Term) -> (field: String, key: String)? {
        guard !term.prefix else { return nil }
        let folded = SearchFolding.fold(term.text)
        switch term.field {
        case .mesh where !term.text.contains("/"): return ("mh", folded)
        case .publicationType: return ("pt", folded)
        case .language: return ("la", SearchFolding.languageCodes[folded] ?? folded)
        case .subset where ["hasabstract", "has abstract"].contains(folded): return hasAbstract
        default: return nil
        }
    }

    // MARK: Keeping the blocks

    /// The terms with a bit, by bit.
    static func terms(_ db: Database) throws -> [(bit: Int, field: String, key: String)] {
        try Row.fetchAll(db, sql: "SELECT bit, field, key FROM work_flag_term ORDER BY bit").map { ($0[0], $0[1], $0[2]) }
    }

    /// Each field's terms with their bits.
    private static func bits(_ db: Database) throws -> [String: [String: Int]] {
        var bits: [String: [String: Int]] = [:]
        for term in try terms(db) { bits[term.field, default: [:]][term.key] = term.bit }
        return bits
    }

    /// Chooses the terms again when the works have doubled since they were chosen, and number
    /// 50,000 or more: a growing knowledge base's frequent terms get their bits, for a pass over
    /// the tables each time it doubles. (At the end of each file's ingest.)
    static func chooseAgainIfGrown(_ db: Database) throws {
        let works = try Int.fetchOne(db, sql: "SELECT n FROM tally WHERE name = 'works'") ?? 0
        let chosenAt = try Int.fetchOne(db, sql: "SELECT works FROM work_flag_choice") ?? 0
        guard works >= 50_000, works >= 2 * chosenAt else { return }
        try rebuild(in: db)
    }

    /// Chooses the terms again and writes every block: a new or repaired `work_flags`.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: """
            DELETE FROM work_flag_term; DELETE FROM work_flags; DELETE FROM work_flag_choice;
            INSERT INTO work_flag_choice (works) SELECT count(*) FROM work;
            """)
        try db.execute(sql: "INSERT INTO work_flag_term (bit, field, key, works) SELECT 0, ?, ?, count(DISTINCT work_id) FROM abstract",
                       arguments: [hasAbstract.field, hasAbstract.key])
        try db.execute(sql: """
            INSERT INTO work_flag_term (bit, field, key, works)
            SELECT row_number() OVER (ORDER BY n DESC, field, key), field, key, n FROM (
                SELECT 'mh' AS field, descriptor_key AS key, count(*) AS n FROM mesh_heading GROUP BY descriptor_key HAVING n >= ?1
                UNION ALL SELECT 'pt', name_key, count(*) AS n FROM publication_type GROUP BY name_key HAVING n >= ?1
                UNION ALL SELECT 'la', language, count(*) AS n FROM work_language GROUP BY language HAVING n >= ?1)
            ORDER BY n DESC, field, key LIMIT 63
            """, arguments: [minimumWorks])
        try refresh(blocks: try WorkBlocks.every(db), in: db)
    }

    /// Writes each block again from the tables.
    static func refresh(blocks: [Int64], in db: Database) throws {
        guard !blocks.isEmpty else { return }
        let bits = try bits(db)
        try WorkBlocks.write(blocks, into: "work_flags", column: "flags", db) { try flags(ofBlock: $0, bits: bits, db) }
    }

    /// One block's flags as the tables give them; nil for a block without any.
    private static func flags(ofBlock block: Int64, bits: [String: [String: Int]], _ db: Database) throws -> [UInt8]? {
        var words = [UInt64](repeating: 0, count: blockSize)
        let first = block << Int64(blockShift)
        let sources = [("mh", "SELECT work_id, descriptor_key FROM mesh_heading"), ("pt", "SELECT work_id, name_key FROM publication_type"),
                       ("la", "SELECT work_id, language FROM work_language"), (hasAbstract.field, "SELECT work_id, 'hasabstract' FROM abstract")]
        var any = false
        for (field, sql) in sources {
            guard let keys = bits[field] else { continue }
            try FastStatement(db, "\(sql) WHERE work_id BETWEEN ? AND ?").bind(first).bind(first + Int64(blockSize) - 1).query { row in
                guard let key = row.text(1), let bit = keys[key] else { return }
                words[Int(row.int(0) - first)] |= 1 << UInt64(bit)
                any = true
            }
        }
        return any ? WorkBlocks.bytes(words) : nil
    }

    /// Where `work_flags` differs from the tables, described; empty when they agree.
    static func mismatches(_ db: Database) throws -> [String] {
        let bits = try bits(db)
        let (differing, extra) = try WorkBlocks.mismatches(in: "work_flags", column: "flags", db) { try flags(ofBlock: $0, bits: bits, db) }
        return differing.map { "\(WorkBlocks.describe($0)): their flags in work_flags differ from their headings, types, languages and abstracts" }
            + extra.map { "work_flags holds block \($0), where there are no works" }
    }

    // MARK: Reading them

    /// The term's bit, when it has one.
    static func bit(of term: (field: String, key: String), _ db: Database) throws -> Int? {
        try FastStatement(db, "SELECT bit FROM work_flag_term WHERE field = ? AND key = ?").bind(term.field).bind(term.key).firstInt().map(Int.init)
    }

    /// A term with at least this many works (when chosen) is read from every block of flags
    /// rather than from its index: 32 MB at 4.1M works, about 10 ms, against 0.08 µs a work.
    nonisolated(unsafe) static var readWholeFrom = 150_000

    /// The works of a term with many works, from every block; nil when it has not that many,
    /// has no bit, or the blocks cannot be read.
    static func works(of term: (field: String, key: String), capacity: Int64, _ db: Database) throws -> WorkIDSet? {
        guard let row = try Row.fetchOne(db, sql: "SELECT bit, works FROM work_flag_term WHERE field = ? AND key = ?", arguments: [term.field, term.key]),
              (row[1] as Int) >= readWholeFrom, try WorkBlocks.areCurrent(db) else { return nil }
        let mask = UInt64(1) << UInt64(row[0] as Int)
        var set = WorkIDSet(capacity: capacity)
        try FastStatement(db, "SELECT block, flags FROM work_flags").query { row in
            let first = row.int(0) << Int64(blockShift)
            row.withBytes(1) { bytes in
                guard bytes.count == blockSize * 8 else { return }
                for offset in 0..<blockSize where bytes.loadUnaligned(fromByteOffset: offset * 8, as: UInt64.self).littleEndian & mask != 0 {
                    set.insert(first + Int64(offset))
                }
            }
        }
        return set
    }

    /// The works of `ids` (ascending) that have `term`, or that have it not (`negated`); nil
    /// when the term has no bit or the blocks cannot be read.
    static func filter(_ ids: [Int64], by term: (field: String, key: String), negated: Bool, capacity: Int64, _ db: Database) throws -> WorkIDSet? {
        guard let bit = try bit(of: term, db), try WorkBlocks.areCurrent(db) else { return nil }
        let mask = UInt64(1) << UInt64(bit)
        var kept = WorkIDSet(capacity: capacity)
        // A block without a row has no flags.
        try WorkBlocks.values(of: ids, UInt64.self, from: "SELECT flags FROM work_flags WHERE block = ?", db) { id, flags in
            if ((flags ?? 0) & mask != 0) != negated { kept.insert(id) }
        }
        return kept
    }
}
