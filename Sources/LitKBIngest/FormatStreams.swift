import Foundation
import LitKBModel
import LitKBParsers
import LitKBStore

extension Ingester {
    /// The parser of `format` over `input`, record by record; a page, one record, is read whole,
    /// up to `maximumRecordSize` bytes.
    func open(_ input: Input, format: SourceFormat, name: String) throws(ParseError) -> any ItemStream {
        let limit = maximumRecordSize
        switch (format, input) {
        case (.pubmedXML, .file(let path)): return try PubMedXMLParser(path: path, displayName: name, maximumRecordSize: limit)
        case (.pubmedXML, .memory(let data)): return try PubMedXMLParser(data: data, displayName: name, maximumRecordSize: limit)
        case (.medline, .file(let path)): return try MEDLINEStream(path: path, displayName: name, maximumRecordSize: limit)
        case (.medline, .memory(let data)): return try MEDLINEStream(data: data, displayName: name, maximumRecordSize: limit)
        case (.elink, .file(let path)): return try XMLRecordStream.items(path: path, displayName: name, format: .elink, maximumRecordSize: limit)
        case (.elink, .memory(let data)): return try XMLRecordStream.items(data: data, displayName: name, format: .elink, maximumRecordSize: limit)
        case (.jats, .file(let path)): return try XMLRecordStream.items(path: path, displayName: name, format: .jats, maximumRecordSize: limit)
        case (.jats, .memory(let data)): return try XMLRecordStream.items(data: data, displayName: name, format: .jats, maximumRecordSize: limit)
        case (.retractionWatch, .file(let path)): return try RetractionWatchStream(path: path, displayName: name, maximumRecordSize: limit)
        case (.retractionWatch, .memory(let data)): return try RetractionWatchStream(data: data, displayName: name, maximumRecordSize: limit)
        default: break
        }
        let data: Data = switch input {
        case .file(let path): try InputFile.contents(path: path, displayName: name, limit: limit)
        case .memory(let data): data
        }
        if data.count > limit { throw InputFile.tooLarge(displayName: name, limit: limit) }
        return ParsedFileItems(try Ingester.parsePageText(data, name: name))
    }

    /// A page is one record.
    static func parsePageText(_ data: Data, name: String) throws(ParseError) -> ParsedFile {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ParseError(location: SourceLocation(file: name),
                             message: "not valid UTF-8 text at byte \(InputFile.firstInvalidUTF8Offset(in: data).grouped)")
        }
        return ParsedFile(records: [try PageTextParser.parse(text, file: name)])
    }
}
