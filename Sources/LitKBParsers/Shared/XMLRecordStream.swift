import Foundation
import LitKBModel

/// Reads an XML format whose files are usually small documents (eLink results, PMC JATS
/// articles) in bounded memory whatever their size. A document up to `wholeDocumentSize` is
/// parsed whole, as its format's parser reads it; a larger one (an eLink result of thousands of
/// link sets, a PMC article set) is cut at its record elements by `RecordSplitter`, and each
/// record is parsed as a document of its own: a record over `maximumRecordSize`, or a broken
/// one, fails alone and the stream goes on. Nothing but the record in hand is held.
public final class XMLRecordStream: ItemStream, @unchecked Sendable {
    /// How a format's records are cut and read: `.elink`, `.jats`.
    public struct Format: Sendable {
        /// The elements that hold one record each.
        var kinds: [RecordKind]
        /// Text around one record's bytes that makes it a document its parser reads.
        var prefix = ""
        var suffix = ""
        /// The format's whole-document parser, given the number of records before these.
        var parse: @Sendable (Data, String, Int) throws(ParseError) -> ParsedFile
    }

    /// Files up to this size are parsed whole, as before: every real eLink result and JATS
    /// article is far below it, and a whole parse keeps what spans records (OAI-PMH errors,
    /// link sets for one PMID given twice, merged).
    public static let wholeDocumentSize = 8 << 20

    private let splitter: RecordSplitter
    private let format: Format
    private let file: String
    private var pending: [ParsedItem] = []
    private var ordinal = 0
    private var done = false

    /// The items of the file at `path`; `wholeDocumentSize`: files up to this size are parsed whole.
    public static func items(path: String, displayName: String, format: Format, maximumRecordSize: Int = InputLimits.maximumRecordSize,
                      wholeDocumentSize: Int = XMLRecordStream.wholeDocumentSize) throws(ParseError) -> any ItemStream {
        guard let input = XMLFileInput(path: path) else {
            throw ParseError(location: SourceLocation(file: displayName), message: "cannot open the file for reading")
        }
        let (head, complete) = InputFile.read(input, limit: wholeDocumentSize + 1)
        if head.count <= wholeDocumentSize {
            guard complete else {
                throw ParseError(location: SourceLocation(file: displayName),
                                 message: "the data cannot be read after byte \(head.count.grouped) (a truncated or corrupt gzip stream?)")
            }
            return ParsedFileItems(try format.parse(head, displayName, 0))
        }
        guard let input = XMLFileInput(path: path) else {
            throw ParseError(location: SourceLocation(file: displayName), message: "cannot open the file for reading")
        }
        return XMLRecordStream(splitter: RecordSplitter(input: input, kinds: format.kinds, maximumRecordSize: maximumRecordSize),
                               format: format, file: displayName)
    }

    /// The items of bytes held in memory (standard input).
    public static func items(data: Data, displayName: String, format: Format, maximumRecordSize: Int = InputLimits.maximumRecordSize,
                      wholeDocumentSize: Int = XMLRecordStream.wholeDocumentSize) throws(ParseError) -> any ItemStream {
        if data.count <= wholeDocumentSize { return ParsedFileItems(try format.parse(data, displayName, 0)) }
        let splitter = data.withUnsafeBytes { RecordSplitter(bytes: $0, kinds: format.kinds, maximumRecordSize: maximumRecordSize) }
        return XMLRecordStream(splitter: splitter, format: format, file: displayName)
    }

    private init(splitter: RecordSplitter, format: Format, file: String) {
        self.splitter = splitter
        self.format = format
        self.file = file
    }

    public func next() -> ParsedItem? {
        while pending.isEmpty, !done { advance() }
        return pending.isEmpty ? nil : pending.removeFirst()
    }

