import Foundation
import LitKBModel

/// A whole file's content as it reads: gzip'd files inflated by libxml2's I/O layer
/// (`XMLFileInput`, as the PubMed XML parser reads), plain files as they are. For formats read
/// at once (MEDLINE exports, eLink results, JATS articles), which are small next to PubMed XML files.
public enum InputFile {
    /// The content, up to `limit` bytes (decompressed): a larger input is refused before it is
    /// held, so a gzip bomb costs `limit` bytes of memory, not what it inflates to.
    public static func contents(path: String, displayName: String, limit: Int = InputLimits.maximumRecordSize) throws(ParseError) -> Data {
        guard let input = XMLFileInput(path: path) else {
            throw ParseError(location: SourceLocation(file: displayName), message: "cannot open the file for reading")
        }
        let (data, complete) = read(input, limit: limit + 1)
        guard data.count <= limit else { throw tooLarge(displayName: displayName, limit: limit) }
        guard complete else {
            throw ParseError(location: SourceLocation(file: displayName),
                             message: "the data cannot be read after byte \(data.count.grouped) (a truncated or corrupt gzip stream?)")
        }
        return data
    }

    /// A whole input refused for its size, before it is held.
    public static func tooLarge(displayName: String, limit: Int) -> ParseError {
        ParseError(location: SourceLocation(file: displayName),
                   message: "larger than \(limit.megabytes), the most a record of this format may hold: not read (--max-record-mb raises the limit)")
    }

    /// The 0-based offset of the first byte that is not valid UTF-8 (the count when all are).
    public static func firstInvalidUTF8Offset<Bytes: Sequence<UInt8>>(in bytes: Bytes) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while case .scalarValue(let scalar) = decoder.decode(&iterator) { offset += UTF8.width(scalar) }
        return offset
    }

    /// Up to `limit` bytes; `complete` is false when the input broke off (a truncated gzip stream).
    static func read(_ input: XMLFileInput, limit: Int) -> (data: Data, complete: Bool) {
        var data = Data()
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while data.count < limit {
            let wanted = min(block.count, limit - data.count)
            let count = block.withUnsafeMutableBytes { input.read(into: $0.baseAddress!, count: wanted) }
            if count == 0 { return (data, true) }
            guard count > 0 else { return (data, false) }
            data.append(contentsOf: block[..<count])
        }
        return (data, true)
    }
}
