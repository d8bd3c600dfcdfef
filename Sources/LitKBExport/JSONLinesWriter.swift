import LitKBModel

/// Streams works out as JSON Lines: one compact JSON object per line, each written as soon as it
/// is encoded, so an export never holds more than one work.
///
/// ```swift
/// let writer = JSONLinesWriter { line in FileHandle.standardOutput.write(Data(line.utf8)) }
/// for detail in details { try writer.write(detail) }
/// ```
public struct JSONLinesWriter {
    private let sink: (String) -> Void

    /// `write` receives each line with its trailing `\n`.
    public init(write: @escaping (String) -> Void) {
        sink = write
    }

    public func write(_ work: WorkDetail) throws {
        sink(try WorkJSON.encode(work, pretty: false) + "\n")
    }
}
