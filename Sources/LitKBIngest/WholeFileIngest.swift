import Foundation
import LitKBModel
import LitKBParsers
import LitKBStore

extension Ingester {
    /// MEDLINE exports, eLink results and PMC JATS articles: read whole (PubMed caps an export at
    /// 10,000 records), parsed, then stored in batches, each in one transaction. Records that
    /// cannot be read are reported by file, record and line; the others land.
    func ingestWholeFile(_ input: Input, file: SourceFileInput, into report: inout FileReport,
                         parse: (Data, String) throws(ParseError) -> ParsedFile) throws {
        let name = file.path
        let parsed: ParsedFile
        do throws(ParseError) {
            let data: Data = switch input {
            case .file(let path): try InputFile.contents(path: path, displayName: name)
            case .memory(let data): data
            }
            parsed = try parse(data, name)
        } catch {
            report.status = .failed(error.message)
            return
        }
        report.warnings = parsed.warnings + parsed.records.flatMap(\.warnings)
        report.errors = parsed.failures
        let source = try store.registerSource(file)
        var start = 0
        while start < parsed.records.count {
            let batch = parsed.records[start..<min(start + Ingester.batchSize, parsed.records.count)]
            report.outcome.add(try store.write(batch.map { IncomingRecord(record: $0.record, location: $0.location) }, from: source))
            start += batch.count
        }
        report.records = parsed.records.count
        try store.finishSource(source, records: report.records)
    }

    /// MEDLINE is text: invalid UTF-8 is named by its byte offset, as for page text.
    static func parseMEDLINE(_ data: Data, name: String) throws(ParseError) -> ParsedFile {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(location: SourceLocation(file: name),
                             message: "not valid UTF-8 text at byte \(firstInvalidUTF8Offset(in: data).grouped)")
        }
        return try MEDLINEParser.parse(text, file: name)
    }
}
