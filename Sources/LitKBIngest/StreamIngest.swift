import Foundation
import LitKBModel
import LitKBParsers
import LitKBPipes
import LitKBStore
import Synchronization

extension Ingester {
    /// Records per transaction: large enough that commits cost little, small enough that a
    /// failure loses nothing already written and memory stays flat.
    static let batchSize = 1000
    /// Records per part the parser hands over. Smaller than a transaction, so that the store
    /// starts writing early and, when the parser is done, is at most a part or two behind
    /// (with whole transactions handed over, the store still had two thousand records to
    /// write after the parser's end: a tenth of pubmed21n1298's ingest with one core idle).
    static let partSize = 250

    /// Streams a file's items into the store: the parser runs on its own thread and hands over
    /// parts of a few hundred records, the store writes them as they come, a thousand to a
    /// transaction. A record that cannot be read is reported by file, record and line, and the
    /// records around it land.
    ///
    /// Every transaction also commits how far into the file it reaches (`SourceProgress`), and
    /// the file is marked complete only after its last record is stored, so an interrupted ingest
    /// is never taken for a finished one: given `resume`, the items an earlier ingest committed
    /// are read again and passed over, and the store goes on after them, as if never stopped.
    func ingestItems(_ file: SourceFileInput, resume: SourceProgress?, into report: inout FileReport,
                     stream: any ItemStream) throws {
        let source = try store.registerSource(file, resuming: resume != nil)
        let skipThrough = resume?.storedThrough ?? 0
        // Two parts in the pipe: the parser and the store now take about as long per record, but
        // not per part (a reference-heavy part costs the store more than the parser), and with
        // one part each waited for the other in turn. pubmed21n1298, alternating runs: 3.82 s
        // with one, 3.54 s with two, 3.53 s with three; peak 149, 156, 164 MB. (When the store
        // took half again as long as the parser, one was as fast as three.)
        let pipe = BatchPipe<[Item]>(capacity: 2)
        let written = ReleaseBin<[IncomingRecord]>()
        // How far the parser has read, in millionths (-1: unknown), for the progress line.
        let readShare = ReadShare()
        let producer = Thread {
            defer { pipe.finish() }
            var part: [Item] = []
            part.reserveCapacity(Ingester.partSize)
            var sequence = 0
            while let item = stream.next() {
                sequence += 1
                // What an interrupted ingest committed is counted, not prepared again.
                part.append(sequence <= skipThrough ? Item(passingOver: item) : Item(item))
                if part.count >= Ingester.partSize {
                    readShare.set(stream.fractionRead)
                    guard pipe.put(part) else { return }
                    part.removeAll(keepingCapacity: true)
                    written.empty()
                }
            }
            if !part.isEmpty { _ = pipe.put(part) }
        }
        producer.stackSize = 8 << 20
        producer.start()

        // Items taken from the pipe and not yet handed to the store. The store takes records
        // until the next deletion, which applies in file order: after what came before it.
        var taken: ArraySlice<Item> = []
        var sequence = 0
        var last: Item?
        // Set when the item where the interrupted ingest stopped is not the one it recorded: the
        // file reads differently now, and what comes next cannot be trusted to be unwritten.
        var lostPlace = false
        func progress() -> SourceProgress { SourceProgress(storedThrough: sequence, records: report.records, last: last?.place) }
        func nextPart() -> IngestPart? {
            while !lostPlace {
                if taken.isEmpty {
                    guard let items = pipe.take() else { return nil }
                    taken = items[...]
                    self.progress?(IngestProgress(path: file.path, records: report.records, fractionRead: readShare.value))
                }
                var records: [IncomingRecord] = []
                loop: while let item = taken.first {
                    switch item {
                    case .record(let incoming, let warnings):
                        report.records += 1
                        report.warnings += warnings
                        records.append(incoming)
                    case .storedBefore(let isRecord, let warnings, _):
                        if isRecord { report.records += 1 }
                        report.warnings += warnings
                    case .failure(let error):
                        report.errors.append(error)
                    case .warning(let warning):
                        report.warnings.append(warning)
                    case .deletion:
                        if sequence + 1 <= skipThrough { break }
                        break loop
                    }
                    sequence += 1
                    last = item
                    taken.removeFirst()
                    if sequence == skipThrough, let expected = resume?.last, item.place != expected {
                        lostPlace = true
                        return nil
                    }
                }
                // A used-up slice still holds its part's items: let go of them here, so that the
                // records are freed where `committed` sends them, on the parse thread.
                if taken.isEmpty { taken = [] }
                if !records.isEmpty { return IngestPart(records: records, progress: progress()) }
                if taken.first != nil { return nil }
            }
            return nil
        }
        do {
            while true {
                // The parse thread frees what it allocated: freeing the records took 3 % of the
                // store's thread, the critical path, and glibc frees faster in the arena that
                // allocated.
                report.outcome.add(try store.write(from: source, recordsPerTransaction: Ingester.batchSize, next: nextPart,
                                                   committed: { written.put($0) }))
                guard !lostPlace, let item = taken.first, case .deletion(let pmids, let location) = item else { break }
                taken.removeFirst()
                sequence += 1
                last = item
                report.outcome.add(try store.deleteRecords(pmids, from: source, location: location, progress: progress()))
            }
            // Fewer items than the interrupted ingest committed: it read the file differently.
            if lostPlace || sequence < skipThrough { throw ResumeError.fileReadsDifferently }
        } catch {
            pipe.cancel()
            throw error
        }
        if report.records == 0, report.outcome.deleted == 0, !report.errors.isEmpty {
            try store.forgetSource(source)
        } else {
            report.outcome.add(try store.finishSource(source, records: report.records))
        }
    }

