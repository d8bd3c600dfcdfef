import LitKBModel

/// Reads MEDLINE (`.nbib`) exports, PubMed's "PubMed format" / "MEDLINE" text: tagged fields,
/// one record after another, separated by blank lines.
///
/// ```swift
/// let parsed = try MEDLINEParser.parse(text, file: "pubmed_result.txt")
/// parsed.records.first?.record.ids.pmid   // 16403221
/// parsed.failures                          // records without a usable PMID
/// ```
///
/// Each record maps to the same model values the PubMed XML parser gives for the same article,
/// so the store can merge them (see `MEDLINERecordBuilder`).
public enum MEDLINEParser {
    /// Cheap check on the first few KB: the first non-blank line is a tag line with a tag NLM
    /// uses (`PMID- 123`), and the next non-blank line is another tag line or a continuation.
    /// Two lines, because a page title such as `HIV - a review` looks like one tag line.
    public static func looksLikeMEDLINE(_ prefix: Substring) -> Bool {
        var body = prefix
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        if body.utf8.contains(0) { return false }
        var sawTag = false
        for rawLine in body.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: 64, omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            if line.last == "\r" { line = line.dropLast() }
            switch MEDLINELineReader.classify(line) {
            case .blank:
                continue
            case .tag(let tag, _):
                guard MEDLINETags.isKnown(tag) else { return false }
                if sawTag { return true }
                sawTag = true
            case .continuation:
                return sawTag
            case .unreadable:
                return false
            }
        }
        // A prefix cut after its first line: one known tag line is all there is to go on.
        return sawTag && !body.contains("\n")
    }

    /// Parses a whole MEDLINE export. Throws a `ParseError` naming the file when the input is
    /// not MEDLINE at all (PubMed XML, eLink XML, JATS, page text, binary, empty). Otherwise
    /// returns every record; one that cannot be read (no PMID, or a PMID that is no number) goes
    /// into `failures`, named by file, record ordinal, PMID when known and line, and the others
    /// go on. A line that is neither a tag nor a continuation is kept uninterpreted with a
    /// warning; its record stands.
    public static func parse(_ text: String, file: String) throws(ParseError) -> ParsedFile {
        try rejectForeignContent(text, file: file)
        var parsed = ParsedFile()
        for lines in MEDLINELineReader.records(in: text) {
            switch MEDLINERecordBuilder.build(lines, file: file) {
            case .success(let record): parsed.records.append(record)
            case .failure(let error): parsed.failures.append(error)
            }
        }
        return parsed
    }

    static func rejectForeignContent(_ text: String, file: String) throws(ParseError) {
        let prefix = Substring(text).prefix(8192)
        let trimmed = prefix.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        let what: String
        if trimmed.isEmpty {
            what = "the file is empty"
        } else if looksLikeMEDLINE(prefix) {
            return
        } else if prefix.utf8.contains(0) {
            what = "binary content"
        } else if trimmed.hasPrefix("<") {
            what = "XML or HTML content (\(String(trimmed.prefix { $0 != "\n" && $0 != "\r" }.prefix(60))))"
        } else {
            let firstLine = trimmed.prefix { $0 != "\n" && $0 != "\r" }
            what = "the first line is not a MEDLINE tag line (\"PMID- 123\"): \"\(firstLine.prefix(60))\""
        }
        throw ParseError(location: SourceLocation(file: file, line: 1), message: "not MEDLINE (.nbib): \(what)")
    }
}
