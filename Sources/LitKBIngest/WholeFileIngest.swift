import Foundation
import LitKBModel
import LitKBParsers
import LitKBStore

extension Ingester {
    /// MEDLINE exports, eLink results, PMC JATS articles and page text: read whole, parsed, then
    /// stored as PubMed XML is. Records that cannot be read are reported by file, record and
    /// line; the others land. An input none of which can be read is not recorded as ingested.
    func ingestWholeFile(_ input: Input, file: SourceFileInput, resume: SourceProgress?, into report: inout FileReport,
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
        report.warnings = parsed.warnings
        try ingestItems(file, resume: resume, into: &report) { ParsedFileItems(parsed) }
    }

    /// A page is one record.
    static func parsePageText(_ data: Data, name: String) throws(ParseError) -> ParsedFile {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(location: SourceLocation(file: name),
                             message: "not valid UTF-8 text at byte \(firstInvalidUTF8Offset(in: data).grouped)")
        }
        return ParsedFile(records: [try PageTextParser.parse(text, file: name)])
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
