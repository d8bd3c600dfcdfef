import Foundation
import LitKBModel
import LitKBParsers
import LitKBPipes
import LitKBStore

extension Ingester {
    /// Streams a citation-pair file (the NIH Open Citation Collection) into the store: the
    /// parse thread reads chunks of half a million pairs while the store commits the chunk
    /// before, each with how far into the file it reaches. Given `resume`, the lines an
    /// interrupted load committed are read and not stored again (storing them again would
    /// change nothing: a pair is stored once), and the file is complete only after its last
    /// chunk and the index build that ends a large load.
    func ingestCitationPairs(_ file: SourceFileInput, resume: SourceProgress?, into report: inout FileReport,
                             stream: CitationPairStream) throws {
        let source = try store.registerSource(file, resuming: resume != nil)
        if let resume { stream.passOver(through: resume.storedThrough) }
        // About 16 bytes a line: `12486199,1739965\n`. A gzip'd file's inflated size is unknown
        // here (its trailer holds it modulo 4 GB): its packed size stands in, an underestimate.
        let expectedPairs = (stream.expectedSize ?? file.size) / 16
        let load = try store.citationPairLoad(source: source, expectedPairs: expectedPairs)
        var read = resume?.records ?? 0
        let pipe = BatchPipe<CitationPairStream.Chunk>(capacity: 2)
        let readShare = ReadShare()
        let producer = Thread {
            defer { pipe.finish() }
            while let chunk = stream.next() {
                readShare.set(stream.fractionRead)
                guard pipe.put(chunk) else { return }
            }
        }
        producer.stackSize = 8 << 20
        producer.start()
        do {
            while let chunk = pipe.take() {
                read += chunk.pairs.count
                report.errors += chunk.errors
                let progress = SourceProgress(storedThrough: chunk.throughLine, records: read, last: "line \(chunk.throughLine)")
                try load.write(chunk.pairs, progress: progress)
                self.progress?(IngestProgress(path: file.path, records: read, fractionRead: readShare.value))
            }
            try load.finish()
        } catch {
            pipe.cancel()
            throw error
        }
        report.records = read
        report.pairs = load.outcome
        report.outcome.stubsCreated = load.outcome.stubsCreated
        if read == 0, !report.errors.isEmpty {
            try store.forgetSource(source)
        } else {
            try store.finishSource(source, records: read)
        }
    }
}
