import XCTest
import LitKBModel
import LitKBParsers

/// What is and is not a page text: sniffing and the errors for content that is not one.
final class PageTextInputTests: XCTestCase {
    func testLooksLikePageTextForEveryCorpusFile() throws {
        for name in PageTextCorpus.fileNames {
            let prefix = String(try PageTextCorpus.text(name).prefix(4096))
            XCTAssertTrue(PageTextParser.looksLikePageText(prefix), name)
        }
    }

    func testLooksLikePageTextRefusesOtherFormats() {
        XCTAssertFalse(PageTextParser.looksLikePageText("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n"))
        XCTAssertFalse(PageTextParser.looksLikePageText("PMID- 38174611\nOWN - NLM\nSTAT- MEDLINE\nTI  - Preliminary evidence\n"))
        XCTAssertFalse(PageTextParser.looksLikePageText("\nPMID- 38174611\nOWN - NLM\n"))
        XCTAssertFalse(PageTextParser.looksLikePageText("{\"pmid\": \"38174611\", \"title\": \"x\"}"))
        XCTAssertFalse(PageTextParser.looksLikePageText("\u{0}\u{1}\u{2}binary\u{0}"))
        XCTAssertFalse(PageTextParser.looksLikePageText("Just some prose.\nWith a second line.\n"))
        XCTAssertFalse(PageTextParser.looksLikePageText("- PMID: 38174611\n"), "identifier lines need a title above them")
        XCTAssertFalse(PageTextParser.looksLikePageText(""))
    }

    func testLooksLikePageTextAcceptsAPrefixCutMidRecord() {
        XCTAssertTrue(PageTextParser.looksLikePageText("A title\n- DOI: 10.1000/xyz123\n- PMID: 1234"))
        XCTAssertTrue(PageTextParser.looksLikePageText("\u{FEFF}A title\r\n- PMID: 38174611\r\n"))
    }

    func testGarbageThrowsAParseErrorNamingTheFileAndLine() {
        assertThrows("line one of prose\nline two of prose\n", file: "garbage.txt", line: 2, mentioning: "no identifier line")
    }

    func testTruncatedBeforeAnyIdentifierThrows() {
        assertThrows("Preliminary evidence for the importance of therapeutic alliance\n", file: "cut.txt", line: 1, mentioning: "truncated")
        assertThrows("A title\nAbstract\nSome text.\n", file: "cut2.txt", line: 2, mentioning: "before the first heading")
    }

    func testBinaryXMLMedlineAndEmptyInputThrow() {
        assertThrows("title\n\u{0}\u{0}\u{1}", file: "blob.bin", line: 2, mentioning: "binary")
        assertThrows("<?xml version=\"1.0\"?>\n<PubmedArticleSet/>", file: "a.xml", line: 1, mentioning: "XML")
        assertThrows("PMID- 38174611\nOWN - NLM\n", file: "a.nbib", line: 1, mentioning: "MEDLINE")
        assertThrows("  \n\n", file: "empty.txt", line: 1, mentioning: "empty")
    }

    func testTruncatedAfterIdentifiersStillParses() throws {
        let text = try PageTextCorpus.text("38174611.txt")
        let cut = String(text.prefix(upTo: try XCTUnwrap(text.range(of: "Similar articles")).upperBound)) + "\n-\nSelf-compassion mediates treatment effects.Eur J"
        let parsed = try PageTextParser.parse(cut, file: "cut.txt")
        XCTAssertEqual(parsed.record.ids.pmid, PMID(38174611))
        XCTAssertEqual(parsed.record.links(of: .similar).count, 0)
        XCTAssertEqual(parsed.record.uninterpreted.map(\.text), ["Self-compassion mediates treatment effects.Eur J"])
        XCTAssertEqual(parsed.warnings.count, 2)
        XCTAssertTrue(parsed.warnings[0].description.hasPrefix("cut.txt: PMID 38174611: line 26: Similar articles"))
        XCTAssertTrue(parsed.warnings[1].message.hasSuffix("the file may be truncated"))
    }

    func testConflictingSecondIdentifierIsKeptAndReported() throws {
        let text = "A title\n- PMID: 111\n- PMID: 222\nA title\nAbstract\nText.\n"
        let parsed = try PageTextParser.parse(text, file: "two.txt")
        XCTAssertEqual(parsed.record.ids.pmid, PMID(111))
        XCTAssertEqual(parsed.record.uninterpreted, [UninterpretedContent(section: "header", line: 3, text: "- PMID: 222")])
        XCTAssertEqual(parsed.warnings.filter { !$0.message.hasSuffix("may be truncated") }.map(\.location.line), [3])
    }

