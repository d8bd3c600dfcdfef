import Foundation
import LitKBModel
import LitKBParsers
import LitKBStore

extension Ingester {
    /// Records per transaction: large enough that commits cost little, small enough that a
    /// failure loses nothing already written and memory stays flat.
    static let batchSize = 1000
    /// The first batch is handed over early, so that the store starts writing while the parser
    /// reads on, instead of waiting for a thousand records.
    static let firstBatchSize = 100

    /// Streams a PubMed XML file into the store: the parser runs on its own thread and hands
    /// over batches, the store writes each batch in one transaction. A record that cannot be read
    /// is reported by file, record and line, and the records around it land.
    /// `beforeFinishing` runs once every record is stored, before the file is marked done (it
    /// records the file's digest when that was taken beside the parse).
    func ingestPubMedXML(_ input: Input, file: SourceFileInput, into report: inout FileReport,
                         beforeFinishing: (SourceID) throws -> Void = { _ in }) throws {
        let name = file.path
        let open: @Sendable () throws(ParseError) -> PubMedXMLParser = switch input {
        case .file(let path): { () throws(ParseError) in try PubMedXMLParser(path: path, displayName: name) }
        case .memory(let data): { () throws(ParseError) in try PubMedXMLParser(data: data, displayName: name) }
        }
        let source = try store.registerSource(file)
        // One batch in the pipe is enough to keep both threads busy (the parser fills the next
        // while the store writes this one); each more held 10 MB on pubmed21n1298 for no speed
        // (measured 1 against 3: same times, peak 163 MB against 193 MB).
        let pipe = BatchPipe<[Item]>(capacity: 1)
        let written = ReleaseBin<[IncomingRecord]>()
        let producer = Thread {
            defer { pipe.finish() }
            do throws(ParseError) {
                let parser = try open()
                var batch: [Item] = []
                batch.reserveCapacity(Ingester.batchSize)
                var size = Ingester.firstBatchSize
                while let item = parser.next() {
                    batch.append(Item(item))
                    if batch.count >= size {
                        size = Ingester.batchSize
                        guard pipe.put(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                        written.empty()
                    }
                }
                if !batch.isEmpty { _ = pipe.put(batch) }
            } catch {
                _ = pipe.put([Item.failure(error)])
            }
        }
        producer.stackSize = 8 << 20
        producer.start()

        var pending: [IncomingRecord] = []
        func flush() throws {
            guard !pending.isEmpty else { return }
            report.outcome.add(try store.write(pending, from: source))
            // The parse thread frees what it allocated: freeing a batch's records took 3 % of
            // the store's thread, the critical path, and glibc frees faster in the arena that
            // allocated.
            written.put(pending)
            pending = []
            pending.reserveCapacity(Ingester.batchSize)
        }
        do {
            while var items = pipe.take() {
                for item in items {
                    switch item {
                    case .record(let incoming, let warnings):
                        report.records += 1
                        report.warnings += warnings
                        pending.append(incoming)
                    case .deletion(let pmids, let location):
                        // Deletions apply in file order: what came before them is written first.
                        try flush()
                        report.outcome.add(try store.deleteRecords(pmids, from: source, location: location))
                    case .failure(let error):
                        report.errors.append(error)
                    }
                }
                items = []
                try flush()
            }
        } catch {
            pipe.cancel()
            throw error
        }
        try beforeFinishing(source)
        try store.finishSource(source, records: report.records)
    }

    /// What the parse thread hands over: records ready for the store.
    enum Item: Sendable {
        case record(IncomingRecord, [ParseWarning])
        case deletion([PMID], SourceLocation)
        case failure(ParseError)

        init(_ item: PubMedXMLItem) {
            switch item {
            case .record(let parsed): self = .record(IncomingRecord(record: parsed.record, location: parsed.location), parsed.warnings)
            case .deletion(let pmids, let location): self = .deletion(pmids, location)
            case .failure(let error): self = .failure(error)
            }
        }
    }
}
