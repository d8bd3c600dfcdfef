import Foundation
import Testing
import LitKBModel
import LitKBParsers

/// Each parser fed every other format throws a ParseError naming the file, never records.
@Suite(.enabled(if: ELinkJATSFiles.corpusAvailable, "\(ELinkJATSFiles.corpusAbsent)"))
struct ELinkJATSRejectionTests {
    /// name, bytes, and which parser accepts it (nil: neither).
    static func inputs() throws -> [(String, Data, SourceFormat?)] {
        var random = SystemRandomNumberGenerator()
        let pageText = ELinkJATSFiles.packageRoot.appendingPathComponent("corpus/page-text")
        var result: [(String, Data, SourceFormat?)] = [
            ("pubmed-29768149.xml", try ELinkJATSFiles.corpusData("pubmed-xml/pubmed-29768149.xml"), nil),
            ("pubmed_result2.txt", try ELinkJATSFiles.corpusData("medline-nbib/pubmed_result2.txt"), nil),
            ("elink1.xml", try ELinkJATSFiles.corpusData("elink/elink1.xml"), .elink),
            ("ehp-116-1694.nxml", try ELinkJATSFiles.corpusData("pmc-jats/ehp-116-1694.nxml"), .jats),
            ("empty.xml", Data(), nil),
            ("blank.xml", Data("  \n\t ".utf8), nil),
            ("random.bin", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }), nil),
            ("random-after-angle.bin", Data([UInt8(ascii: "<")] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }), nil),
            ("html.html", Data("<!DOCTYPE html><html><body><p>Not a record</p></body></html>".utf8), nil),
        ]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: pageText.path))?.filter({ $0.hasSuffix(".txt") }).sorted() ?? [] {
            result.append((name, try Data(contentsOf: pageText.appendingPathComponent(name)), nil))
        }
        return result
    }

    @Test func eLinkParserRejectsEveryOtherFormat() throws {
        for (name, data, format) in try ELinkJATSRejectionTests.inputs() where format != .elink {
            #expect(throws: ParseError.self, "\(name)") { try ELinkParser.parse(data, file: name) }
            do {
                _ = try ELinkParser.parse(data, file: name)
            } catch {
                #expect(error.location.file == name)
                #expect(error.description.hasPrefix("\(name): not an eLink result: "), "\(error)")
            }
        }
    }

    @Test func jatsParserRejectsEveryOtherFormat() throws {
        for (name, data, format) in try ELinkJATSRejectionTests.inputs() where format != .jats {
            do {
                let parsed = try JATSParser.parse(data, file: name)
                Issue.record("\(name) was read as JATS: \(parsed.records.count) records")
            } catch {
                #expect(error.location.file == name)
                #expect(error.description.hasPrefix("\(name): not a JATS article: "), "\(error)")
            }
        }
    }

    @Test func messagesSayWhatTheFileIs() throws {
        let pubmed = try ELinkJATSFiles.corpusData("pubmed-xml/pubmed-29768149.xml")
        #expect(throws: ParseError(location: SourceLocation(file: "p.xml"), message: "not an eLink result: the document element is <PubmedArticleSet>")) {
            try ELinkParser.parse(pubmed, file: "p.xml")
        }
        #expect(throws: ParseError(location: SourceLocation(file: "e.xml"), message: "not a JATS article: the file is empty")) {
            try JATSParser.parse(Data(), file: "e.xml")
        }
        let medline = try ELinkJATSFiles.corpusData("medline-nbib/pubmed_result2.txt")
        #expect(throws: ParseError(location: SourceLocation(file: "m.txt"), message: "not a JATS article: it is not XML")) {
            try JATSParser.parse(medline, file: "m.txt")
        }
    }
}
