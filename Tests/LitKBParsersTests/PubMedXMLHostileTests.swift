import Foundation
import XCTest
import LitKBModel
import LitKBParsers

/// Broken and hostile input: a clear error naming file, record and line; the records before and
/// after it kept; nothing expanded, fetched or half-read.
final class PubMedXMLHostileTests: XCTestCase {
    func testMissingClosingTagFailsOnlyThatRecord() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("broken-middle.xml"))
        XCTAssertEqual(items.count, 3)
        XCTAssertEqual(items[0].parsed?.record.title, "First record.")
        XCTAssertEqual(items[2].parsed?.record.title, "Third record.")
        XCTAssertEqual(items[2].parsed?.location.record, 3)
        let error = try XCTUnwrap(items[1].error)
        XCTAssertEqual(error.location.file, "broken-middle.xml")
        XCTAssertEqual(error.location.record, 2)
        XCTAssertEqual(error.location.pmid, PMID(1000002))
        XCTAssertEqual(error.location.line, 32)
        XCTAssertEqual(error.description,
                       "broken-middle.xml: record 2 (PMID 1000002): line 32: Opening and ending tag mismatch: ArticleTitle line 31 and Article (and 3 more errors)")
    }

    func testMissingRecordEndTagEndsAtTheNextRecord() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("missing-end-tag.xml"))
        XCTAssertEqual(items.map(\.summary).count, 3)
        XCTAssertEqual(items[0].summary, "record 1000001")
        XCTAssertEqual(items[2].summary, "record 1000003")
        XCTAssertEqual(items[2].parsed?.location.record, 3)
        XCTAssertEqual(items[2].parsed?.location.line, 40)
        let error = try XCTUnwrap(items[1].error)
        XCTAssertEqual(error.location.record, 2)
        XCTAssertEqual(error.location.pmid, PMID(1000002))
        XCTAssertTrue(error.message.contains("PubmedArticle"), error.message)
    }

    func testInvalidUTF8FailsOnlyThatRecord() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("invalid-utf8.xml"))
        XCTAssertEqual(items.map(\.summary).first, "record 1000001")
        XCTAssertEqual(items.count, 3)
        XCTAssertEqual(items[2].summary, "record 1000003")
        let error = try XCTUnwrap(items[1].error)
        XCTAssertEqual(error.location.record, 2)
        XCTAssertEqual(error.location.line, 31)
        XCTAssertTrue(error.message.contains("not proper UTF-8"), error.message)
    }

    func testExternalEntityIsNeitherReadNorExpanded() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("xxe.xml"))
        XCTAssertEqual(items.map(\.summary).count, 3)
        XCTAssertEqual(items[0].summary, "record 1000001")
        XCTAssertEqual(items[2].summary, "record 1000003")
        let error = try XCTUnwrap(items[1].error)
        XCTAssertEqual(error.location.record, 2)
        XCTAssertEqual(error.location.pmid, PMID(1000002))
        XCTAssertTrue(error.message.hasPrefix("entity &xxe; is not expanded: litkb reads no DTD and expands no entities"), error.message)
        for item in items {
            XCTAssertFalse(item.summary.contains("root:"), "the contents of /etc/passwd leaked: \(item.summary)")
            XCTAssertFalse(item.parsed?.record.title?.contains("root") ?? false)
        }
    }

    func testBillionLaughsFailsFastWithoutExpanding() throws {
        let start = Date()
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("billion-laughs.xml"))
        XCTAssertLessThan(Date().timeIntervalSince(start), 5, "entity expansion must not happen")
        XCTAssertEqual(items.map(\.summary).count, 3)
        XCTAssertEqual(items[0].summary, "record 1000001")
        XCTAssertEqual(items[2].summary, "record 1000003")
        let error = try XCTUnwrap(items[1].error)
        XCTAssertEqual(error.location.record, 2)
        XCTAssertTrue(error.message.hasPrefix("entity &lol9; is not expanded"), error.message)
    }

    func testTruncatedGzipKeepsEarlierRecordsThenFailsOnce() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("truncated.xml.gz"))
        let records = items.compactMap(\.parsed)
        // The gzip stream (400 records) is cut in half: zcat inflates 196 whole records; libxml2's
        // gzip reader delivers three 64 KB blocks (which happen to end right after record 182)
        // and drops the block that meets the break.
        XCTAssertEqual(records.count, 182)
        XCTAssertEqual(records.map(\.location.record), Array(1...182))
        XCTAssertEqual(records.map(\.record.ids.pmid), (1...182).map { PMID(2_000_000 + $0) })
        XCTAssertEqual(items.count, 183)
        let error = try XCTUnwrap(items.last?.error)
        XCTAssertEqual(error.location.file, "truncated.xml.gz")
        XCTAssertEqual(error.description,
                       "truncated.xml.gz: record 183: line 1,640: the input cannot be read past this line: the gzip data is truncated or corrupt")
    }

    func testTruncatedPlainFileFailsTheUnfinishedRecord() throws {
        let items = try PubMedXMLFiles.items(PubMedXMLFiles.fixture("truncated.xml"))
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0].summary, "record 1000001")
        let error = try XCTUnwrap(items[1].error)
        XCTAssertEqual(error.location.record, 2)
        XCTAssertEqual(error.location.pmid, PMID(1000002))
        XCTAssertEqual(error.location.line, 22)
        XCTAssertEqual(error.message, "the input ends inside this record (the file is truncated)")
    }

    func testFileEndingBetweenRecordsIsReported() throws {
        let text = try String(contentsOfFile: PubMedXMLFiles.fixture("broken-middle.xml"), encoding: .utf8)
        let cut = text.components(separatedBy: "</PubmedArticle>")[0] + "</PubmedArticle>\n"
        let items = try parse(cut)
        XCTAssertEqual(items.map(\.summary), ["record 1000001", "failure: stdin: line 22: the file ends before </PubmedArticleSet>: it is truncated"])
    }

    func testGzipOnStandardInputAsksForAFile() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: PubMedXMLFiles.fixture("truncated.xml.gz")))
        XCTAssertThrowsError(try PubMedXMLParser(data: data, displayName: "stdin")) { error in
            XCTAssertTrue("\(error)".contains("pass the .xml.gz file by its path"), "\(error)")
        }
    }

    func testMissingFileThrows() {
        XCTAssertThrowsError(try PubMedXMLParser(path: "/nonexistent/pubmed.xml", displayName: "pubmed.xml")) { error in
            XCTAssertEqual("\(error)", "pubmed.xml: cannot open the file for reading")
        }
    }

    func testNotXMLIsReported() throws {
        XCTAssertEqual(try parse("PMID- 123\nTI  - not xml\n").map(\.summary), ["failure: stdin: no XML element found: not PubMed XML"])
    }

    func testUTF16IsRefusedClearly() throws {
        var data = Data([0xFF, 0xFE])
        data.append("<PubmedArticleSet/>".data(using: .utf16LittleEndian)!)
        let parser = try PubMedXMLParser(data: data, displayName: "utf16.xml")
        let item = try XCTUnwrap(parser.next())
        XCTAssertTrue(item.summary.contains("UTF-16"), item.summary)
        XCTAssertNil(parser.next())
    }

    func testDeclaredLatin1IsDecoded() throws {
        var data = Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>Caf".utf8)
        data.append(0xE9)
        data.append(contentsOf: Array("</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>".utf8))
        let parser = try PubMedXMLParser(data: data, displayName: "latin1.xml")
        XCTAssertEqual(parser.next()?.parsed?.record.title, "Café")
    }

    func testOversizedTagsAndDeepNestingAreLimited() throws {
        let deep = String(repeating: "<i>", count: 5_000) + "x" + String(repeating: "</i>", count: 5_000)
        let xml = "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>7</PMID><Article><ArticleTitle>\(deep)</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
            + "<PubmedArticle><MedlineCitation><PMID>8</PMID></MedlineCitation></PubmedArticle></PubmedArticleSet>"
        let items = try parse(xml)
        XCTAssertEqual(items.count, 2)
        XCTAssertEqual(items[0].error?.location.record, 1)
        XCTAssertEqual(items[1].summary, "record 8")
    }

    private func parse(_ text: String) throws -> [PubMedXMLItem] {
        let parser = try PubMedXMLParser(data: Data(text.utf8), displayName: "stdin")
        var items: [PubMedXMLItem] = []
        while let item = parser.next() { items.append(item) }
        return items
    }
}