    /// An interrupted ingest cannot be resumed: the file, read again, does not come to the item
    /// where it stopped (another record limit, or a litkb that counts items differently).
    enum ResumeError: Error {
        case fileReadsDifferently
    }

    /// What the parse thread hands over: records ready for the store.
    enum Item: Sendable {
        case record(IncomingRecord, [ParseWarning])
        case deletion([PMID], SourceLocation)
        case failure(ParseError)
        case warning(ParseWarning)
        /// An item an interrupted ingest of the file committed: counted and reported, not stored again.
        case storedBefore(isRecord: Bool, warnings: [ParseWarning], place: String)

        /// Where in its file the item is, as `SourceProgress.last` keeps it: its kind, record,
        /// PMID and line.
        var place: String {
            switch self {
            case .record(let incoming, _): Item.place("record", incoming.location)
            case .deletion(_, let location): Item.place("deletion", location)
            case .failure(let error): Item.place("failure", error.location)
            case .warning(let warning): Item.place("note", warning.location)
            case .storedBefore(_, _, let place): place
            }
        }

        static func place(_ kind: String, _ location: SourceLocation) -> String {
            "\(kind) \(location.record ?? 0) PMID \(location.pmid?.description ?? "-") line \(location.line ?? 0)"
        }

        init(_ item: ParsedItem) {
            switch item {
            case .record(let parsed): self = .record(IncomingRecord(record: parsed.record, location: parsed.location), parsed.warnings)
            case .deletion(let pmids, let location): self = .deletion(pmids, location)
            case .failure(let error): self = .failure(error)
            case .warning(let warning): self = .warning(warning)
            }
        }

        init(passingOver item: ParsedItem) {
            switch item {
            case .record(let parsed): self = .storedBefore(isRecord: true, warnings: parsed.warnings, place: Item.place("record", parsed.location))
            case .deletion(let pmids, let location): self = .deletion(pmids, location)
            case .failure(let error): self = .failure(error)
            case .warning(let warning): self = .warning(warning)
            }
        }
    }
}

/// Where a file's ingest has got to, for a progress line.
public struct IngestProgress: Sendable {
    public var path: String
    /// Records read so far (stored, or about to be).
    public var records: Int
    /// The share of the file read (0...1); nil when its size is unknown.
    public var fractionRead: Double?
}

/// The share of its input a parse thread has read, as the store's thread sees it.
final class ReadShare: Sendable {
    private let millionths = Atomic<Int>(-1)

    func set(_ fraction: Double?) {
        millionths.store(fraction.map { Int($0 * 1_000_000) } ?? -1, ordering: .relaxed)
    }

    var value: Double? {
        let stored = millionths.load(ordering: .relaxed)
        return stored < 0 ? nil : Double(stored) / 1_000_000
    }
}
