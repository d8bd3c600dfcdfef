import LitKBModel

/// Everything a parser read from one whole input, for formats whose files are read at once
/// (MEDLINE exports, eLink results, PMC JATS articles).
public struct ParsedFile: Hashable, Sendable {
    public var records: [ParsedRecord]
    /// Records that could not be read, each named by file, record and line; the others are in `records`.
    public var failures: [ParseError]
    /// Notes about the input as a whole (an eLink link set to another database, skipped, ...).
    public var warnings: [ParseWarning]

    public init(records: [ParsedRecord] = [], failures: [ParseError] = [], warnings: [ParseWarning] = []) {
        self.records = records
        self.failures = failures
        self.warnings = warnings
    }
}
