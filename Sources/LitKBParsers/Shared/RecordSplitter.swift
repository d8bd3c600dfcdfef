#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element that a format holds one record in, cut from the stream as one unit.
struct RecordKind: Hashable, Sendable {
    let name: String
    /// Names of records whose start tag cannot occur inside this one, so that it ends a record
    /// whose end tag is missing.
    let successorNames: [String]

    static let pubmedArticle = RecordKind(name: "PubmedArticle", successorNames: ["PubmedArticle", "PubmedBookArticle", "DeleteCitation"])
    static let pubmedBookArticle = RecordKind(name: "PubmedBookArticle", successorNames: ["PubmedArticle", "PubmedBookArticle", "DeleteCitation"])
    // `MedlineCitation` lives inside `PubmedArticle`, so it cannot end one.
    static let medlineCitation = RecordKind(name: "MedlineCitation", successorNames: pubMedNames)
    static let deleteCitation = RecordKind(name: "DeleteCitation", successorNames: pubMedNames)
    /// The top-level elements of a PubMed XML file.
    static let pubMed: [RecordKind] = [.pubmedArticle, .pubmedBookArticle, .medlineCitation, .deleteCitation]
    private static let pubMedNames = ["PubmedArticle", "PubmedBookArticle", "MedlineCitation", "DeleteCitation"]
}

/// One record's bytes, cut from the stream without parsing them.
struct RecordChunk {
    enum Ending {
        /// Its own end tag (or `<PubmedArticle/>`): the normal case.
        case endTag
        /// The start of the next record, its own end tag missing.
        case nextRecord
        /// The end of the input, its end tag missing.
        case endOfInput
        /// Input that could not be read (a truncated or corrupt gzip stream).
        case readError
        /// Larger than the splitter's `maximumRecordSize`; its bytes were skipped.
        case tooLarge
    }

    var kind: RecordKind
    /// Bytes from the splitter's current position.
    var count: Int
    /// The line of its start tag, 1-based.
    var line: Int
    var ending: Ending
}

/// Cuts a PubMed XML byte stream into records at their top-level tags, so that each record is
/// parsed on its own: libxml2's streaming reader stops for good at the first well-formedness
/// error, while a record parsed alone fails alone and the records after it still come out.
///
/// The prolog (XML declaration, DOCTYPE, comments) is skipped, never parsed: no DTD is read and
/// no entity it declares is ever expanded. Set elements (`PubmedArticleSet`,
/// `MedlineCitationSet`) are stepped into; anything else at the top level is passed over.
final class RecordSplitter {
    /// What the stream holds next.
    enum Event {
        case record(RecordChunk)
        /// The input could not be read past `line` (a truncated or corrupt gzip stream).
        case readFailed(line: Int)
        /// The input ended with `open` (the set element) still open: a truncated file.
        case unclosed(open: String, line: Int)
        /// The input holds no element at all.
        case noElement
        /// The input is in an encoding the splitter cannot cut (UTF-16, UTF-32).
        case unsupportedEncoding(String)
    }

    /// Real records are below 1 MB; a larger "record" (`InputLimits.maximumRecordSize` unless
    /// told otherwise) is broken or hostile.
    let maximumRecordSize: Int
    /// 64 KB: small enough that a truncated gzip stream loses little (see `XMLFileInput.read`),
    /// large enough that reading costs nothing measurable.
    private static let readSize = 64 << 10

    private let input: XMLFileInput?
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var begin = 0
    private var end = 0
    private var atEnd = false
    private var readFailed = false
    private var finished = false
    /// The line `begin` is on.
    private(set) var line = 1
    private var pendingAdvance = 0
    private var skipping: RecordKind?
    private var openContainers: [String] = []
    private var sawElement = false
    /// The first element that is not a record: the document element (`PubmedArticleSet`, ...).
    private(set) var documentElement: String?
    private var started = false
    /// The encoding the XML declaration names, when it is not UTF-8.
    private(set) var declaredEncoding: String?

    /// The share of the file read so far; nil for bytes in memory or a file of unknown size.
    var fractionRead: Double? { input?.fractionRead }

    /// The kinds of record it cuts; any other element is stepped into.
    let kinds: [RecordKind]

    init(input: XMLFileInput, kinds: [RecordKind] = RecordKind.pubMed, maximumRecordSize: Int = InputLimits.maximumRecordSize) {
        self.input = input
        self.kinds = kinds
        self.maximumRecordSize = maximumRecordSize
        capacity = 4 << 20
        buffer = .allocate(byteCount: capacity, alignment: 8)
    }

