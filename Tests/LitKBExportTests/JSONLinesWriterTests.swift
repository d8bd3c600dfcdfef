import Foundation
import LitKBExport
import LitKBModel
import XCTest

final class JSONLinesWriterTests: XCTestCase {
    func testWritesOneCompactObjectPerLine() throws {
        final class Lines: @unchecked Sendable { var chunks: [String] = [] }
        let lines = Lines()
        let writer = JSONLinesWriter { lines.chunks.append($0) }
        try writer.write(Fixtures.seed)
        try writer.write(Fixtures.retracted)

        XCTAssertEqual(lines.chunks.count, 2)
        XCTAssertEqual(lines.chunks[0], try WorkJSON.encode(Fixtures.seed, pretty: false) + "\n")
        let output = lines.chunks.joined()
        let records = output.split(separator: "\n")
        XCTAssertEqual(records.count, 2)
        let pmids = try records.map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["pmid"] as? Int
        }
        XCTAssertEqual(pmids, [38174611, 32500209])
    }
}
