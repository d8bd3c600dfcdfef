import Foundation
import GRDB
import GRDBSQLite

/// Search's relevance: `litkb_bm25(work_fts, …)` returns what FTS5's own `bm25(work_fts, …)`
/// returns, to the last bit, at a fraction of the cost over many matches.
///
/// BM25 needs each matching row's length in tokens. FTS5's bm25 reads it from the `docsize`
/// table, one B-tree search per match: about 0.7 µs, most of the ranking's cost (`patients`
/// matches 192,560 works at 1M records: 7 ms to walk the match, 180 ms to rank it). litkb keeps
/// the same lengths in `fts_length`, 4,096 rows' lengths to a row of that table, so a match's
/// length is an array read and a query reads at most one row of `fts_length` per 4,096 works.
///
/// The blocks are rewritten from `docsize` in the transaction that changes the index
/// (`FullTextIndex.refreshDirty`), and a query first compares their total rows and tokens with
/// FTS5's own: if they disagree (an index written some other way), or a block is missing, or a
/// length does not fit 16 bits, that length is read from FTS5 as its bm25 reads it. Only a
/// block wrong in a way the totals cannot show (two lengths swapped) would change scores; no
/// write of litkb's makes one, and `litkb check` compares every block with `docsize`.
enum FullTextRank {
    /// The relevance expression over `work_fts`: BM25 with title 10, abstract 1, keywords 4,
    /// MeSH 2; FTS5's own bm25 where litkb_bm25 cannot match it (`agreesWithFTS5`).
    static var sql: String { agreesWithFTS5 ? "litkb_bm25(work_fts, \(weights))" : "bm25(work_fts, \(weights))" }
    static let weights = "10.0, 1.0, 4.0, 2.0"

