import Foundation
import LitKBModel
@testable import LitKBParsers
import XCTest

/// Inputs of any size read record by record: a record over the limit, a line too long to hold
/// or bytes that are not UTF-8 fail that record alone; large eLink and JATS files are cut at
/// their record elements and read as the whole-document parser reads them.
final class StreamingInputTests: XCTestCase {
    private func temporaryFile(_ name: String, _ bytes: Data) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try bytes.write(to: URL(fileURLWithPath: path))
        return path
    }

    private func all(_ stream: any ItemStream) -> [ParsedItem] {
        var items: [ParsedItem] = []
        while let item = stream.next() { items.append(item) }
        return items
    }

    private func summary(_ items: [ParsedItem]) -> [String] {
        items.map { item in
            switch item {
            case .record(let parsed): "record \(parsed.location.record ?? 0) PMID \(parsed.record.ids.pmid?.description ?? "-") line \(parsed.location.line ?? 0)"
            case .failure(let error): "failure \(error)"
            case .warning(let warning): "warning \(warning)"
            case .deletion: "deletion"
            }
        }
    }

    func testMEDLINERecordWithInvalidUTF8FailsAloneAndTheNextKeepsItsOrdinal() throws {
        var bytes = Data("PMID- 11\nTI  - One.\n\nPMID- 12\nTI  - Caf".utf8)
        bytes.append(contentsOf: [0xE9, 0x2E, 0x0A])   // Latin-1 "é." where UTF-8 was due
        bytes.append(Data("AB  - More.\n\nPMID- 13\nTI  - Three.\n".utf8))
        let path = try temporaryFile("latin1.nbib", bytes)
        XCTAssertEqual(summary(all(try MEDLINEStream(path: path, displayName: "latin1.nbib"))), [
            "record 1 PMID 11 line 1",
            "failure latin1.nbib: record 2: line 5: not valid UTF-8 text at byte 10 of the line: record skipped",
            "record 3 PMID 13 line 8",
        ])
    }

    func testMEDLINERecordOverTheLimitAndALineTooLongToHoldFailAlone() throws {
        let long = String(repeating: "word ", count: 2000)   // 10,000 bytes
        var text = "PMID- 21\nTI  - Short.\n\n"
        text += "PMID- 22\nTI  - Long.\nAB  - \(long)\n      \(long)\n\n"   // two lines under the limit, a record over it
        text += "PMID- 23\nAB  - \(long)\(long)\n\n"                        // one line over it
        text += "PMID- 24\nTI  - After.\n"
        let path = try temporaryFile("big.nbib", Data(text.utf8))
        XCTAssertEqual(summary(all(try MEDLINEStream(path: path, displayName: "big.nbib", maximumRecordSize: 15_000))), [
            "record 1 PMID 21 line 1",
            "failure big.nbib: record 2: line 7: record larger than 15,000 bytes: skipped",
            "failure big.nbib: record 3: line 10: line of 20,006 bytes, larger than the 15,000 bytes a record may hold: record skipped",
            "record 4 PMID 24 line 12",
        ])
    }

    /// The stream reads what `MEDLINEParser.parse` reads, gzip'd or not.
    func testMEDLINEStreamOfAGzipFileEqualsTheWholeFileParse() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/medline/broken-records.nbib")
        let data = try Data(contentsOf: fixture)
        let path = try temporaryFile("broken-records.nbib", data)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", path]
        try gzip.run()
        gzip.waitUntilExit()
        XCTAssertEqual(gzip.terminationStatus, 0)
        let whole = try MEDLINEParser.parse(String(decoding: data, as: UTF8.self), file: "broken-records.nbib")
        let streamed = all(try MEDLINEStream(path: path + ".gz", displayName: "broken-records.nbib"))
        XCTAssertEqual(streamed.compactMap { if case .record(let parsed) = $0 { parsed } else { nil } }, whole.records)
        XCTAssertEqual(streamed.compactMap { if case .failure(let error) = $0 { error } else { nil } }, whole.failures)
        XCTAssertFalse(whole.records.isEmpty)
        XCTAssertFalse(whole.failures.isEmpty)
    }

    /// Lines come out whole and in order however the blocks cut them, a line over the limit
    /// is passed over, and a last line without its `\n` still counts.
    func testLineInputAcrossBlocksOfEverySize() throws {
        var text = ""
        for number in 1...300 { text += String(repeating: "x", count: number % 37) + "line \(number)" + (number % 5 == 0 ? "\r\n" : "\n") }
        text += String(repeating: "y", count: 500) + "\nafter the long line\nno line end"
        let path = try temporaryFile("lines.txt", Data(text.utf8))
        // Split on bytes: as a `Character`, "\r\n" is one, and a split on "\n" would miss it.
        var expected: [String] = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        let long = expected.firstIndex { $0.hasPrefix("yyy") }!
        expected[long] = "too long: 500"
        for blockSize in [1, 2, 7, 64, 499, 500, 501, 4096] {
            let input = try XCTUnwrap(LineInput(path: path, maximumLineLength: 400, blockSize: blockSize))
            var lines: [String] = []
            var numbers: [Int] = []
            while let line = input.next() {
                switch line {
                case .text(let bytes, let number): lines.append(String(decoding: bytes, as: UTF8.self)); numbers.append(number)
                case .tooLong(let number, let length): lines.append("too long: \(length)"); numbers.append(number)
                case .unreadable: XCTFail("blocks of \(blockSize)")
                }
            }
            XCTAssertEqual(lines, expected, "blocks of \(blockSize)")
            XCTAssertEqual(numbers, Array(1...expected.count), "blocks of \(blockSize)")
        }
    }

    /// An export of many blocks (two thousand records, CRLF) streams to what the whole parse reads.
    func testLargeMEDLINEExportStreamsToTheWholeFileParse() throws {
        var text = ""
        for pmid in 1...2000 {
            text += "PMID- \(pmid)\r\nTI  - Record \(pmid) on asthma in children and the long words of\r\n      its title.\r\nAU  - Roe R\r\nDP  - 2020\r\n\r\n"
        }
        let path = try temporaryFile("many.nbib", Data(text.utf8))
        let whole = try MEDLINEParser.parse(text, file: "many.nbib")
        let streamed = all(try MEDLINEStream(path: path, displayName: "many.nbib"))
        XCTAssertGreaterThan(text.utf8.count, 3 << 16)
        XCTAssertEqual(streamed.count, 2000)
        XCTAssertEqual(streamed.compactMap { if case .record(let parsed) = $0 { parsed } else { nil } }, whole.records)
    }

    func testMEDLINEStreamRefusesOtherFormats() {
        XCTAssertThrowsError(try MEDLINEStream(data: Data("<?xml version=\"1.0\"?><eLinkResult/>".utf8), displayName: "x.nbib")) { error in
            XCTAssertTrue("\(error)".contains("not MEDLINE (.nbib): XML or HTML content"), "\(error)")
        }
    }

    /// Cut at its `LinkSet`s, an eLink result gives the records, lines and failures the whole
    /// parse gives; the link set to another database is a note, as it is there.
    func testELinkCutAtItsLinkSetsReadsAsTheWholeDocument() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let data = try Data(contentsOf: fixtures.appendingPathComponent("elink/variants.xml"))
        let whole = try ELinkParser.parse(data, file: "variants.xml")
        let streamed = all(try XMLRecordStream.items(data: data, displayName: "variants.xml", format: .elink,
                                                     maximumRecordSize: 1 << 20, wholeDocumentSize: 0))
        let records = streamed.compactMap { if case .record(let parsed) = $0 { parsed } else { nil } }
        XCTAssertEqual(records.map(\.record), whole.records.map(\.record))
        XCTAssertEqual(records.map(\.location), whole.records.map(\.location))
        XCTAssertEqual(records.map(\.warnings), whole.records.map(\.warnings))
        XCTAssertEqual(streamed.compactMap { if case .failure(let error) = $0 { error.message } else { nil } }, whole.failures.map(\.message))
        XCTAssertEqual(streamed.compactMap { if case .warning(let warning) = $0 { warning.message } else { nil } }.sorted(),
                       whole.warnings.map(\.message).sorted())
        XCTAssertEqual(records.map { $0.record.ids.pmid }, [PMID(100)])
        XCTAssertEqual(whole.warnings.count + whole.records[0].warnings.count, 8)
    }

    func testJATSArticleSetCutAtItsArticlesReadsAsTheWholeDocument() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let data = try Data(contentsOf: fixtures.appendingPathComponent("jats/variants.nxml"))
        let whole = try JATSParser.parse(data, file: "variants.nxml")
        let path = try temporaryFile("variants.nxml", data)
        let streamed = all(try XMLRecordStream.items(path: path, displayName: "variants.nxml", format: .jats,
                                                     maximumRecordSize: 1 << 20, wholeDocumentSize: 0))
        let records = streamed.compactMap { if case .record(let parsed) = $0 { parsed } else { nil } }
        XCTAssertGreaterThan(records.count, 1)
        XCTAssertEqual(records.map(\.record), whole.records.map(\.record))
        XCTAssertEqual(records.map(\.location), whole.records.map(\.location))
        XCTAssertEqual(streamed.compactMap { if case .failure(let error) = $0 { error.message } else { nil } }, whole.failures.map(\.message))
    }

    /// One broken article, one too large: each fails alone, named by ordinal and line.
    func testJATSArticleSetWithABrokenAndAnOversizedArticleGoesOn() throws {
        func article(_ pmid: Int, _ body: String = "") -> String {
            "<article><front><article-meta><article-id pub-id-type=\"pmid\">\(pmid)</article-id>"
                + "<title-group><article-title>Article \(pmid)\(body)</article-title></title-group></article-meta></front></article>\n"
        }
        let text = "<?xml version=\"1.0\"?>\n<pmc-articleset>\n" + article(1) + article(2, "<b>unclosed") + article(3, String(repeating: "x", count: 5000))
            + article(4) + "</pmc-articleset>\n"
        let streamed = summary(all(try XMLRecordStream.items(data: Data(text.utf8), displayName: "set.xml", format: .jats,
                                                             maximumRecordSize: 4096, wholeDocumentSize: 0)))
        XCTAssertEqual(streamed.count, 4, "\(streamed)")
        XCTAssertEqual(streamed[0], "record 1 PMID 1 line 3")
        XCTAssertTrue(streamed[1].hasPrefix("failure set.xml: record 2: line 4: "), streamed[1])
        XCTAssertEqual(streamed[2], "failure set.xml: record 3: line 5: record larger than 4,096 bytes: skipped")
        XCTAssertEqual(streamed[3], "record 4 PMID 4 line 6")
    }

    /// A DOCTYPE, comments and CDATA of many reads each are passed over without being held (the
    /// splitter used to hold them whole: a 1 GB comment took 1 GB), and the records around them,
    /// their lines counted through them, come out.
    func testHugeDoctypeCommentsAndCDATAArePassedOverAcrossReads() throws {
        let filler = String(repeating: "abcdefghi\n", count: 30_000)   // 300,000 bytes, 30,000 lines
        func record(_ pmid: Int) -> String {
            "<PubmedArticle><MedlineCitation><PMID>\(pmid)</PMID><Article><ArticleTitle>T \(pmid)</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n"
        }
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\n<!-- \(filler) -->\n]>\n<PubmedArticleSet>\n" + record(1)
            + "<!--" + filler + "-->\n" + record(2) + "<![CDATA[" + filler + "]]>\n" + record(3) + "</PubmedArticleSet>\n"
        let path = try temporaryFile("huge-prolog.xml", Data(text.utf8))
        XCTAssertEqual(summary(all(try PubMedXMLParser(path: path, displayName: "huge-prolog.xml"))), [
            "record 1 PMID 1 line 30006",
            "record 2 PMID 2 line 60008",
            "record 3 PMID 3 line 90010",
        ])
    }

    /// A start tag larger than a record may be is not held either.
    func testHugeStartTagIsPassedOver() throws {
        let text = "<PubmedArticleSet>\n<PubmedArticle x=\"" + String(repeating: "a", count: 300_000) + "\"><MedlineCitation><PMID>1</PMID></MedlineCitation></PubmedArticle>\n"
            + "<PubmedArticle><MedlineCitation><PMID>2</PMID><Article><ArticleTitle>T</ArticleTitle></Article></MedlineCitation></PubmedArticle>\n</PubmedArticleSet>\n"
        let path = try temporaryFile("huge-tag.xml", Data(text.utf8))
        XCTAssertEqual(summary(all(try PubMedXMLParser(path: path, displayName: "huge-tag.xml", maximumRecordSize: 100_000))), [
            "failure huge-tag.xml: record 1: line 2: record larger than 100,000 bytes: skipped",
            "record 2 PMID 2 line 3",
        ])
    }

    /// A link set whose end tag is missing costs itself only: the next one's end tag does not
    /// swallow it, and the ordinals after it stay right.
    func testLinkSetMissingItsEndTagFailsAlone() throws {
        func linkSet(_ pmid: Int, closed: Bool = true) -> String {
            "<LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>\(pmid)</Id></IdList><LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed_citedin</LinkName>"
                + "<Link><Id>\(pmid + 1)</Id></Link></LinkSetDb>" + (closed ? "</LinkSet>" : "") + "\n"
        }
        for tail in ["</eLinkResult>\n", ""] {
            let text = "<eLinkResult>\n" + linkSet(10) + linkSet(20, closed: false) + linkSet(30) + linkSet(40) + tail
            let streamed = summary(all(try XMLRecordStream.items(data: Data(text.utf8), displayName: "e.xml", format: .elink,
                                                                 maximumRecordSize: 1 << 20, wholeDocumentSize: 0)))
            XCTAssertEqual(streamed.filter { !$0.hasPrefix("warning") }, [
                "record 1 PMID 10 line 2",
                "failure e.xml: record 2: line 3: </LinkSet> is missing before the next record",
                "record 3 PMID 30 line 4",
                "record 4 PMID 40 line 5",
            ] + (tail.isEmpty ? ["failure e.xml: line 6: the file ends before </eLinkResult>: it is truncated"] : []), tail)
        }
    }

    func testTruncatedLargeELinkEndsWithAFailureNamingWhere() throws {
        let text = "<eLinkResult>\n<LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>1</Id></IdList></LinkSet>\n<LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>2"
        let streamed = summary(all(try XMLRecordStream.items(data: Data(text.utf8), displayName: "cut.xml", format: .elink,
                                                             maximumRecordSize: 1 << 20, wholeDocumentSize: 0)))
        XCTAssertEqual(streamed.last, "failure cut.xml: record 2: line 3: the input ends inside this record (the file is truncated)")
    }
}
