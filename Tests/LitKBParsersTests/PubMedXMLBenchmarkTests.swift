import Foundation
import XCTest
import LitKBParsers

/// Times a full parse of pubmed20n0014.xml.gz (30,000 records, 174 MB of XML): median of three
/// runs. Skipped unless LITKB_PARSE_BENCH=1; no timing is asserted (the machine is shared).
///
///     LITKB_PARSE_BENCH=1 swift test -c release --scratch-path .build-parser --filter PubMedXMLBenchmark
final class PubMedXMLBenchmarkTests: XCTestCase {
    func testParseBaselineFile() throws {
        guard ProcessInfo.processInfo.environment["LITKB_PARSE_BENCH"] == "1" else {
            throw XCTSkip("set LITKB_PARSE_BENCH=1 to time the parser")
        }
        let path = try PubMedXMLFiles.corpusFile(ProcessInfo.processInfo.environment["LITKB_PARSE_BENCH_FILE"] ?? "pubmed20n0014.xml.gz")
        var times: [Double] = []
        var records = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let parser = try PubMedXMLParser(path: path, displayName: "bench")
            records = 0
            while let item = parser.next() { if case .record = item { records += 1 } }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let median = times.sorted()[1]
        print("PubMedXML bench: \(records) records, runs \(times.map { String(format: "%.3f", $0) }) s, median \(String(format: "%.3f", median)) s, \(Int(Double(records) / median)) records/s")
    }
}