    func testWindowsLineEndingsParseLikeUnix() throws {
        let unix = try PageTextCorpus.parse("38174611.txt")
        let windows = try PageTextParser.parse(try PageTextCorpus.text("38174611.txt").replacingOccurrences(of: "\n", with: "\r\n"), file: "38174611.txt")
        XCTAssertEqual(windows.record, unix.record)
    }

    func testPageThatStopsBeforeItsClosingSectionsIsReportedAsPossiblyTruncated() throws {
        let text = try PageTextCorpus.text("38174611.txt")
        let cut = String(text.prefix(upTo: try XCTUnwrap(text.range(of: "Objetivo:")).lowerBound))
        let parsed = try PageTextParser.parse(cut, file: "cut.txt")
        XCTAssertEqual(parsed.warnings.map(\.description),
                       ["cut.txt: PMID 38174611: line 8: the page ends in the \"Abstract\" section, before \"Publication types\", \"MeSH terms\" or \"LinkOut - more resources\": the file may be truncated"])
        XCTAssertEqual(parsed.record.abstracts.map(\.language), ["eng", "spa"])
        XCTAssertTrue(try PageTextCorpus.parse("38174611.txt").warnings.isEmpty, "the whole page is not suspected")
    }

    private func assertThrows(_ text: String, file: String, line: Int, mentioning words: String,
                              sourceFile: StaticString = #filePath, sourceLine: UInt = #line) {
        do {
            _ = try PageTextParser.parse(text, file: file)
            XCTFail("expected a ParseError", file: sourceFile, line: sourceLine)
        } catch {
            XCTAssertEqual(error.location.file, file, file: sourceFile, line: sourceLine)
            XCTAssertEqual(error.location.line, line, file: sourceFile, line: sourceLine)
            XCTAssertTrue(error.description.hasPrefix("\(file): line \(line): "), error.description, file: sourceFile, line: sourceLine)
            XCTAssertTrue(error.message.contains(words), error.message, file: sourceFile, line: sourceLine)
        }
    }
}

final class PageTextVariantTests: XCTestCase {
    func testSeveralNoticesOnOneHeaderLineAreEachALink() throws {
        let text = """
            A trial
            - PMID: 41999001
            A trial
            Erratum in: N Engl J Med. 2021 Jul 22;385(4):384. doi: 10.1056/NEJMx210010. Comment in: Nat Rev Drug Discov. 2021 Jun;20(6):421. doi: 10.1038/d41573-021-00087-x.
            Abstract
            Text.
            LinkOut - more resources
            """
        let parsed = try PageTextParser.parse(text, file: "notices.txt")
        XCTAssertEqual(parsed.record.links.map(\.kind), [.erratumIn, .commentIn])
        XCTAssertEqual(parsed.record.links.map { $0.target.ids.doi?.value }, ["10.1056/nejmx210010", "10.1038/d41573-021-00087-x"])
        XCTAssertEqual(parsed.warnings, [])
    }

    func testNoAbstractLineUnderAnAbstractHeadingIsAFlagNotAnAbstract() throws {
        let text = "A letter\n- PMID: 41000180\nA letter\nAbstract\nNo abstract available.\nKeywords: letters; comments.\n"
        let record = try PageTextParser.parse(text, file: "41000180.txt").record
        XCTAssertEqual(record.abstracts, [])
        XCTAssertEqual(record.flags, ["No abstract available"])
        XCTAssertEqual(record.keywords.map(\.term), ["letters", "comments"])
    }

    func testKeywordsAboveAnyHeadingAreRead() throws {
        let text = "A letter\n- PMID: 41000181\nA letter\nKeywords: MDMA; therapeutic alliance.\nSimilar articles\nLinkOut - more resources\n"
        let parsed = try PageTextParser.parse(text, file: "41000181.txt")
        XCTAssertEqual(parsed.record.keywords, [Keyword(term: "MDMA"), Keyword(term: "therapeutic alliance", language: "eng")])
        XCTAssertEqual(parsed.warnings, [])
    }

    func testMainRecordRetractionAsHeadingThenEntry() throws {
        let text = """
        A retracted study
        - PMID: 41000182
        A retracted study
        Retraction in
        -
        Retraction notice.J Foo. 2024 Nov;12(3):45. doi: 10.1000/notice.1. J Foo. 2024. PMID: 41000183 No abstract available.
        Abstract
        We studied things and found results.
        Publication types
        Retracted Publication
        """
        let record = try PageTextParser.parse(text, file: "41000182.txt").record
        XCTAssertEqual(record.flags, [WorkMention.retractedFlag])
        let notice = try XCTUnwrap(record.links(of: .retractionIn).first?.target)
        XCTAssertEqual(notice.ids.pmid, PMID(41000183))
        XCTAssertEqual(notice.ids.doi, DOI("10.1000/notice.1"))
        XCTAssertEqual(notice.title, "Retraction notice.")
        XCTAssertEqual(record.abstracts.map(\.sections.count), [1])
    }
}
