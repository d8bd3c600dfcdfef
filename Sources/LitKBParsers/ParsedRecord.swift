import LitKBModel

/// A record a parser read, with what it noticed along the way.
public struct ParsedRecord: Hashable, Sendable {
    public var record: WorkRecord
    public var location: SourceLocation
    public var warnings: [ParseWarning]

    public init(record: WorkRecord, location: SourceLocation, warnings: [ParseWarning] = []) {
        self.record = record
        self.location = location
        self.warnings = warnings
    }
}
