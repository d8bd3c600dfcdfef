internal import CLibXML2
import Foundation
import LitKBModel

/// A whole file's content as it reads: gzip'd files inflated through libxml2's I/O layer (as
/// `InputPrefix` reads their first bytes), plain files as they are. For formats read at once
/// (MEDLINE exports, eLink results, JATS articles), which are small next to PubMed XML files.
public enum InputFile {
    public static func contents(path: String, displayName: String) throws(ParseError) -> Data {
        guard let input = xmlParserInputBufferCreateFilename(path, XML_CHAR_ENCODING_NONE) else {
            throw ParseError(location: SourceLocation(file: displayName), message: "cannot open the file for reading")
        }
        defer { xmlFreeParserInputBuffer(input) }
        var data = Data()
        var block = [CChar](repeating: 0, count: 1 << 16)
        while true {
            let count = block.withUnsafeMutableBufferPointer { litkb_read_input_quietly(input, $0.baseAddress!, Int32($0.count)) }
            if count == 0 { return data }
            guard count > 0 else {
                throw ParseError(location: SourceLocation(file: displayName),
                                 message: "the data cannot be read after byte \(data.count.grouped) (a truncated or corrupt gzip stream?)")
            }
            block.withUnsafeBufferPointer { buffer in
                buffer.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: Int(count)) { data.append($0, count: Int(count)) }
            }
        }
    }
}
