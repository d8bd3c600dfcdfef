import Foundation
import LitKBModel

/// Reads a MEDLINE (`.nbib`) export one record at a time, plain or gzip'd, in the memory of one
/// record: an export of any size streams. A record larger than `maximumRecordSize` bytes, or
/// one with bytes that are not UTF-8, is reported by file, record and line and passed over;
/// the records after it come out.
///
/// ```swift
/// let stream = try MEDLINEStream(path: "pubmed_result.nbib", displayName: "pubmed_result.nbib")
/// while let item = stream.next() { ... }   // .record(ParsedRecord) or .failure(ParseError)
/// ```
///
/// Use it from one thread at a time; it may move between threads (hence `@unchecked Sendable`:
/// it owns its input alone).
public final class MEDLINEStream: ItemStream, @unchecked Sendable {
    private let input: LineInput
    public var fractionRead: Double? { input.fractionRead }
    private let file: String
    private let maximumRecordSize: Int
    private var assembler = MEDLINERecordAssembler()
    /// Bytes of the record being read.
    private var recordSize = 0
    /// Lines of an abandoned record are passed over up to the next blank line.
    private var skippingRecord = false
    private var firstLine = true
    private var done = false

    public init(path: String, displayName: String, maximumRecordSize: Int = InputLimits.maximumRecordSize) throws(ParseError) {
        guard let input = LineInput(path: path, maximumLineLength: maximumRecordSize) else {
            throw ParseError(location: SourceLocation(file: displayName), message: "cannot open the file for reading")
        }
        self.input = input
        file = displayName
        self.maximumRecordSize = maximumRecordSize
        try MEDLINEParser.rejectForeignContent(String(decoding: input.peek(8192), as: UTF8.self), file: displayName)
    }

    public init(data: Data, displayName: String, maximumRecordSize: Int = InputLimits.maximumRecordSize) throws(ParseError) {
        input = LineInput(data: data, maximumLineLength: maximumRecordSize)
        file = displayName
        self.maximumRecordSize = maximumRecordSize
        try MEDLINEParser.rejectForeignContent(String(decoding: input.peek(8192), as: UTF8.self), file: displayName)
    }

    public func next() -> ParsedItem? {
        while !done {
            guard let line = input.next() else {
                done = true
                return assembler.finish().map(build)
            }
            switch line {
            case .text(var bytes, let number):
                if firstLine {
                    firstLine = false
                    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                }
                let blank = bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
                if skippingRecord {
                    if blank { skippingRecord = false }
                    continue
                }
                // Blank lines between records belong to none: they neither count towards a
                // record's size nor start one.
                if blank, !assembler.inRecord { continue }
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    return abandon(at: number, "not valid UTF-8 text at byte \((InputFile.firstInvalidUTF8Offset(in: bytes) + 1).grouped) of the line: record skipped")
                }
                recordSize += bytes.count + 1
                if recordSize > maximumRecordSize {
                    return abandon(at: number, "record larger than \(maximumRecordSize.megabytes): skipped")
                }
                if let finished = assembler.add(Substring(text), number: number) {
                    recordSize = 0
                    return build(finished)
                }
            case .tooLong(let number, let length):
                if skippingRecord { continue }
                return abandon(at: number, "line of \(length.grouped) bytes, larger than the \(maximumRecordSize.megabytes) a record may hold: record skipped")
            case .unreadable(let number):
                done = true
                let location = SourceLocation(file: file, record: assembler.started + (assembler.inRecord ? 0 : 1), line: number)
                return .failure(ParseError(location: location, message: "the input cannot be read past this line: the gzip data is truncated or corrupt"))
            }
        }
        return nil
    }

    private func build(_ lines: MEDLINERecordLines) -> ParsedItem {
        switch MEDLINERecordBuilder.build(lines, file: file) {
        case .success(let record): .record(record)
        case .failure(let error): .failure(error)
        }
    }

    private func abandon(at line: Int, _ message: String) -> ParsedItem {
        let record = assembler.abandon(at: line)
        recordSize = 0
        skippingRecord = true
        return .failure(ParseError(location: SourceLocation(file: file, record: record.ordinal, line: line), message: message))
    }
}

/// Limits that keep hostile or broken input from taking the machine's memory.
public enum InputLimits {
    /// The largest record litkb holds: real records are below 1 MB, a "record" of this size is
    /// broken or hostile. The ingest command's `--max-record-mb` changes it.
    public static let maximumRecordSize = 64 << 20
}
