import Foundation

/// The first bytes of a file as its content reads: gzip'd files are inflated (through libxml2's
/// own I/O layer, which every PubMed file passes through anyway), plain files read as they are.
/// Format detection looks at content, never at names.
public enum InputPrefix {
    public static func read(path: String, maxBytes: Int = 8192) -> Data? {
        // A zip archive (the NIH Open Citation Collection comes as one): its first file's bytes.
        if isZip(path: path) {
            guard let input = try? CompressedInput(path: path) else { return nil }
            var bytes = [UInt8](repeating: 0, count: maxBytes)
            var count = 0
            while count < maxBytes {
                let read = bytes.withUnsafeMutableBytes { input.read(into: $0.baseAddress! + count, count: maxBytes - count) }
                guard read > 0 else { break }
                count += read
            }
            return Data(bytes[..<count])
        }
        guard let input = XMLFileInput(path: path) else { return nil }
        return InputFile.read(input, limit: maxBytes).data
    }

    static func isZip(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data([0x50, 0x4B, 0x03, 0x04])
    }
}
