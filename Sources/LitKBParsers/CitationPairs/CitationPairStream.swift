import Foundation
import LitKBModel

/// Reads the NIH Open Citation Collection (iCite's `open_citation_collection.csv`, layout in
/// `../shared/formats/nih-occ.md`): a header `citing,referenced`, then one pair of PMIDs a
/// line. The file holds 870 million lines, so it is read in 1 MB blocks and parsed as bytes,
/// and pairs come out in chunks, never one value per line:
///
/// ```swift
/// let stream = try CitationPairStream(path: "open_citation_collection.zip", displayName: "occ.zip")
/// while let chunk = stream.next() { store(chunk.pairs) }   // chunk.errors: bad lines, by number
/// ```
///
/// Plain, gzip'd and zipped files read alike. A line that is not two PMIDs is reported by its
/// number and passed over; the lines after it come out.
public final class CitationPairStream: @unchecked Sendable {
    /// Lines of the file up to the end of this chunk (the header is line 1), the pairs they
    /// gave, and the lines that could not be read.
    public struct Chunk: Sendable {
        public var pairs: [CitationPair] = []
        public var throughLine = 0
        public var errors: [ParseError] = []
    }

    /// Pairs per chunk: a store's transaction.
    public let chunkSize: Int
    private let input: CompressedInput?
    private let file: String
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var ended = false
    private var line = 1
    /// Lines of the file to pass over (read, not parsed): what an interrupted ingest committed.
    private var skipThrough = 0
    /// Inside a line longer than `longestLine`, whose start was reported.
    private var skippingLongLine = false
    private static let longestLine = 1 << 20
    /// Why the input broke off, once it has: reported with the chunk that ends there.
    private var failure: String?
    private var brokeOff = false

    public var fractionRead: Double? { input?.fractionRead }
    /// What the file is inside its container: `plain`, `gzip`, or the zip member's name.
    public var container: String {
        switch input?.kind {
        case .zip(let member)?: "zip member \(member)"
        case .gzip?: "gzip"
        default: "plain"
        }
    }
    /// How many bytes the CSV holds, when known before reading it (a plain file, or a zip member
    /// whose size the archive states): for an estimate of its pairs.
    public var expectedSize: Int? { input?.expectedSize }

    public init(path: String, displayName: String, chunkSize: Int = 500_000) throws(ParseError) {
        do throws(CompressedInput.InputError) {
            input = try CompressedInput(path: path)
        } catch {
            throw ParseError(location: SourceLocation(file: displayName), message: error.description)
        }
        file = displayName
        self.chunkSize = chunkSize
        buffer = [UInt8](repeating: 0, count: 1 << 20)
        try readHeader()
    }

    public init(data: Data, displayName: String, chunkSize: Int = 500_000) throws(ParseError) {
        input = nil
        file = displayName
        self.chunkSize = chunkSize
        buffer = [UInt8](data)
        end = buffer.count
        ended = true
        try readHeader()
    }

    /// The first line of a citation-pair file, as far as `FormatDetector` needs to know it.
    public static func looksLikeCitationPairs(_ head: Substring) -> Bool {
        let firstLine = head.prefix { $0 != "\n" && $0 != "\r" }.lowercased().replacingOccurrences(of: "\"", with: "")
        return firstLine.replacingOccurrences(of: " ", with: "") == "citing,referenced"
    }

