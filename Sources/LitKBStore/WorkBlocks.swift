import GRDB

/// A fixed-width value per work, 4,096 works to a row, little-endian (`work_date`,
/// `work_flags`): read for a sorted list of work ids a block at a time.
enum WorkBlocks {
    static let shift = 12
    static let size = 1 << shift

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
