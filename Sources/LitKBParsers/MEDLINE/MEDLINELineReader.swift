/// One field of a MEDLINE record: its tag and its value with continuation lines joined.
struct MEDLINEField: Hashable, Sendable {
    var tag: String
    var value: String
    /// 1-based line of the tag in the file.
    var line: Int
}

/// The fields of one record as the file groups them (a run of non-blank lines), or the line
/// that kept the group from being read.
struct MEDLINERecordLines: Sendable {
    /// 1-based ordinal of the record in the file.
    var ordinal: Int
    var fields: [MEDLINEField]
    /// 1-based line where the record starts.
    var firstLine: Int
    /// Lines that are neither a tag line nor a continuation.
    var unreadable: [MEDLINEField] = []
}

/// Splits a MEDLINE (`.nbib`) export into records and fields.
///
/// A field starts with a tag of up to four characters, left-justified and space-padded to four,
/// then `"- "` and the value (`PMID- 16403221`, `AB  - BACKGROUND: ...`). Longer values go on
/// in continuation lines indented by six spaces; they join the value with one space, the way
/// PubMed wrapped them. Blank lines separate records. CRLF line ends, a byte-order mark and
/// blank lines before the first record are all normal in exports saved on other systems.
enum MEDLINELineReader {
    /// What one line of the file is.
    enum Line: Equatable {
        case blank
        case tag(String, value: Substring)
        case continuation(Substring)
        case unreadable
    }

    static func records(in text: String) -> [MEDLINERecordLines] {
        var records: [MEDLINERecordLines] = []
        var assembler = MEDLINERecordAssembler()
        var lineNumber = 0
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        // Split on "\n" in the UTF-8 view: `Character` treats "\r\n" as one grapheme, so a
        // plain split on "\n" would miss CRLF line ends.
        for rawLine in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if let finished = assembler.add(Substring(rawLine), number: lineNumber) { records.append(finished) }
        }
        if let finished = assembler.finish() { records.append(finished) }
        return records
    }

    static func classify(_ line: Substring) -> Line {
        if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return .blank }
        if let (tag, value) = tagLine(line) { return .tag(tag, value: value) }
        // PubMed indents by six spaces; a tab or any indent is taken as a continuation too,
        // since editors and mail programs re-indent.
        if line.first == " " || line.first == "\t" { return .continuation(line) }
        return .unreadable
    }

    /// `"PMID- 16403221"` → ("PMID", "16403221"); `"AU  - Casbon JA"` → ("AU", "Casbon JA").
    /// The tag is two to four capital letters (digits allowed after the first), padded with
    /// spaces to four; then `-` and a space, or the end of the line for an empty value.
    static func tagLine(_ line: Substring) -> (String, Substring)? {
        let utf8 = line.utf8
        guard utf8.count >= 5 else { return nil }
        var index = utf8.startIndex
        var tagLength = 0
        var sawSpace = false
        for _ in 0..<4 {
            let byte = utf8[index]
            if byte == UInt8(ascii: " ") {
                sawSpace = true
            } else if !sawSpace, isTagByte(byte, first: tagLength == 0) {
                tagLength += 1
            } else {
                return nil
            }
            index = utf8.index(after: index)
        }
        guard tagLength >= 2, utf8[index] == UInt8(ascii: "-") else { return nil }
        let afterDash = utf8.index(after: index)
        let tag = String(line[line.startIndex..<line.index(line.startIndex, offsetBy: tagLength)])
        if afterDash == utf8.endIndex { return (tag, line[line.endIndex...]) }
        guard utf8[afterDash] == UInt8(ascii: " ") else { return nil }
        return (tag, line[utf8.index(after: afterDash)...])
    }

    private static func isTagByte(_ byte: UInt8, first: Bool) -> Bool {
        (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (!first && byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

/// Groups a MEDLINE export's lines into records, one line at a time, so that a file is read in
/// the memory of one record.
struct MEDLINERecordAssembler {
    private var current: MEDLINERecordLines?
    /// Records started so far, read or abandoned.
    private(set) var started = 0

    /// Whether a record is being read.
    var inRecord: Bool { current != nil }

    /// Adds one line (without its `\n`); returns the record a blank line ended.
    mutating func add(_ rawLine: Substring, number lineNumber: Int) -> MEDLINERecordLines? {
        var line = rawLine
        if line.last == "\r" { line = line.dropLast() }
        switch MEDLINELineReader.classify(line) {
        case .blank:
            return finish()
        case .tag(let tag, let value):
            begin(at: lineNumber)
            current!.fields.append(MEDLINEField(tag: tag, value: String(value.whitespaceTrimmed), line: lineNumber))
        case .continuation(let text):
            begin(at: lineNumber)
            if let last = current!.fields.indices.last {
                let piece = text.whitespaceTrimmed
                if current!.fields[last].value.isEmpty {
                    current!.fields[last].value = String(piece)
                } else if !piece.isEmpty {
                    current!.fields[last].value += " " + piece
                }
            } else {
                // Indented text with no tag before it in the record belongs to nothing.
                current!.unreadable.append(MEDLINEField(tag: "", value: String(line), line: lineNumber))
            }
        case .unreadable:
            begin(at: lineNumber)
            current!.unreadable.append(MEDLINEField(tag: "", value: String(line), line: lineNumber))
        }
        return nil
    }

    /// The record being read, at the end of the input.
    mutating func finish() -> MEDLINERecordLines? {
        defer { current = nil }
        return current
    }

    /// Gives up the record being read (too large, unreadable bytes); a record is started at
    /// `lineNumber` if none was, so that the next one keeps its ordinal. Returns its ordinal
    /// and first line.
    mutating func abandon(at lineNumber: Int) -> (ordinal: Int, firstLine: Int) {
        begin(at: lineNumber)
        defer { current = nil }
        return (current!.ordinal, current!.firstLine)
    }

    private mutating func begin(at lineNumber: Int) {
        guard current == nil else { return }
        started += 1
        current = MEDLINERecordLines(ordinal: started, fields: [], firstLine: lineNumber)
    }
}
