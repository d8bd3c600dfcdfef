import Foundation
import LitKBModel

/// Runs bytes through every reading of a format that litkb has, to the end, for the fuzz
/// target (`Sources/litkb-fuzz`) and the regression tests of what it found: whatever the bytes,
/// each parser must return values or errors, never trap, hang or read outside its input.
public enum ParserExercise {
    /// Reads `data` as `format`: whole, streamed, and (for the XML formats) cut at its records.
    /// Returns the number of items read, so that nothing is optimised away.
    @discardableResult
    public static func run(_ data: Data, as format: SourceFormat) -> Int {
        var count = FormatDetector.detect(String(decoding: data.prefix(8192), as: UTF8.self)) == format ? 1 : 0
        func drain(_ open: () throws(ParseError) -> any ItemStream) {
            guard let stream = try? open() else { return }
            while stream.next() != nil { count += 1 }
        }
        // A small limit, so that the limit's own paths are reached by small inputs too.
        let limit = 4096
        switch format {
        case .pubmedXML:
            drain { () throws(ParseError) in try PubMedXMLParser(data: data, displayName: "fuzz.xml") }
            drain { () throws(ParseError) in try PubMedXMLParser(data: data, displayName: "fuzz.xml", maximumRecordSize: limit) }
        case .medline:
            count += (try? MEDLINEParser.parse(String(decoding: data, as: UTF8.self), file: "fuzz.nbib").records.count) ?? 0
            drain { () throws(ParseError) in try MEDLINEStream(data: data, displayName: "fuzz.nbib", maximumRecordSize: limit) }
        case .elink:
            count += (try? ELinkParser.parse(data, file: "fuzz.xml").records.count) ?? 0
            drain { () throws(ParseError) in try XMLRecordStream.items(data: data, displayName: "fuzz.xml", format: .elink, maximumRecordSize: limit, wholeDocumentSize: 0) }
        case .jats:
            count += (try? JATSParser.parse(data, file: "fuzz.nxml").records.count) ?? 0
            drain { () throws(ParseError) in try XMLRecordStream.items(data: data, displayName: "fuzz.nxml", format: .jats, maximumRecordSize: limit, wholeDocumentSize: 0) }
        case .retractionWatch:
            drain { () throws(ParseError) in try RetractionWatchStream(data: data, displayName: "fuzz.csv") }
            drain { () throws(ParseError) in try RetractionWatchStream(data: data, displayName: "fuzz.csv", maximumRecordSize: limit) }
        case .nihOCC:
            for chunkSize in [500_000, 3] {
                guard let stream = try? CitationPairStream(data: data, displayName: "fuzz.csv", chunkSize: chunkSize) else { continue }
                while let chunk = stream.next() { count += chunk.pairs.count + chunk.errors.count }
            }
        case .pageText:
            count += (try? PageTextParser.parse(String(decoding: data, as: UTF8.self), file: "fuzz.txt").record.links.count) ?? 0
        }
        return count
    }
}
