import Foundation
import LitKBModel
@testable import LitKBParsers
import XCTest

/// The NIH Open Citation Collection's CSV: pairs read exactly, bad lines reported by number,
/// and the same pairs whether the file is plain, gzip'd or zipped.
final class CitationPairStreamTests: XCTestCase {
    private static let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/LitKBParsersTests/Fixtures/nih-occ")

    private func read(_ stream: CitationPairStream) -> (pairs: [CitationPair], errors: [ParseError], chunks: [CitationPairStream.Chunk]) {
        var chunks: [CitationPairStream.Chunk] = []
        while let chunk = stream.next() { chunks.append(chunk) }
        return (chunks.flatMap(\.pairs), chunks.flatMap(\.errors), chunks)
    }

    /// The excerpt's pairs as plain text split by hand: what every container must give.
    private func excerptPairs() throws -> [CitationPair] {
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("occ-excerpt.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let fields = line.split(separator: ",")
            return CitationPair(citing: Int64(fields[0])!, cited: Int64(fields[1])!)
        }
    }

    func testPairsAreReadExactlyAndBadLinesAreReportedByNumber() throws {
        let text = "\u{FEFF}citing,referenced\r\n12486199,121760\r\n\"12486199\",\"1739965\"\r\n\r\n12486199,abc\r\n0,5\r\n"
            + "7,1234567890123\r\n33,44,55\r\n 10 , 20 \r\n21,22"
        let stream = try CitationPairStream(data: Data(text.utf8), displayName: "t.csv")
        let (pairs, errors, chunks) = read(stream)
        XCTAssertEqual(pairs, [CitationPair(citing: 12486199, cited: 121760), CitationPair(citing: 12486199, cited: 1739965),
                               CitationPair(citing: 10, cited: 20), CitationPair(citing: 21, cited: 22)])
        XCTAssertEqual(errors.map(\.location.line), [5, 6, 7, 8], "the blank line 4 is no error")
        XCTAssertTrue(errors[0].description.hasPrefix("t.csv: line 5: not a pair of PMIDs"), errors[0].description)
        XCTAssertTrue(errors[0].message.contains("12486199,abc"))
        XCTAssertEqual(chunks.last?.throughLine, 10)
    }

    func testChunksCountLinesAndAResumedStreamPassesOverWhatWasStored() throws {
        let text = "citing,referenced\n1,2\n1,3\n2,3\n4,1\n5,1\n"
        let stream = try CitationPairStream(data: Data(text.utf8), displayName: "t.csv", chunkSize: 2)
        let chunks = read(stream).chunks
        XCTAssertEqual(chunks.map(\.throughLine), [3, 5, 6])
        XCTAssertEqual(chunks.map(\.pairs.count), [2, 2, 1])

        let resumed = try CitationPairStream(data: Data(text.utf8), displayName: "t.csv", chunkSize: 2)
        resumed.passOver(through: 3)
        XCTAssertEqual(read(resumed).pairs, [CitationPair(citing: 2, cited: 3), CitationPair(citing: 4, cited: 1), CitationPair(citing: 5, cited: 1)])
    }

    func testAFileWithoutTheHeaderIsRefused() {
        XCTAssertThrowsError(try CitationPairStream(data: Data("pmid,doi\n1,2\n".utf8), displayName: "x.csv")) { error in
            XCTAssertTrue("\(error)".contains("not a citation-pair CSV"), "\(error)")
        }
        XCTAssertNil(FormatDetector.detect("pmid,doi\n1,2\n"))
        XCTAssertEqual(FormatDetector.detect("citing,referenced\n1,2\n"), .nihOCC)
    }

    func testPlainGzipZipZip64AndStoredZipGiveTheSamePairs() throws {
        let expected = try excerptPairs()
        XCTAssertEqual(expected.count, 40)
        for name in ["occ-excerpt.csv", "occ-excerpt.csv.gz", "occ-excerpt.zip", "occ-excerpt-zip64.zip", "occ-excerpt-stored.zip"] {
            let path = Self.fixtures.appendingPathComponent(name).path
            let stream = try CitationPairStream(path: path, displayName: name)
            let (pairs, errors, _) = read(stream)
            XCTAssertEqual(pairs, expected, name)
            XCTAssertEqual(errors, [], name)
            let prefix = try XCTUnwrap(InputPrefix.read(path: path), name)
            XCTAssertEqual(FormatDetector.detect(String(decoding: prefix, as: UTF8.self)), .nihOCC, name)
        }
        let zipped = try CitationPairStream(path: Self.fixtures.appendingPathComponent("occ-excerpt.zip").path, displayName: "z")
        XCTAssertEqual(zipped.container, "zip member open_citation_collection.csv")
    }

    /// An archive cut inside its data: the pairs before the cut, never a pair made of a line
    /// cut in two, and an error saying so.
    func testACutArchiveGivesThePairsBeforeTheCutAndSaysSo() throws {
        let expected = try excerptPairs()
        let stream = try CitationPairStream(path: Self.fixtures.appendingPathComponent("occ-excerpt-cut.zip").path, displayName: "cut.zip")
        let (pairs, errors, _) = read(stream)
        XCTAssertLessThan(pairs.count, expected.count)
        XCTAssertEqual(pairs, Array(expected.prefix(pairs.count)), "every pair read is a whole line of the file")
        XCTAssertEqual(errors.count, 1)
        XCTAssertTrue(errors[0].message.contains("cut short"), errors[0].description)
    }

    /// The real sample (`../shared/corpus/nih-occ`): every line a pair, in the collection's
    /// order (sorted by citing, then referenced), against a plain split of the same text.
    func testTheRealSampleReadsEveryPair() throws {
        let path = TestPaths.sharedCorpus.appendingPathComponent("nih-occ/open_citation_collection-sample.csv").path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("../shared/corpus/nih-occ is absent") }
        let (pairs, errors, _) = read(try CitationPairStream(path: path, displayName: "sample.csv"))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(errors, [])
        XCTAssertEqual(pairs.count, lines.count)
        XCTAssertEqual(pairs.count, 93_382)
        XCTAssertEqual(pairs.first, CitationPair(citing: 12486199, cited: 121760))
        let last = lines.last!.split(separator: ",")
        XCTAssertEqual(pairs.last, CitationPair(citing: Int64(last[0])!, cited: Int64(last[1])!))
        XCTAssertEqual(pairs, pairs.sorted())
    }
}
