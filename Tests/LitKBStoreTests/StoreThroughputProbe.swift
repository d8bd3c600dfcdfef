import Foundation
import LitKBModel
@testable import LitKBStore
import XCTest

/// Not a test: a probe for profiling the store alone on real records decoded from JSON Lines.
/// Runs only with LITKB_STORE_PROBE=/path/records.jsonl.
final class StoreThroughputProbe: XCTestCase {
    func testWriteThroughput() throws {
        guard let path = ProcessInfo.processInfo.environment["LITKB_STORE_PROBE"] else { throw XCTSkip("set LITKB_STORE_PROBE") }
        let decoder = JSONDecoder()
        var records: [WorkRecord] = []
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n") { records.append(try decoder.decode(WorkRecord.self, from: Data(line.utf8))) }
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("probe-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        let kb = try KnowledgeBase(path: db)
        let source = try kb.registerSource(SourceFileInput(path: path, sha256: "probe", format: .pubmedXML, size: 0))
        let clock = ContinuousClock()
        let batchSize = Int(ProcessInfo.processInfo.environment["LITKB_BATCH"] ?? "1000")!
        var outcome = BatchOutcome()
        let elapsed = try clock.measure {
            var index = 0
            while index < records.count {
                let batch = records[index..<min(index + batchSize, records.count)].enumerated().map {
                    IncomingRecord(record: $1, location: SourceLocation(file: path, record: index + $0 + 1))
                }
                outcome.add(try kb.write(batch, from: source))
                index += batchSize
            }
        }
        print("PROBE records=\(records.count) elapsed=\(elapsed) added=\(outcome.added) stubs=\(outcome.stubsCreated) failed=\(outcome.failed) notes=\(outcome.notes.count)")
        print(outcome.notes.prefix(5))
    }
}
