internal import CLibXML2
import Foundation

/// The first bytes of a file as its content reads: gzip'd files are inflated (through libxml2's
/// own I/O layer, which every PubMed file passes through anyway), plain files read as they are.
/// Format detection looks at content, never at names.
public enum InputPrefix {
    public static func read(path: String, maxBytes: Int = 8192) -> Data? {
        guard let input = xmlParserInputBufferCreateFilename(path, XML_CHAR_ENCODING_NONE) else { return nil }
        defer { xmlFreeParserInputBuffer(input) }
        var bytes = [CChar](repeating: 0, count: maxBytes)
        var filled = 0
        while filled < maxBytes {
            let count = bytes.withUnsafeMutableBufferPointer { buffer in
                litkb_read_input_quietly(input, buffer.baseAddress! + filled, Int32(maxBytes - filled))
            }
            if count <= 0 { break }
            filled += Int(count)
        }
        return Data(bytes.prefix(filled).map { UInt8(bitPattern: $0) })
    }
}
