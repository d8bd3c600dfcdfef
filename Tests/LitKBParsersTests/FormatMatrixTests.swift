import Foundation
import LitKBModel
@testable import LitKBParsers
import Testing

/// One sample of every format litkb reads, fed to the detector and to every parser: the detector
/// names the right format, the parser of that format reads it, and every other parser says
/// "not this format" (an error naming the file) instead of returning records.
@Suite struct FormatMatrixTests {
    static let root = TestPaths.packageRoot
    static let fixtures = root.appendingPathComponent("Tests/LitKBParsersTests/Fixtures")

    /// Samples that ship with the project, so the matrix never skips.
    static let samples: [(format: SourceFormat, path: String)] = [
        (.pubmedXML, fixtures.appendingPathComponent("pubmed-xml/fields.xml").path),
        (.medline, fixtures.appendingPathComponent("medline/fields-crlf.nbib").path),
        (.elink, fixtures.appendingPathComponent("elink/variants.xml").path),
        (.jats, fixtures.appendingPathComponent("jats/variants.nxml").path),
        (.pageText, root.appendingPathComponent("corpus/page-text/38174611.txt").path),
        (.retractionWatch, fixtures.appendingPathComponent("retraction-watch/layout.csv").path),
        (.nihOCC, fixtures.appendingPathComponent("nih-occ/occ-excerpt.csv").path),
    ]

    enum Outcome: Equatable {
        case records(Int)
        case rejected(String)
    }

    /// What `parser` makes of the file: records read, or the error it stopped with.
    static func outcome(_ parser: SourceFormat, _ path: String) throws -> Outcome {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        let name = (path as NSString).lastPathComponent
        do throws(ParseError) {
            switch parser {
            case .pubmedXML:
                let xml = try PubMedXMLParser(data: data, displayName: name)
                var records = 0
                while let item = xml.next() {
                    switch item {
                    case .record: records += 1
                    case .deletion, .warning: break
                    case .failure(let error): if records == 0 { return .rejected(error.description) }
                    }
                }
                return .records(records)
            case .medline: return .records(try MEDLINEParser.parse(text, file: name).records.count)
            case .elink: return .records(try ELinkParser.parse(data, file: name).records.count)
            case .jats: return .records(try JATSParser.parse(data, file: name).records.count)
            case .pageText:
                _ = try PageTextParser.parse(text, file: name)
                return .records(1)
            case .retractionWatch:
                let rows = try RetractionWatchStream(data: data, displayName: name)
                var records = 0
                while let item = rows.next() { if case .record = item { records += 1 } }
                return .records(records)
            case .nihOCC:
                // Read through its container, as an ingest reads it: a zip is no text to split.
                let pairs = try CitationPairStream(path: path, displayName: name)
                var count = 0
                while let chunk = pairs.next() { count += chunk.pairs.count }
                return .records(count)
            }
        } catch {
            return .rejected(error.description)
        }
    }

    @Test(arguments: samples.map(\.format))
    func detectorNamesEachFormat(_ format: SourceFormat) throws {
        let path = Self.samples.first { $0.format == format }!.path
        let prefix = try #require(InputPrefix.read(path: path))
        #expect(FormatDetector.detect(String(decoding: prefix, as: UTF8.self)) == format)
    }

    @Test(arguments: samples.map(\.format), SourceFormat.allCases)
    func onlyTheRightParserReadsEachFormat(_ sample: SourceFormat, _ parser: SourceFormat) throws {
        let path = Self.samples.first { $0.format == sample }!.path
        let outcome = try Self.outcome(parser, path)
        if sample == parser {
            guard case .records(let count) = outcome else { Issue.record("\(parser) rejects its own format: \(outcome)"); return }
            #expect(count > 0)
        } else {
            guard case .rejected(let message) = outcome else {
                Issue.record("the \(parser) parser read a \(sample) file as \(outcome)")
                return
            }
            #expect(message.contains((path as NSString).lastPathComponent), "the error names the file: \(message)")
            // and says which format this is not ("not MEDLINE", "not a JATS article", ...), not
            // some failure inside a record it thought it had found.
            #expect(message.contains("not "), "a 'not this format' error: \(message)")
        }
    }
}

@Suite struct FormatDetectorEdgeTests {
    @Test func nlmArticleWithALineBreakAfterItsNameIsJATS() {
        let head = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE article PUBLIC "-//NLM//DTD Journal Publishing DTD v3.0 20080202//EN" "journalpublishing3.dtd">
            <article
              xmlns:xlink="http://www.w3.org/1999/xlink" article-type="research-article">
            """
        #expect(FormatDetector.detect(head) == .jats)
        #expect(FormatDetector.detect("<articles><item/></articles>") == nil)
    }
}
