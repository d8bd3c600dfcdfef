import LitKBModel

/// One thing an input holds, as a parser hands it over, in file order.
public enum ParsedItem: Sendable {
    /// One record: a PubMed article, a MEDLINE record, an eLink link set, a JATS article, a page.
    case record(ParsedRecord)
    /// A PubMed `DeleteCitation` element: PubMed withdrew these PMIDs.
    case deletion([PMID], SourceLocation)
    /// One record that could not be read; the stream goes on when it can.
    case failure(ParseError)
    /// A note about the input that belongs to no record (an eLink link set to another database,
    /// skipped).
    case warning(ParseWarning)
}

/// A parser that hands over an input's items one at a time, so that an input of any size is read
/// in the memory of a record or two. Used from one thread at a time; it may move between threads.
public protocol ItemStream: AnyObject, Sendable {
    /// The next item, or nil at the end.
    func next() -> ParsedItem?
    /// The share of the input read so far (0...1), for a progress line; nil when unknown.
    var fractionRead: Double? { get }
}

extension ItemStream {
    public var fractionRead: Double? { nil }
}

/// The items of an input parsed whole: its notes, its records, then what could not be read.
public final class ParsedFileItems: ItemStream, @unchecked Sendable {
    private var items: IndexingIterator<[ParsedItem]>

    public init(_ file: ParsedFile) {
        items = (file.warnings.map(ParsedItem.warning) + file.records.map(ParsedItem.record) + file.failures.map(ParsedItem.failure)).makeIterator()
    }

    public func next() -> ParsedItem? { items.next() }
}
