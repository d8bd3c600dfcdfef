import Foundation

/// The first bytes of a file as its content reads: gzip'd files are inflated (through libxml2's
/// own I/O layer, which every PubMed file passes through anyway), plain files read as they are.
/// Format detection looks at content, never at names.
public enum InputPrefix {
    public static func read(path: String, maxBytes: Int = 8192) -> Data? {
        guard let input = XMLFileInput(path: path) else { return nil }
        return InputFile.read(input, limit: maxBytes).data
    }
}