    init(bytes: UnsafeRawBufferPointer, kinds: [RecordKind] = RecordKind.pubMed, maximumRecordSize: Int = InputLimits.maximumRecordSize) {
        input = nil
        self.kinds = kinds
        self.maximumRecordSize = maximumRecordSize
        capacity = max(bytes.count, 16)
        buffer = .allocate(byteCount: capacity, alignment: 8)
        if let base = bytes.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
        end = bytes.count
        atEnd = true
    }

    deinit { buffer.deallocate() }

    /// The bytes of `chunk`, valid until the next call to `next()`.
    func bytes(of chunk: RecordChunk) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer + begin, count: chunk.count)
    }

    /// `chunk` shortened to end where the next record starts, when a record's start tag follows
    /// inside it; the stream then goes on from there.
    func cutAtNextRecord(_ chunk: RecordChunk) -> RecordChunk? {
        let bytes = self.bytes(of: chunk)
        var offset = 1
        while offset < bytes.count {
            guard let found = memchr(bytes.baseAddress! + offset, 0x3C, bytes.count - offset) else { return nil }
            let position = UnsafeRawPointer(found) - bytes.baseAddress!
            for successor in kinds where chunk.kind.successorNames.contains(successor.name) && startTag(successor, at: position, in: bytes) {
                pendingAdvance = position
                return RecordChunk(kind: chunk.kind, count: position, line: chunk.line, ending: .nextRecord)
            }
            offset = position + 1
        }
        return nil
    }

    func next() -> Event? {
        advance(by: pendingAdvance)
        pendingAdvance = 0
        if let kind = skipping {
            skipping = nil
            skipRecord(kind)
        }
        if !started {
            started = true
            if let problem = checkEncodingBytes() {
                finished = true
                return problem
            }
        }
        while !finished {
            guard let open = find(0x3C, from: 0) else {
                advance(by: end - begin)
                if fill() { continue }
                return finish()
            }
            advance(by: open)
            ensure(16)
            guard end - begin >= 2 else {
                advance(by: end - begin)
                return finish()
            }
            switch byte(1) {
            case UInt8(ascii: "?"):
                if hasPrefix("<?xml") { readDeclaration() }
                skipPast("?>")
            case UInt8(ascii: "!"):
                if hasPrefix("<!--") { skipPast("-->") } else if hasPrefix("<![CDATA[") { skipPast("]]>") } else { skipDeclaration() }
            case UInt8(ascii: "/"):
                if !openContainers.isEmpty { openContainers.removeLast() }
                skipPast(">")
            default:
                sawElement = true
                if let kind = kinds.first(where: { startTag($0, at: 0) }) {
                    let chunk = scanRecord(kind)
                    pendingAdvance = chunk.ending == .tooLarge ? 0 : chunk.count
                    if chunk.ending == .tooLarge { skipping = kind }
                    return .record(chunk)
                }
                // A set element, or something unknown: step inside it.
                guard let close = tagEnd(from: 1) else { return finish() }
                if documentElement == nil { documentElement = name(at: 1) }
                if byte(close - 1) != UInt8(ascii: "/") { openContainers.append(name(at: 1)) }
                advance(by: close + 1)
            }
        }
        return nil
    }

    // MARK: - Records

    private func scanRecord(_ kind: RecordKind) -> RecordChunk {
        let line = self.line
        guard let close = tagEnd(from: 1) else {
            if end - begin >= maximumRecordSize { return RecordChunk(kind: kind, count: 0, line: line, ending: .tooLarge) }
            return RecordChunk(kind: kind, count: end - begin, line: line, ending: readFailed ? .readError : .endOfInput)
        }
        if byte(close - 1) == UInt8(ascii: "/") { return RecordChunk(kind: kind, count: close + 1, line: line, ending: .endTag) }
        let needle = Array("</\(kind.name)".utf8)
        var from = close + 1
        while true {
            guard let found = find(needle, from: from, limit: maximumRecordSize) else {
                if end - begin >= maximumRecordSize {
                    return RecordChunk(kind: kind, count: 0, line: line, ending: .tooLarge)
                }
                return RecordChunk(kind: kind, count: end - begin, line: line, ending: readFailed ? .readError : .endOfInput)
            }
            var after = found + needle.count
            ensure(after + 64)
            while after < end - begin, isSpace(byte(after)) { after += 1 }
            if after < end - begin, byte(after) == UInt8(ascii: ">") {
                // Already in the buffer (input held in memory, or read ahead) and still too large.
                if after + 1 > maximumRecordSize { return RecordChunk(kind: kind, count: 0, line: line, ending: .tooLarge) }
                return RecordChunk(kind: kind, count: after + 1, line: line, ending: .endTag)
            }
            from = found + 1
        }
    }

    /// Passes over the rest of a record too large to hold, up to its end tag.
    private func skipRecord(_ kind: RecordKind) {
        skipPast("</\(kind.name)>")
    }

    private func startTag(_ kind: RecordKind, at offset: Int) -> Bool {
        ensure(offset + kind.name.utf8.count + 2)
        return startTag(kind, at: offset, in: UnsafeRawBufferPointer(start: buffer + begin, count: end - begin))
    }

    /// True when `<Name` followed by whitespace, `>` or `/` starts at `offset`.
    private func startTag(_ kind: RecordKind, at offset: Int, in bytes: UnsafeRawBufferPointer) -> Bool {
        let name = kind.name.utf8
        guard offset + name.count + 1 < bytes.count, bytes[offset] == UInt8(ascii: "<") else { return false }
        var index = offset + 1
        for character in name {
            if bytes[index] != character { return false }
            index += 1
        }
        let delimiter = bytes[index]
        return delimiter == UInt8(ascii: ">") || delimiter == UInt8(ascii: "/") || isSpace(delimiter)
    }

    // MARK: - Prolog

    /// PubMed files are UTF-8 (or declare an 8-bit encoding); UTF-16 cannot be cut on ASCII tags.
    private func checkEncodingBytes() -> Event? {
        ensure(4)
        guard end - begin >= 2 else { return nil }
        if end - begin >= 3, byte(0) == 0xEF, byte(1) == 0xBB, byte(2) == 0xBF {
            begin += 3
            return nil
        }
        let (first, second) = (byte(0), byte(1))
        if (first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE) || first == 0 || second == 0 {
            return .unsupportedEncoding("UTF-16 or UTF-32 input: litkb reads PubMed XML in UTF-8 (or an 8-bit encoding it declares)")
        }
        return nil
    }

    private func readDeclaration() {
        guard let close = find(Array("?>".utf8), from: 0, limit: 4096) else { return }
        let text = String(decoding: UnsafeRawBufferPointer(start: buffer + begin, count: close), as: UTF8.self)
        guard let range = text.range(of: "encoding") else { return }
        let rest = text[range.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return }
        let value = rest.dropFirst().prefix { $0 != quote }
        let lowered = value.lowercased()
        if lowered != "utf-8", lowered != "utf8", lowered != "us-ascii", lowered != "ascii" { declaredEncoding = String(value) }
    }

    /// `<!DOCTYPE ...>` with an internal subset `[...]` that may hold quoted `>` characters.
    private func skipDeclaration() {
        var offset = 2
        var depth = 0
        var quote: UInt8?
        while true {
            if offset >= end - begin, !fill() { advance(by: end - begin); return }
            let character = byte(offset)
            if let open = quote {
                if character == open { quote = nil }
            } else if character == UInt8(ascii: "\"") || character == UInt8(ascii: "'") {
                quote = character
            } else if character == UInt8(ascii: "[") {
                depth += 1
            } else if character == UInt8(ascii: "]") {
                depth -= 1
            } else if character == UInt8(ascii: ">"), depth <= 0 {
                advance(by: offset + 1)
                return
            }
            offset += 1
            // What is behind is not needed again: a DOCTYPE of any size costs no memory.
            if offset >= RecordSplitter.readSize {
                advance(by: offset)
                offset = 0
            }
        }
    }

    private func finish() -> Event? {
        finished = true
        if readFailed { return .readFailed(line: line) }
        if !sawElement { return .noElement }
        if let open = openContainers.last { return .unclosed(open: open, line: line) }
        return nil
    }

    // MARK: - Bytes

    @inline(__always)
    private func byte(_ offset: Int) -> UInt8 { buffer.load(fromByteOffset: begin + offset, as: UInt8.self) }

    @inline(__always)
    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }

    private func hasPrefix(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        return end - begin >= count && memcmp(buffer + begin, prefix.utf8Start, count) == 0
    }

    private func name(at offset: Int) -> String {
        var stop = offset
        while stop < end - begin, !isSpace(byte(stop)), byte(stop) != UInt8(ascii: ">"), byte(stop) != UInt8(ascii: "/") { stop += 1 }
        return String(decoding: UnsafeRawBufferPointer(start: buffer + begin + offset, count: stop - offset), as: UTF8.self)
    }

    /// The offset of the `>` closing the tag that starts before `offset`, quotes respected.
    /// The offset of the `>` that ends the tag starting at `begin`; nil at the end of the input or
    /// past `maximumRecordSize` (a start tag that size is hostile, and is not held).
    private func tagEnd(from offset: Int) -> Int? {
        var offset = offset
        var quote: UInt8?
        while true {
            if offset >= maximumRecordSize { return nil }
            if offset >= end - begin, !fill() { return nil }
            let character = byte(offset)
            if let open = quote {
                if character == open { quote = nil }
            } else if character == UInt8(ascii: "\"") || character == UInt8(ascii: "'") {
                quote = character
            } else if character == UInt8(ascii: ">") {
                return offset
            }
            offset += 1
        }
    }

    /// Passes over everything up to and including `terminator`, holding no more than a read's
    /// worth: a comment, CDATA section or record of any size costs no memory.
    private func skipPast(_ terminator: String) {
        let needle = Array(terminator.utf8)
        while true {
            if let found = find(needle, from: 0, limit: 0, fillingBuffer: false) {
                advance(by: found + needle.count)
                return
            }
            // The terminator may straddle the next read: keep its length less one.
            advance(by: max(0, end - begin - needle.count + 1))
            if !fill() {
                advance(by: end - begin)
                return
            }
        }
    }

    private func find(_ target: UInt8, from offset: Int) -> Int? {
        guard offset < end - begin, let found = memchr(buffer + begin + offset, Int32(target), end - begin - offset) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(buffer + begin)
    }

    /// The offset of `needle` at or after `offset`, reading more input as needed, giving up once
    /// `limit` bytes are held.
    private func find(_ needle: [UInt8], from offset: Int, limit: Int, fillingBuffer: Bool = true) -> Int? {
        var offset = offset
        let first = Int32(needle[0])
        while true {
            while offset + needle.count <= end - begin {
                guard let found = memchr(buffer + begin + offset, first, end - begin - offset - needle.count + 1) else {
                    offset = end - begin - needle.count + 1
                    break
                }
                let position = UnsafeRawPointer(found) - UnsafeRawPointer(buffer + begin)
                if needle.withUnsafeBytes({ memcmp(found, $0.baseAddress!, needle.count) }) == 0 { return position }
                offset = position + 1
            }
            guard fillingBuffer, end - begin < limit, fill() else { return nil }
        }
    }

    /// Makes at least `count` bytes available from `begin` when the input has them.
    private func ensure(_ count: Int) {
        while end - begin < count, fill() {}
    }

    /// Reads more input after what is held, moving held bytes to the front or growing the buffer.
    private func fill() -> Bool {
        guard !atEnd, let input else { return false }
        if begin > 0, begin == end {
            begin = 0
            end = 0
        } else if begin > 0, end + RecordSplitter.readSize > capacity {
            memmove(buffer, buffer + begin, end - begin)
            end -= begin
            begin = 0
        }
        if end + RecordSplitter.readSize > capacity {
            let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 8)
            grown.copyMemory(from: buffer, byteCount: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let read = input.read(into: buffer + end, count: RecordSplitter.readSize)
        if read > 0 {
            end += read
            return true
        }
        atEnd = true
        readFailed = read < 0
        return false
    }

    /// Moves `begin` forward, counting the lines passed.
    private func advance(by count: Int) {
        guard count > 0 else { return }
        line += RecordSplitter.newlines(in: UnsafeRawBufferPointer(start: buffer + begin, count: count))
        begin += count
    }

    /// Counts `\n` eight bytes at a time: a byte equal to 0x0A becomes a zero byte after the XOR,
    /// and the classic exact zero-byte test marks each with its high bit.
    static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var offset = 0
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while offset + 8 <= bytes.count {
            let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
            let marked = ~(((word & low7) &+ low7) | word | low7)
            count += marked.nonzeroBitCount
            offset += 8
        }
        while offset < bytes.count {
            if base.load(fromByteOffset: offset, as: UInt8.self) == 0x0A { count += 1 }
            offset += 1
        }
        return count
    }
}
