import Foundation
import LitKBModel

/// One thing a PubMed XML file holds: a `PubmedArticle`, `PubmedBookArticle` or (in a
/// `MedlineCitationSet`) `MedlineCitation` record, a `DeleteCitation`, or a record that could
/// not be read.
public typealias PubMedXMLItem = ParsedItem

/// Reads PubMed XML (`PubmedArticleSet`, `MedlineCitationSet`, efetch output; plain or gzip'd)
/// one record at a time, in constant memory.
///
/// ```swift
/// let parser = try PubMedXMLParser(path: "pubmed21n1298.xml.gz", displayName: "pubmed21n1298.xml.gz")
/// while let item = parser.next() {
///     switch item {
///     case .record(let parsed): print(parsed.record.ids.pmid!, parsed.record.title ?? "")
///     case .deletion(let pmids, _): print("deleted:", pmids)
///     case .failure(let error): print(error)   // "file.xml.gz: record 17,012 (PMID 33728380): line 401,226: ..."
///     }
/// }
/// ```
///
/// Each record is cut from the byte stream at its top-level tags and parsed on its own by
/// libxml2, so a broken record (a tag mismatch, invalid UTF-8, an entity reference) fails alone:
/// the records before and after it come out, the failure names the file, the record's ordinal,
/// its PMID when readable and the line. No DTD is read, no entity is expanded, no network is
/// used. Truncated input ends the stream with one failure naming where it stopped.
///
/// Use it from one thread at a time; it may move between threads (hence `@unchecked Sendable`:
/// it owns its libxml2 context and buffers alone, and libxml2 keeps no per-thread state for it).
public final class PubMedXMLParser: ItemStream, @unchecked Sendable {
    private let displayName: String
    private let splitter: RecordSplitter
    public var fractionRead: Double? { splitter.fractionRead }
    private var recordParser: XMLRecordParser?
    /// Records seen so far (deletions are not records).
    private var ordinal = 0
    private var done = false
    private var sawItem = false
    /// Document elements of PubMed and MEDLINE files, which may legitimately hold no record.
    static let setElements: Set<String> = ["PubmedArticleSet", "MedlineCitationSet", "PubmedBookArticleSet", "DeleteCitation"]

    /// Opens a file, plain or gzip'd (libxml2's I/O layer inflates it), without network access
    /// or entity expansion.
    public init(path: String, displayName: String, maximumRecordSize: Int = InputLimits.maximumRecordSize) throws(ParseError) {
        guard let input = XMLFileInput(path: path) else {
            throw ParseError(location: SourceLocation(file: displayName), message: "cannot open the file for reading")
        }
        self.displayName = displayName
        splitter = RecordSplitter(input: input, maximumRecordSize: maximumRecordSize)
    }

    /// Parses bytes held in memory (standard input): plain XML only.
    public init(data: Data, displayName: String, maximumRecordSize: Int = InputLimits.maximumRecordSize) throws(ParseError) {
        if data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B {
            throw ParseError(location: SourceLocation(file: displayName),
                             message: "gzip'd data cannot be read from standard input: pass the .xml.gz file by its path, or decompress it first (zcat)")
        }
        self.displayName = displayName
        splitter = data.withUnsafeBytes { RecordSplitter(bytes: $0, maximumRecordSize: maximumRecordSize) }
    }

    /// The next item, or nil at the end. After an error that stops the input (truncated gzip,
    /// a file ending inside a record) it returns one `.failure`, then nil.
    public func next() -> PubMedXMLItem? {
        guard !done else { return nil }
        guard let event = splitter.next() else {
            done = true
            // Another XML format (JATS, eLink) holds no record: say so rather than read nothing.
            if !sawItem, let element = splitter.documentElement, !PubMedXMLParser.setElements.contains(element) {
                return .failure(ParseError(location: SourceLocation(file: displayName),
                                           message: "not PubMed XML: the document element is <\(element)>"))
            }
            return nil
        }
        sawItem = true
        switch event {
        case .record(let chunk):
            if chunk.kind != .deleteCitation { ordinal += 1 }
            return item(chunk)
        case .readFailed(let line):
            return stop(record: ordinal + 1, line: line,
                        "the input cannot be read past this line: the gzip data is truncated or corrupt")
        case .unclosed(let open, let line):
            return stop(record: nil, line: line, "the file ends before </\(open)>: it is truncated")
        case .noElement:
            return stop(record: nil, line: nil, "no XML element found: not PubMed XML")
        case .unsupportedEncoding(let message):
            return stop(record: nil, line: nil, message)
        }
    }