    private func advance() {
        guard let event = splitter.next() else {
            done = true
            if ordinal == 0 {
                let names = format.kinds.map { "<\($0.name)>" }.joined(separator: " or ")
                fail(record: nil, line: nil, "the \(splitter.documentElement.map { "<\($0)>" } ?? "document") holds no \(names)")
            }
            return
        }
        switch event {
        case .record(let chunk):
            ordinal += 1
            read(chunk)
        case .readFailed(let line):
            done = true
            fail(record: ordinal + 1, line: line, "the input cannot be read past this line: the gzip data is truncated or corrupt")
        case .unclosed(let open, let line):
            done = true
            fail(record: nil, line: line, "the file ends before </\(open)>: it is truncated")
        case .noElement:
            done = true
            fail(record: nil, line: nil, "no XML element found")
        case .unsupportedEncoding(let message):
            done = true
            fail(record: nil, line: nil, message)
        }
    }

    private func read(_ chunk: RecordChunk) {
        switch chunk.ending {
        case .tooLarge:
            return fail(record: ordinal, line: chunk.line, "record larger than \(splitter.maximumRecordSize.megabytes): skipped")
        case .endOfInput, .readError:
            // A record whose end tag is missing runs on into the records after it: it ends
            // where the next one starts, and the stream goes on from there.
            if splitter.cutAtNextRecord(chunk) != nil { return missingEndTag(chunk) }
            done = true
            let cause = chunk.ending == .readError ? "the gzip data is truncated or corrupt" : "the file is truncated"
            return fail(record: ordinal, line: chunk.line, "the input ends inside this record (\(cause))")
        case .endTag, .nextRecord:
            break
        }
        var document = Data(format.prefix.utf8)
        document.append(contentsOf: splitter.bytes(of: chunk))
        document.append(contentsOf: format.suffix.utf8)
        let parsed: ParsedFile
        do throws(ParseError) {
            parsed = try format.parse(document, file, ordinal - 1)
        } catch {
            return fail(record: ordinal, line: chunk.line, error.message)
        }
        // Not well-formed, and the start of another record inside: the next record's end tag
        // closed this one, whose own is missing. Only this record is lost.
        if parsed.records.isEmpty, !parsed.failures.isEmpty, splitter.cutAtNextRecord(chunk) != nil {
            return missingEndTag(chunk)
        }
        // The record was parsed as a document of its own: its lines count from its first.
        let shift = chunk.line - 1
        func place(_ location: SourceLocation) -> SourceLocation {
            var location = location
            location.record = ordinal
            location.line = location.line.map { $0 + shift }
            return location
        }
        pending += parsed.warnings.map { .warning(ParseWarning(location: place($0.location), message: $0.message)) }
        for var record in parsed.records {
            record.location = place(record.location)
            record.warnings = record.warnings.map { ParseWarning(location: place($0.location), message: $0.message) }
            pending.append(.record(record))
        }
        pending += parsed.failures.map { .failure(ParseError(location: place($0.location), message: $0.message)) }
    }

    private func missingEndTag(_ chunk: RecordChunk) {
        fail(record: ordinal, line: chunk.line, "</\(chunk.kind.name)> is missing before the next record")
    }

    private func fail(record: Int?, line: Int?, _ message: String) {
        pending.append(.failure(ParseError(location: SourceLocation(file: file, record: record, line: line), message: message)))
    }
}

extension XMLRecordStream.Format {
    /// eLink results, cut at their link sets.
    public static let elink = XMLRecordStream.Format(
        kinds: [RecordKind(name: "LinkSet", successorNames: ["LinkSet", "ERROR"]), RecordKind(name: "ERROR", successorNames: ["LinkSet", "ERROR"])],
        prefix: "<eLinkResult>", suffix: "</eLinkResult>",
        parse: { (data, file, before) throws(ParseError) in try ELinkParser.parse(data, file: file, linkSetsBefore: before) })

    /// PMC JATS articles and article sets, cut at their articles.
    public static let jats = XMLRecordStream.Format(
        kinds: [RecordKind(name: "article", successorNames: ["article"])],
        parse: { (data, file, _) throws(ParseError) in try JATSParser.parse(data, file: file) })
}
