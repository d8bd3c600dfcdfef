import Foundation
import LitKBModel

/// Reads the Retraction Watch database (the CSV Crossref publishes; layout in
/// `../shared/formats/retraction-watch.md`) one row at a time. Each row is a notice about an
/// original paper; it comes out as the notice's own record, linked to the paper it is about:
/// `retraction-of`, `expression-of-concern-for`, `erratum-for` (a correction is what PubMed
/// calls an erratum, so the two sources' notices meet on one kind) or `reinstatement-of`,
/// the row's record id, date and reasons the link's citation.
///
/// ```swift
/// let stream = try RetractionWatchStream(path: "retraction_watch.csv", displayName: "retraction_watch.csv")
/// while let item = stream.next() { ... }   // .record(notice) or .failure(bad row, by line)
/// ```
///
/// A row with broken quoting or no usable identifier for its paper is reported by line and
/// passed over; the rows after it come out. Bytes that are not UTF-8 are read as Latin-1 (the
/// database's older rows hold some) and reported.
public final class RetractionWatchStream: ItemStream, @unchecked Sendable {
    private var rows: CSVRows
    private let input: LineInput
    private let file: String
    private let columns: RetractionWatchColumns
    private var ordinal = 0
    public var fractionRead: Double? { input.fractionRead }

    public init(path: String, displayName: String, maximumRecordSize: Int = InputLimits.maximumRecordSize) throws(ParseError) {
        guard let input = LineInput(path: path, maximumLineLength: maximumRecordSize) else {
            throw ParseError(location: SourceLocation(file: displayName), message: "cannot open the file for reading")
        }
        (self.input, file) = (input, displayName)
        rows = CSVRows(input, maximumRowSize: maximumRecordSize)
        columns = try Self.readHeader(&rows, file: displayName)
    }

    public init(data: Data, displayName: String, maximumRecordSize: Int = InputLimits.maximumRecordSize) throws(ParseError) {
        input = LineInput(data: data, maximumLineLength: maximumRecordSize)
        file = displayName
        rows = CSVRows(input, maximumRowSize: maximumRecordSize)
        columns = try Self.readHeader(&rows, file: displayName)
    }

    /// The first line of a Retraction Watch file, as far as `FormatDetector` needs to know it.
    public static func looksLikeRetractionWatch(_ head: Substring) -> Bool {
        let firstLine = head.prefix { $0 != "\n" && $0 != "\r" }
        return firstLine.hasPrefix("Record ID,") && firstLine.contains("RetractionNature") && firstLine.contains("OriginalPaperDOI")
    }

    private static func readHeader(_ rows: inout CSVRows, file: String) throws(ParseError) -> RetractionWatchColumns {
        guard case .fields(var names, let line)? = rows.next() else {
            throw ParseError(location: SourceLocation(file: file, line: 1), message: "no header line: not a Retraction Watch CSV")
        }
        if let first = names.first, first.starts(with: [0xEF, 0xBB, 0xBF]) { names[0].removeFirst(3) }
        let header = names.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        guard let columns = RetractionWatchColumns(header) else {
            let missing = RetractionWatchColumns.required.filter { !header.contains($0) }
            throw ParseError(location: SourceLocation(file: file, line: line),
                             message: "not a Retraction Watch CSV: the header lacks \(missing.joined(separator: ", "))")
        }
        return columns
    }

    public func next() -> ParsedItem? {
        guard let row = rows.next() else { return nil }
        ordinal += 1
        switch row {
        case .unreadable(let line):
            return .failure(ParseError(location: SourceLocation(file: file, record: ordinal, line: line),
                                       message: "the input cannot be read past this line: the gzip data is truncated or corrupt"))
        case .broken(let line, let reason):
            return .failure(ParseError(location: SourceLocation(file: file, record: ordinal, line: line), message: "\(reason): row skipped"))
        case .fields(let fields, let line):
            let location = SourceLocation(file: file, record: ordinal, line: line)
            guard fields.count == columns.count else {
                return .failure(ParseError(location: location,
                    message: "\(fields.count) fields where the header names \(columns.count): row skipped"))
            }
            var warnings: [ParseWarning] = []
            var values: [String] = []
            values.reserveCapacity(fields.count)
            for (index, bytes) in fields.enumerated() {
                if let text = String(validating: bytes, as: UTF8.self) {
                    values.append(text)
                } else {
                    let offset = InputFile.firstInvalidUTF8Offset(in: bytes)
                    warnings.append(ParseWarning(location: location, message: String(format: "%@ holds byte 0x%02X, not UTF-8: read as Latin-1",
                        columns.names[index], bytes[offset])))
                    values.append(String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })))
                }
            }
            switch RetractionWatchRow(values, columns: columns).notice(location: location) {
            case .success(var parsed):
                parsed.warnings = warnings + parsed.warnings
                return .record(parsed)
            case .failure(let error):
                return .failure(error)
            }
        }
    }
}

/// Where each column the reader uses sits: found by name, so that a reordered or extended
/// header still reads.
struct RetractionWatchColumns {
    static let required = ["Record ID", "Title", "Journal", "RetractionNature", "RetractionDate", "RetractionDOI",
                           "RetractionPubMedID", "OriginalPaperDate", "OriginalPaperDOI", "OriginalPaperPubMedID"]
    let names: [String]
    let index: [String: Int]
    var count: Int { names.count }

    init?(_ header: [String]) {
        guard Self.required.allSatisfy(header.contains) else { return nil }
        names = header
        index = Dictionary(header.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