    private func stop(record: Int?, line: Int?, _ message: String) -> PubMedXMLItem {
        done = true
        return .failure(ParseError(location: SourceLocation(file: displayName, record: record, line: line), message: message))
    }

    private func item(_ chunk: RecordChunk) -> PubMedXMLItem {
        let record = chunk.kind == .deleteCitation ? nil : ordinal
        let location = SourceLocation(file: displayName, record: record, line: chunk.line)
        if chunk.ending == .tooLarge {
            return .failure(ParseError(location: location, message: "record larger than \(splitter.maximumRecordSize.megabytes): skipped"))
        }
        guard let parser = parser() else {
            return stop(record: record, line: chunk.line, recordParserProblem)
        }
        if let item = parser.parse(splitter.bytes(of: chunk), { root, wellFormed, problems -> PubMedXMLItem? in
            guard wellFormed, chunk.ending == .endTag, let root else { return nil }
            return read(root, chunk: chunk, location: location, problems: problems)
        }) {
            return item
        }
        // Broken: when the record's end tag is missing, the next record's start tag ends it.
        let broken = splitter.cutAtNextRecord(chunk) ?? chunk
        return parser.parse(splitter.bytes(of: broken)) { root, _, problems in
            var location = location
            location.pmid = root.flatMap(RecordBuilder.pmid(of:))
            switch broken.ending {
            case .endOfInput, .readError:
                done = true
                let cause = broken.ending == .readError ? "the gzip data is truncated or corrupt" : "the file is truncated"
                return .failure(ParseError(location: location, message: "the input ends inside this record (\(cause))"))
            case .nextRecord where problems.isEmpty:
                return .failure(ParseError(location: location, message: "</\(chunk.kind.name)> is missing before the next record"))
            default:
                return .failure(describe(problems, chunk: broken, at: location))
            }
        }
    }

    private func read(_ root: XMLNode, chunk: RecordChunk, location: SourceLocation, problems: [XMLProblem]) -> PubMedXMLItem {
        if chunk.kind == .deleteCitation {
            return .deletion(RecordBuilder.deletedPMIDs(root), location)
        }
        var parsed = RecordBuilder.read(root, location: location)
        for problem in problems {
            var at = parsed.location
            at.line = chunk.line + problem.line - 1
            parsed.warnings.append(ParseWarning(location: at, message: message(problem, chunk: chunk)))
        }
        return .record(parsed)
    }

    /// The first fatal problem (libxml2's wording, lines made absolute), and how many followed.
    private func describe(_ problems: [XMLProblem], chunk: RecordChunk, at location: SourceLocation) -> ParseError {
        guard let first = problems.first(where: \.fatal) ?? problems.first else {
            return ParseError(location: location, message: "the record is not well-formed XML")
        }
        var location = location
        location.line = chunk.line + first.line - 1
        var text = message(first, chunk: chunk)
        if problems.count > 1 { text += " (and \(problems.count - 1) more \(problems.count == 2 ? "error" : "errors"))" }
        return ParseError(location: location, message: text)
    }

    private func message(_ problem: XMLProblem, chunk: RecordChunk) -> String {
        guard let opened = problem.openedLine, let range = problem.message.range(of: "line \(opened)") else { return problem.message }
        return problem.message.replacingCharacters(in: range, with: "line \((chunk.line + opened - 1).grouped)")
    }

    private var recordParserProblem: String {
        if let encoding = splitter.declaredEncoding, !XMLRecordParser.supportsEncoding(encoding) {
            return "the file declares encoding \"\(encoding)\", which libxml2 cannot decode"
        }
        return "libxml2 could not create a parser"
    }

    private func parser() -> XMLRecordParser? {
        if let recordParser { return recordParser }
        if let encoding = splitter.declaredEncoding, !XMLRecordParser.supportsEncoding(encoding) { return nil }
        recordParser = XMLRecordParser(encoding: splitter.declaredEncoding)
        return recordParser
    }
}