    /// Whether litkb_bm25 gives bm25's very doubles here, tried once a process on a small
    /// in-memory table. It computes the same operations in the same order, but a C compiler
    /// may fuse a multiplication and an addition into one instruction (GCC and clang do on
    /// arm64 by default) and Swift does not: where SQLite was built so, search ranks with
    /// bm25 itself, slower, rather than ranking differently.
    static let agreesWithFTS5: Bool = {
        do {
            return try DatabaseQueue().write { db in
                register(on: db)
                try db.execute(sql: "CREATE VIRTUAL TABLE t USING fts5(a, b, c, d)")
                let words = ["alpha", "beta", "gamma", "delta", "omega"]
                for row in 0..<60 {
                    func text(_ count: Int) -> String { (0..<count).map { words[($0 * 7 + row * 3) % (row % 4 + 2)] }.joined(separator: " ") }
                    try db.execute(sql: "INSERT INTO t VALUES (?, ?, ?, ?)", arguments: [text(row % 9 + 1), text(row * 5 % 83), text(row % 3), text(row % 5)])
                }
                for query in ["alpha", "beta OR delta", "gamma NOT alpha", "\"alpha beta\"", "b: delta"] {
                    let differing = try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM t WHERE t MATCH ? AND bm25(t, \(weights)) IS NOT litkb_bm25(t, \(weights))
                        """, arguments: [query]) ?? 1
                    if differing != 0 { return false }
                }
                return true
            }
        } catch {
            return false
        }
    }()

    static let blockShift = 12
    static let blockSize = 1 << blockShift
    /// A length this block does not hold: read it from FTS5.
    static let unknownLength = UInt16.max
    /// The row of `fts_length` holding the totals of all blocks.
    static let totalsBlock: Int64 = -1

    // MARK: Keeping the blocks

    /// The blocks holding `ids` (a query of one column of work ids), for `refresh(blocks:)`
    /// once the index has been written.
    static func blocks(ofIDsIn query: String, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT DISTINCT id >> \(blockShift) FROM (\(query))")
    }

    /// Writes each block again from FTS5's `docsize`, and the totals by the change.
    static func refresh(blocks: [Int64], in db: Database) throws {
        guard !blocks.isEmpty else { return }
        var rowsDelta: Int64 = 0, tokensDelta: Int64 = 0
        let old = try db.cachedStatement(sql: "SELECT rows, tokens FROM fts_length WHERE block = ?")
        let write = try db.cachedStatement(sql: "INSERT OR REPLACE INTO fts_length (block, rows, tokens, lengths) VALUES (?, ?, ?, ?)")
        let delete = try db.cachedStatement(sql: "DELETE FROM fts_length WHERE block = ?")
        for block in blocks where block >= 0 {
            if let row = try Row.fetchOne(old, arguments: [block]) {
                rowsDelta -= row[0] as Int64
                tokensDelta -= row[1] as Int64
            }
            let fresh = try Block(block, db)
            if fresh.rows == 0 {
                try delete.execute(arguments: [block])
            } else {
                try write.execute(arguments: [block, fresh.rows, fresh.tokens, fresh.blob])
            }
            rowsDelta += fresh.rows
            tokensDelta += fresh.tokens
        }
        try db.execute(sql: """
            INSERT INTO fts_length (block, rows, tokens, lengths) VALUES (?1, ?2, ?3, x'')
            ON CONFLICT (block) DO UPDATE SET rows = rows + ?2, tokens = tokens + ?3
            """, arguments: [totalsBlock, rowsDelta, tokensDelta])
    }

    /// Every block written again from `docsize`: a new or repaired `fts_length`.
    static func rebuild(in db: Database) throws {
        try db.execute(sql: "DELETE FROM fts_length")
        try db.execute(sql: "INSERT INTO fts_length (block, rows, tokens, lengths) VALUES (?, 0, 0, x'')", arguments: [totalsBlock])
        try refresh(blocks: try everyBlock(db), in: db)
    }

    private static func everyBlock(_ db: Database) throws -> [Int64] {
        let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM work_fts_docsize") ?? -1
        return last < 0 ? [] : Array(0...(last >> Int64(blockShift)))
    }

    /// What `fts_length` holds that differs from what `docsize` says, described; empty when
    /// they agree. A check for `litkb check` and the tests.
    static func mismatches(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var stored: [Int64: Row] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT block, rows, tokens, lengths FROM fts_length") { stored[row[0]] = row }
        var rows: Int64 = 0, tokens: Int64 = 0
        for block in try everyBlock(db) {
            let fresh = try Block(block, db)
            rows += fresh.rows
            tokens += fresh.tokens
            let kept = stored.removeValue(forKey: block)
            if fresh.rows == 0, kept == nil { continue }
            if kept?[1] != fresh.rows || kept?[2] != fresh.tokens || kept?[3] != fresh.blob {
                let first = block << Int64(blockShift)
                problems.append("works \(first)–\(first + Int64(blockSize) - 1): their lengths in fts_length differ from FTS5's")
            }
        }
        let totals = stored.removeValue(forKey: totalsBlock)
        if (totals?[1] as Int64? ?? 0) != rows || (totals?[2] as Int64? ?? 0) != tokens {
            problems.append("fts_length's totals (\(totals?[1] as Int64? ?? 0) rows, \(totals?[2] as Int64? ?? 0) tokens) "
                            + "differ from FTS5's (\(rows) rows, \(tokens) tokens)")
        }
        problems += stored.keys.sorted().map { "fts_length holds block \($0), where FTS5 has no rows" }
        return problems
    }

    /// One block as `docsize` gives it.
    private struct Block {
        var rows: Int64 = 0
        var tokens: Int64 = 0
        var blob: Data

        init(_ block: Int64, _ db: Database) throws {
            let first = block << Int64(blockShift)
            // A rowid without a row holds "unknown", not 0: were FTS5 to gain a row there some
            // other way, its length would be read from docsize, not taken as 0.
            var entries = [UInt16](repeating: unknownLength, count: blockSize)
            let lengths = try db.cachedStatement(sql: "SELECT id, sz FROM work_fts_docsize WHERE id BETWEEN ? AND ?")
            let cursor = try Row.fetchCursor(lengths, arguments: [first, first + Int64(blockSize) - 1])
            var rows: Int64 = 0, tokens: Int64 = 0
            while let row = try cursor.next() {
                let id: Int64 = row[0]
                let size = try row.withUnsafeData(atIndex: 1) { documentSize($0) }
                rows += 1
                tokens += size
                entries[Int(id - first)] = size < Int64(unknownLength) ? UInt16(size) : unknownLength
            }
            self.rows = rows
            self.tokens = tokens
            blob = entries.withUnsafeBytes { Data($0) }
        }
    }

    /// A row's length in tokens from its `docsize` value: one SQLite varint per column, summed,
    /// as FTS5's xColumnSize(-1) sums them.
    static func documentSize(_ data: Data?) -> Int64 {
        guard let data else { return 0 }
        var total: Int64 = 0
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var index = 0
            while index < bytes.count {
                var value: UInt64 = 0
                var length = 0
                while index < bytes.count {
                    let byte = bytes[index]
                    index += 1
                    length += 1
                    if length == 9 {
                        value = (value << 8) | UInt64(byte)
                        break
                    }
                    value = (value << 7) | UInt64(byte & 0x7F)
                    if byte & 0x80 == 0 { break }
                }
                total += Int64(truncatingIfNeeded: Int32(truncatingIfNeeded: value))
            }
        }
        return total
    }

    /// The best `limit` matches of an FTS5 query by BM25, best first (lower score, then lower
    /// rowid), with FTS5's bm25 score: what `ORDER BY bm25(…), rowid LIMIT n` gives, in one
    /// pass over the matches without sorting them all. Nil in the rare case `TopMatches.ranked`
    /// cannot tell the last of them apart; the caller then sorts every match.
    static func best(_ db: Database, _ pattern: String, limit: Int, within admitted: WorkIDSet? = nil) throws -> [(id: Int64, score: Double)]? {
        guard agreesWithFTS5 else {
            if admitted != nil { return nil }
            var best: [(id: Int64, score: Double)] = []
            try FastStatement(db, "SELECT rowid, \(sql) AS score FROM work_fts WHERE work_fts MATCH ? ORDER BY score, rowid LIMIT ?")
                .bind(pattern).bind(limit).query { best.append(($0.int(0), $0.double(1))) }
            return best
        }
        // A margin beyond the limit tells ties at its edge apart.
        let top = TopMatches(capacity: limit + 32, walksOnePhrase: !pattern.contains("*"), admitted: admitted)
        try FastStatement(db, "SELECT 1 FROM work_fts WHERE work_fts MATCH ?1 AND litkb_top(work_fts, ?2, \(weights)) LIMIT 1")
            .bind(pattern).bind(pointer: top, type: topMatchesType).query { _ in }
        return top.ranked(limit: limit)
    }

    // MARK: The functions

    /// The type of the pointer `litkb_top` takes: a `TopMatches`.
    static let topMatchesType: StaticString = "litkb_top_matches"

    /// Registers `litkb_bm25(work_fts, weights…)` and `litkb_top(work_fts, matches, weights…)`
    /// with the connection's FTS5.
    static func register(on db: Database) {
        let api = UnsafeMutablePointer(mutating: FTS5.api(db))
        _ = api.pointee.xCreateFunction(api, "litkb_bm25", nil, { api, context, result, count, values in
            guard let api, let context else { return }
            var score = 0.0
            let code = FullTextRank.rowScore(api, context, result, count, values, top: false, into: &score)
            if code == SQLITE_OK { sqlite3_result_double(result, -1.0 * score) } else { sqlite3_result_error_code(result, code) }
        }, nil)
        _ = api.pointee.xCreateFunction(api, "litkb_top", nil, { api, context, result, count, values in
            guard let api, let context else { return }
            var key = 0.0
            switch FullTextRank.rowScore(api, context, result, count, values, top: true, into: &key) {
            case SQLITE_OK: sqlite3_result_int(result, 0)
            // Every match ranked: the statement's LIMIT 1 stops it.
            case SQLITE_DONE: sqlite3_result_int(result, 1)
            case let code: sqlite3_result_error_code(result, code)
            }
        }, nil)
    }

    /// What one query needs for every row: fts5_aux.c's Fts5Bm25Data, and the block at hand.
    /// Plain memory, not a class: the score of a match is a few hundred nanoseconds, and
    /// retains and exclusivity checks were a tenth of it.
    private struct QueryState {
        var phrases = 0
        var idf: UnsafeMutablePointer<Double>
        var frequencies: UnsafeMutablePointer<Double>
        var weights: UnsafeMutablePointer<Double>
        var weightCount = 0
        var rows: Int64 = 0
        var averageLength = 0.0
        /// One phrase, ranked by litkb_top: its IDF is the same for every match, so it is
        /// applied once its matches are counted (`TopMatches.ranked`) instead of by a pass of
        /// its own over them.
        var idfDeferred = false
        /// The blocks agree with FTS5's totals and can be read.
        var usable = false
        var connection: OpaquePointer?
        var blob: OpaquePointer?
        var block: Int64 = -1
        var blockLoaded = false
        var lengths: UnsafeMutablePointer<UInt16>
        /// litkb_top's `TopMatches`, bound to the statement, unretained.
        var matches: UnsafeMutableRawPointer?
        /// One phrase's matches have all been ranked (see `rowScore`).
        var walked = false

        init(phrases: Int, weights: Int) {
            self.phrases = phrases
            idf = .allocate(capacity: max(phrases, 1))
            idf.initialize(repeating: 0, count: max(phrases, 1))
            frequencies = .allocate(capacity: max(phrases, 1))
            frequencies.initialize(repeating: 0, count: max(phrases, 1))
            self.weights = .allocate(capacity: max(weights, 1))
            weightCount = weights
            lengths = .allocate(capacity: FullTextRank.blockSize)
        }

        func release() {
            if let blob { sqlite3_blob_close(blob) }
            idf.deallocate()
            frequencies.deallocate()
            weights.deallocate()
            lengths.deallocate()
        }
    }

    /// The BM25 of the current row as fts5_aux.c's fts5Bm25Function computes it (the same
    /// operations in the same order, so the same doubles), the row's length aside. For
    /// litkb_top (`top`: the first argument is its `TopMatches`), offered to the matches too;
    /// with one phrase, its term frequency part alone (see `QueryState.idfDeferred`).
    @inline(__always)
    private static func rowScore(_ api: UnsafePointer<Fts5ExtensionApi>, _ context: OpaquePointer, _ result: OpaquePointer?,
                                 _ count: Int32, _ values: UnsafeMutablePointer<OpaquePointer?>?, top: Bool,
                                 into score: inout Double) -> Int32 {
        let state: UnsafeMutablePointer<QueryState>
        if let stored = api.pointee.xGetAuxdata(context, 0) {
            state = stored.assumingMemoryBound(to: QueryState.self)
        } else {
            var matches: UnsafeMutableRawPointer?
            if top {
                matches = count < 1 ? nil : topMatchesType.utf8Start.withMemoryRebound(to: CChar.self, capacity: 1) {
                    sqlite3_value_pointer(values?[0], $0)
                }
                guard matches != nil else { return SQLITE_MISUSE }
            }
            let weights = UnsafeBufferPointer(start: values.map { $0 + (top ? 1 : 0) }, count: max(Int(count) - (top ? 1 : 0), 0))
            let phrases = Int(api.pointee.xPhraseCount(context))
            state = .allocate(capacity: 1)
            state.initialize(to: QueryState(phrases: phrases, weights: weights.count))
            state.pointee.matches = matches
            let set = api.pointee.xSetAuxdata(context, state) { raw in
                let state = raw!.assumingMemoryBound(to: QueryState.self)
                state.pointee.release()
                state.deinitialize(count: 1)
                state.deallocate()
            }
            if set != SQLITE_OK { return set }
            let code = prepare(state, api, context, result, weights: weights, deferIDF: top && phrases == 1)
            if code != SQLITE_OK { return code }
            if let matches {
                Unmanaged<TopMatches>.fromOpaque(matches)._withUnsafeGuaranteedRef {
                    $0.begin(rows: state.pointee.rows, idfDeferred: state.pointee.idfDeferred)
                }
            }
        }
        if state.pointee.idfDeferred, let matches = state.pointee.matches,
           Unmanaged<TopMatches>.fromOpaque(matches)._withUnsafeGuaranteedRef({ $0.walksOnePhrase }) {
            // One phrase: its matches are the query's, walked here in one call through
            // xQueryPhrase, without a row of the statement each; the statement then stops.
            if state.pointee.walked { return SQLITE_DONE }
            state.pointee.walked = true
            var walk = (state: state, code: SQLITE_OK)
            let code = api.pointee.xQueryPhrase(context, 0, &walk) { api, context, walk in
                let walk = walk!.assumingMemoryBound(to: (state: UnsafeMutablePointer<QueryState>, code: Int32).self)
                guard let api, let context else { return SQLITE_MISUSE }
                let matches = walk.pointee.state.pointee.matches!
                if Unmanaged<TopMatches>.fromOpaque(matches)._withUnsafeGuaranteedRef({ $0.passesOver(api.pointee.xRowid(context)) }) {
                    return SQLITE_OK
                }
                var score = 0.0
                walk.pointee.code = FullTextRank.score(api, context, walk.pointee.state, into: &score)
                if walk.pointee.code == SQLITE_OK {
                    let rowid = api.pointee.xRowid(context)
                    Unmanaged<TopMatches>.fromOpaque(walk.pointee.state.pointee.matches!)._withUnsafeGuaranteedRef { $0.offer(score, rowid) }
                }
                return walk.pointee.code
            }
            return code == SQLITE_OK ? SQLITE_DONE : code
        }
        if let matches = state.pointee.matches,
           Unmanaged<TopMatches>.fromOpaque(matches)._withUnsafeGuaranteedRef({ $0.passesOver(api.pointee.xRowid(context)) }) {
            return SQLITE_OK
        }
        let code = FullTextRank.score(api, context, state, into: &score)
        if code == SQLITE_OK, let matches = state.pointee.matches {
            let score = score, rowid = api.pointee.xRowid(context)
            Unmanaged<TopMatches>.fromOpaque(matches)._withUnsafeGuaranteedRef { $0.offer(score, rowid) }
        }
        return code
    }

    /// The current row's score from the query's state (see `rowScore`).
    @inline(__always)
    private static func score(_ api: UnsafePointer<Fts5ExtensionApi>, _ context: OpaquePointer, _ state: UnsafeMutablePointer<QueryState>,
                              into score: inout Double) -> Int32 {
        let k1 = 1.2, b = 0.75
        let phrases = state.pointee.phrases
        let frequencies = state.pointee.frequencies
        let weights = state.pointee.weights, weightCount = state.pointee.weightCount
        // Each phrase's instances in the order bm25 adds them (xInst lists them by position,
        // and a phrase's own instances come in the same order), without building the instance
        // array xInstCount builds across phrases.
        var code = SQLITE_OK
        for phrase in 0..<phrases {
            var instances = Fts5PhraseIter()
            var column: Int32 = 0, offset: Int32 = 0
            code = api.pointee.xPhraseFirst(context, Int32(phrase), &instances, &column, &offset)
            if code != SQLITE_OK { return code }
            var frequency = 0.0
            while column >= 0 {
                frequency += Int(column) < weightCount ? weights[Int(column)] : 1.0
                api.pointee.xPhraseNext(context, &instances, &column, &offset)
            }
            frequencies[phrase] = frequency
        }
        let rowid = api.pointee.xRowid(context)
        var length = Int32(-1)
        if state.pointee.usable {
            let block = rowid >> Int64(blockShift)
            if block != state.pointee.block { load(block, state) }
            if state.pointee.blockLoaded {
                let stored = state.pointee.lengths[Int(rowid & Int64(blockSize - 1))]
                if stored != unknownLength { length = Int32(stored) }
            }
        }
        if length < 0 {
            code = api.pointee.xColumnSize(context, -1, &length)
            if code != SQLITE_OK { return code }
        }
        let D = Double(length)
        let averageLength = state.pointee.averageLength
        score = 0.0
        if state.pointee.idfDeferred {
            let frequency = frequencies[0]
            score = (frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * D / averageLength))
        } else {
            let idf = state.pointee.idf
            for index in 0..<phrases {
                let frequency = frequencies[index]
                // A phrase absent from the row adds idf × 0 = +0.0, which changes no score:
                // its IDF (a pass over its matches) is found when a row first holds it, so a
                // phrase under NOT never costs one.
                if frequency == 0 { continue }
                if idf[index].isNaN {
                    var hits: Int64 = 0
                    code = api.pointee.xQueryPhrase(context, Int32(index), &hits) { _, _, counter in
                        counter!.assumingMemoryBound(to: Int64.self).pointee += 1
                        return SQLITE_OK
                    }
                    if code != SQLITE_OK { return code }
                    idf[index] = FullTextRank.idf(rows: state.pointee.rows, hits: hits)
                }
                score += idf[index] * ((frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * D / averageLength)))
            }
        }
        return SQLITE_OK
    }

    /// fts5Bm25GetData: the average length and each phrase's IDF (unless deferred); then
    /// whether the blocks agree with FTS5's totals.
    private static func prepare(_ state: UnsafeMutablePointer<QueryState>, _ api: UnsafePointer<Fts5ExtensionApi>, _ context: OpaquePointer,
                                _ result: OpaquePointer?, weights: UnsafeBufferPointer<OpaquePointer?>, deferIDF: Bool) -> Int32 {
        for (index, value) in weights.enumerated() { state.pointee.weights[index] = sqlite3_value_double(value) }
        var rows: Int64 = 0, tokens: Int64 = 0
        var code = api.pointee.xRowCount(context, &rows)
        if code != SQLITE_OK { return code }
        code = api.pointee.xColumnTotalSize(context, -1, &tokens)
        if code != SQLITE_OK { return code }
        state.pointee.rows = rows
        state.pointee.averageLength = Double(tokens) / Double(rows)
        state.pointee.idfDeferred = deferIDF
        // Each phrase's IDF when a row first holds it (see `score`).
        for phrase in 0..<state.pointee.phrases { state.pointee.idf[phrase] = .nan }
        state.pointee.connection = sqlite3_context_db_handle(result)
        state.pointee.usable = blocksAgree(rows: rows, tokens: tokens, state.pointee.connection)
        return SQLITE_OK
    }

    /// fts5_aux.c's IDF, clamped as there.
    static func idf(rows: Int64, hits: Int64) -> Double {
        let idf = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
        return idf <= 0.0 ? 1e-6 : idf
    }

    private static func blocksAgree(rows: Int64, tokens: Int64, _ connection: OpaquePointer?) -> Bool {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT rows, tokens FROM fts_length WHERE block = -1", -1, &statement, nil) == SQLITE_OK
        else { return false }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { return false }
        return sqlite3_column_int64(statement, 0) == rows && sqlite3_column_int64(statement, 1) == tokens
    }

    /// Reads a block's lengths; a block that is missing or of the wrong size is not loaded,
    /// and its rows' lengths are read from FTS5.
    private static func load(_ block: Int64, _ state: UnsafeMutablePointer<QueryState>) {
        state.pointee.block = block
        state.pointee.blockLoaded = false
        guard let connection = state.pointee.connection else { return }
        var code: Int32
        if let blob = state.pointee.blob {
            code = sqlite3_blob_reopen(blob, block)
        } else {
            code = sqlite3_blob_open(connection, "main", "fts_length", "lengths", block, 0, &state.pointee.blob)
        }
        guard code == SQLITE_OK, let blob = state.pointee.blob else {
            // An aborted handle is not reopened: the next block opens a new one.
            if let blob = state.pointee.blob { sqlite3_blob_close(blob) }
            state.pointee.blob = nil
            return
        }
        guard sqlite3_blob_bytes(blob) == Int32(blockSize * 2) else { return }
        state.pointee.blockLoaded = sqlite3_blob_read(blob, state.pointee.lengths, Int32(blockSize * 2), 0) == SQLITE_OK
    }
}

extension KnowledgeBase {
    /// Works matching `pattern` (an FTS5 query) whose litkb_bm25 is not bit for bit FTS5's
    /// bm25: empty when search ranks exactly as FTS5 would. A check for tests over real files.
    public func rankingMismatches(for pattern: String) throws -> [Int64] {
        try read { db in
            try Int64.fetchAll(db, sql: """
                SELECT rowid FROM (SELECT rowid, bm25(work_fts, \(FullTextRank.weights)) AS fts5, \(FullTextRank.sql) AS litkb
                                   FROM work_fts WHERE work_fts MATCH ?)
                WHERE fts5 IS NOT litkb ORDER BY rowid
                """, arguments: [pattern])
        }
    }
}
