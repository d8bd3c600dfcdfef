import Foundation
import LitKBModel

/// The lines of an input, plain or gzip'd, read a block at a time: text formats of any size are
/// read in the memory of one line. A line longer than `maximumLineLength` is passed over (its
/// length counted), never held.
final class LineInput {
    enum Line {
        /// A line's bytes, without its `\n` (a `\r` before it stays).
        case text([UInt8], number: Int)
        /// A line over the limit, skipped.
        case tooLong(number: Int, length: Int)
        /// The input breaks off here (a truncated or corrupt gzip stream).
        case unreadable(number: Int)
    }

    private let file: XMLFileInput?
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    private var failed = false
    private var lineNumber = 0
    let maximumLineLength: Int
    /// Bytes read at a time: 64 KB, as `RecordSplitter` reads (tests make it small).
    private let blockSize: Int

    /// The share of the file read so far; nil for data in memory or a file of unknown size.
    var fractionRead: Double? { file?.fractionRead }

    /// Opens `path`; nil when it cannot be opened.
    init?(path: String, maximumLineLength: Int, blockSize: Int = 1 << 16) {
        guard let file = XMLFileInput(path: path) else { return nil }
        self.file = file
        self.maximumLineLength = maximumLineLength
        self.blockSize = blockSize
    }

    init(data: Data, maximumLineLength: Int) {
        file = nil
        buffer = [UInt8](data)
        ended = true
        self.maximumLineLength = maximumLineLength
        blockSize = 0
    }

    /// Up to `count` bytes from the start of the input, without consuming them.
    func peek(_ count: Int) -> [UInt8] {
        while buffer.count - start < count, fill() {}
        return Array(buffer[start..<min(buffer.count, start + count)])
    }

    func next() -> Line? {
        // Bytes after `start` already searched for a line end: `fill` moves the buffer, so the
        // count is kept from `start`, not as an index.
        var searched = 0
        while true {
            if let newline = buffer[(start + searched)...].firstIndex(of: UInt8(ascii: "\n")) {
                lineNumber += 1
                if newline - start > maximumLineLength {
                    defer { start = newline + 1 }
                    return .tooLong(number: lineNumber, length: newline - start)
                }
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return .text(line, number: lineNumber)
            }
            searched = buffer.count - start
            if searched > maximumLineLength { return skipLongLine() }
            guard fill() else {
                if failed {
                    failed = false
                    return .unreadable(number: lineNumber + 1)
                }
                guard start < buffer.count else { return nil }
                lineNumber += 1
                let line = Array(buffer[start...])
                start = buffer.count
                return .text(line, number: lineNumber)
            }
        }
    }

    /// Passes over the rest of a line too long to hold.
    private func skipLongLine() -> Line {
        lineNumber += 1
        var length = 0
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                length += newline - start
                start = newline + 1
                return .tooLong(number: lineNumber, length: length)
            }
            length += buffer.count - start
            start = buffer.count
            guard fill() else { return .tooLong(number: lineNumber, length: length) }
        }
    }

    /// Reads another block; false at the end of the input or when it cannot be read.
    private func fill() -> Bool {
        guard !ended, let file else { return false }
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: blockSize))
        let count = buffer.withUnsafeMutableBytes { file.read(into: $0.baseAddress! + old, count: blockSize) }
        buffer.removeSubrange((old + max(count, 0))...)
        if count <= 0 {
            ended = true
            failed = count < 0
            return false
        }
        return true
    }
}
