import LitKBModel

/// One thing an input holds, as a parser hands it over, in file order.
public enum ParsedItem: Sendable {
    /// One record: a PubMed article, a MEDLINE record, an eLink link set, a JATS article, a page.
    case record(ParsedRecord)
    /// A PubMed `DeleteCitation` element: PubMed withdrew these PMIDs.
    case deletion([PMID], SourceLocation)
    /// One record that could not be read; the stream goes on when it can.
    case failure(ParseError)
}

/// A parser that hands over an input's items one at a time, so that an input of any size is read
/// in the memory of a record or two. Used from one thread at a time; it may move between threads.
public protocol ItemStream: AnyObject, Sendable {
    /// The next item, or nil at the end.
    func next() -> ParsedItem?
}

/// The items of an input parsed whole: its records, then what could not be read.
public final class ParsedFileItems: ItemStream, @unchecked Sendable {
    private var records: IndexingIterator<[ParsedRecord]>
    private var failures: IndexingIterator<[ParseError]>

    public init(_ file: ParsedFile) {
        records = file.records.makeIterator()
        failures = file.failures.makeIterator()
    }

    public func next() -> ParsedItem? {
        if let record = records.next() { return .record(record) }
        return failures.next().map(ParsedItem.failure)
    }
}
