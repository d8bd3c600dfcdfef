import GRDB

/// A fixed-width value per work, 4,096 works to a row, little-endian (`work_date`,
/// `work_flags`, `work_author_key`): read for a sorted list of work ids a block at a time.
enum WorkBlocks {
    static let shift = 12
    static let size = 1 << shift

    /// Every block up to the one of the highest work id.
    static func every(_ db: Database) throws -> [Int64] {
        let last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM work") ?? -1
        return last < 0 ? [] : Array(0...(last >> Int64(shift)))
    }

    /// Whether the blocks can be read: no block is marked stale by the work table's triggers
    /// (`work_date_stale`; a batch clears the marks before it commits).
    static func areCurrent(_ db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM work_date_stale)") == 0
    }

    /// A block's values as stored.
    static func bytes<Value: FixedWidthInteger>(_ values: [Value]) -> [UInt8] {
        values.map(\.littleEndian).withUnsafeBytes { Array($0) }
    }

    /// Writes each of `blocks` into `table` (`block`, `column`) as `values` gives it, and
    /// deletes the row of a block it gives nothing for.
    static func write(_ blocks: [Int64], into table: String, column: String, _ db: Database,
                      values: (Int64) throws -> [UInt8]?) throws {
        let write = try FastStatement(db, "INSERT OR REPLACE INTO \(table) (block, \(column)) VALUES (?, ?)")
        let delete = try FastStatement(db, "DELETE FROM \(table) WHERE block = ?")
        for block in blocks where block >= 0 {
            if let bytes = try values(block) {
                try write.bind(block).bind(blob: bytes).run()
            } else {
                try delete.bind(block).run()
            }
        }
    }

    /// The blocks of `table` whose `column` differs from what `values` gives, and the rows it
    /// holds past the last work's block.
    static func mismatches(in table: String, column: String, _ db: Database,
                           values: (Int64) throws -> [UInt8]?) throws -> (differing: [Int64], extra: [Int64]) {
        var stored: [Int64: [UInt8]] = [:]
        try FastStatement(db, "SELECT block, \(column) FROM \(table)").query { row in stored[row.int(0)] = row.bytes(1) }
        var differing: [Int64] = []
        for block in try every(db) where stored.removeValue(forKey: block) != (try values(block)) {
            differing.append(block)
        }
        return (differing, stored.keys.sorted())
    }

    /// The ids of a block, as text: `works 4096–8191`.
    static func describe(_ block: Int64) -> String {
        let first = block << Int64(shift)
        return "works \(first)–\(first + Int64(size) - 1)"
    }

    /// Calls `body` with each of `ids` (ascending) and its value in the blocks `select` reads
    /// (the blob of the block bound to it), or nil where the block has no row of that size.
    static func values<Value: FixedWidthInteger>(of ids: [Int64], _: Value.Type, from select: String, _ db: Database,
                                                 _ body: (Int64, Value?) -> Void) throws {
        let read = try FastStatement(db, select)
        let width = MemoryLayout<Value>.size
        var index = 0
        while index < ids.count {
            let block = ids[index] >> Int64(shift)
            let first = block << Int64(shift)
            var end = index
            while end < ids.count, ids[end] >> Int64(shift) == block { end += 1 }
            var found = false
            try read.bind(block).query { row in
                row.withBytes(0) { bytes in
                    guard bytes.count == size * width else { return }
                    found = true
                    for position in index..<end {
                        let value = bytes.loadUnaligned(fromByteOffset: Int(ids[position] - first) * width, as: Value.self)
                        body(ids[position], Value(littleEndian: value))
                    }
                }
            }
            if !found { for position in index..<end { body(ids[position], nil) } }
            index = end
        }
    }
}