    private func readHeader() throws(ParseError) {
        guard let header = nextLine() else {
            throw ParseError(location: SourceLocation(file: file, line: 1), message: "empty file: no header line `citing,referenced`")
        }
        var text = String(decoding: header, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard Self.looksLikeCitationPairs(Substring(text)) else {
            throw ParseError(location: SourceLocation(file: file, line: 1),
                             message: "not a citation-pair CSV: the header is \(text.prefix(60).debugDescription), not `citing,referenced`")
        }
    }

    /// Lines up to `line` are read and not parsed: an interrupted ingest stored them.
    public func passOver(through line: Int) { skipThrough = line }

    /// The next chunk of pairs, or nil at the end of the file.
    public func next() -> Chunk? {
        var chunk = Chunk()
        chunk.pairs.reserveCapacity(chunkSize)
        while chunk.pairs.count < chunkSize {
            guard let bytes = nextLineSlice() else { break }
            defer { line += 1 }
            if line <= skipThrough { continue }
            if let pair = Self.pair(bytes.0, bytes.1, in: buffer) {
                chunk.pairs.append(pair)
            } else if !isBlank(bytes) {
                chunk.errors.append(error(for: bytes))
            }
        }
        chunk.throughLine = line - 1
        if let failure {
            self.failure = nil
            chunk.errors.append(ParseError(location: SourceLocation(file: file, line: line), message: "\(failure): the pairs before line \(line.grouped) are read"))
        }
        return chunk.pairs.isEmpty && chunk.errors.isEmpty ? nil : chunk
    }

    /// Two runs of decimal digits split by a comma, each at most 12 long and above zero; spaces,
    /// quotes and a final `\r` around them are allowed.
    static func pair(_ from: Int, _ to: Int, in bytes: [UInt8]) -> CitationPair? {
        var index = from
        func number() -> Int64? {
            while index < to, bytes[index] == 0x20 || bytes[index] == 0x22 { index += 1 }
            var value: Int64 = 0, digits = 0
            while index < to, bytes[index] &- 0x30 < 10 {
                value = value &* 10 &+ Int64(bytes[index] &- 0x30)
                digits += 1
                index += 1
            }
            while index < to, bytes[index] == 0x20 || bytes[index] == 0x22 || bytes[index] == 0x0D { index += 1 }
            return digits > 0 && digits <= 12 && value > 0 ? value : nil
        }
        guard let citing = number(), index < to, bytes[index] == 0x2C else { return nil }
        index += 1
        guard let cited = number(), index == to else { return nil }
        return CitationPair(citing: citing, cited: cited)
    }

    private func isBlank(_ range: (Int, Int)) -> Bool {
        buffer[range.0..<range.1].allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }
    }

    private func error(for range: (Int, Int)) -> ParseError {
        let text = String(decoding: buffer[range.0..<min(range.1, range.0 + 80)], as: UTF8.self)
        return ParseError(location: SourceLocation(file: file, line: line),
                          message: "not a pair of PMIDs (`citing,referenced`): \(text.debugDescription)")
    }

    private func nextLine() -> [UInt8]? {
        guard let (from, to) = nextLineSlice() else { return nil }
        defer { line += 1 }
        return Array(buffer[from..<to])
    }

    /// The bounds of the next line in `buffer`, without its `\n`.
    private func nextLineSlice() -> (Int, Int)? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                defer { start = newline + 1 }
                if skippingLongLine {
                    // The rest of a line already reported: not a line of its own.
                    skippingLongLine = false
                    continue
                }
                return (start, newline)
            }
            // No pair is that long: the first megabyte is reported, the rest passed over.
            if end - start >= Self.longestLine {
                if skippingLongLine {
                    start = end
                } else {
                    skippingLongLine = true
                    defer { start = end }
                    return (start, start + 200)
                }
            }
            guard fill() else {
                // A line the input broke off inside may be a pair cut short (`12486199,17399`):
                // it is not read as one.
                if skippingLongLine || brokeOff { return nil }
                guard start < end else { return nil }
                defer { start = end }
                return (start, end)
            }
        }
    }

    /// Moves what is left of the buffer to its start and reads another block; false at the end.
    private func fill() -> Bool {
        guard !ended, let input else { return false }
        if start > 0 {
            buffer.withUnsafeMutableBytes { raw in
                _ = memmove(raw.baseAddress!, raw.baseAddress! + start, end - start)
            }
            end -= start
            start = 0
        }
        // A line longer than the block (not a pair: a pair is at most 27 bytes) is passed over
        // by `nextLineSlice` once it fills the buffer: the buffer grows only for data in memory.
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: Self.longestLine)) }
        let count = buffer.withUnsafeMutableBytes { input.read(into: $0.baseAddress! + end, count: $0.count - end) }
        if count <= 0 {
            ended = true
            if count < 0 {
                failure = input.failure ?? "the input cannot be read further"
                brokeOff = true
            }
            return false
        }
        end += count
        return true
    }
}
