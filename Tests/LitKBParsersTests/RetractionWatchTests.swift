import Foundation
import LitKBModel
@testable import LitKBParsers
import XCTest

/// The Retraction Watch CSV: its quirks from `../shared/formats/retraction-watch.md`, each in a
/// row of its own, and the real-layout sample when `../shared/corpus` is beside the project.
final class RetractionWatchTests: XCTestCase {
    static let header = "Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,ArticleType,RetractionDate,"
        + "RetractionDOI,RetractionPubMedID,OriginalPaperDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes"

    /// One row from its columns by name; the rest empty.
    static func row(_ values: [String: String]) -> String {
        header.split(separator: ",").map { values[String($0)] ?? "" }.joined(separator: ",")
    }

    func items(_ text: String, bytes: [UInt8]? = nil) throws -> [ParsedItem] {
        let data = bytes.map { Data($0) } ?? Data(text.utf8)
        let stream = try RetractionWatchStream(data: data, displayName: "rw.csv")
        var items: [ParsedItem] = []
        while let item = stream.next() { items.append(item) }
        return items
    }

    func testEachNatureIsItsOwnLinkAndTheIdsThatMeanNoneAreNone() throws {
        let rows = [
            Self.row(["Record ID": "1", "Title": "\"Cells, and more cells\"", "Journal": "J Cells", "RetractionDate": "6/7/2021 0:00",
                      "RetractionDOI": "10.1000/NOTICE.1", "RetractionPubMedID": "0", "OriginalPaperDate": "7/22/2016 0:00",
                      "OriginalPaperDOI": "10.1000/ORIG.1", "OriginalPaperPubMedID": "27602157", "RetractionNature": "Retraction",
                      "Reason": "+Duplication of Image;+Investigation by Journal/Publisher;"]),
            Self.row(["Record ID": "2", "Title": "Concerning", "RetractionDOI": "unavailable", "RetractionPubMedID": "34096680",
                      "OriginalPaperDOI": "unavailable", "OriginalPaperPubMedID": "32090497", "RetractionNature": "Expression of concern"]),
            Self.row(["Record ID": "3", "Title": "Amended", "OriginalPaperDOI": "10.1039/C9PP00001A", "OriginalPaperPubMedID": "0",
                      "RetractionNature": "Correction"]),
            Self.row(["Record ID": "4", "Title": "Back again", "OriginalPaperDOI": "10.5555/back", "RetractionNature": "Reinstatement"]),
        ]
        let items = try items(([Self.header] + rows).joined(separator: "\r\n") + "\r\n")
        let records = items.compactMap { if case .record(let record) = $0 { record } else { nil } }
        XCTAssertEqual(records.count, 4)
        XCTAssertEqual(records.map { $0.record.links.first?.kind }, [.retractionOf, .expressionOfConcernFor, .erratumFor, .reinstatementOf])
        XCTAssertTrue(records.allSatisfy { $0.record.format == .retractionWatch })

        let retraction = records[0].record
        XCTAssertNil(retraction.ids.pmid, "RetractionPubMedID 0 is none")
        XCTAssertEqual(retraction.ids.doi?.value, "10.1000/notice.1")
        XCTAssertEqual(retraction.ids.others, [ArticleID(type: "retraction-watch", value: "1")])
        XCTAssertEqual(retraction.title, "Retraction: Cells, and more cells")
        XCTAssertEqual(retraction.published?.iso, "2021-06-07")
        XCTAssertEqual(retraction.publicationTypes, ["Retraction of Publication"])
        let paper = try XCTUnwrap(retraction.links.first?.target)
        XCTAssertEqual(paper.ids.pmid?.value, 27602157)
        XCTAssertEqual(paper.ids.doi?.value, "10.1000/orig.1", "DOIs are matched case-insensitively")
        XCTAssertEqual(paper.published?.iso, "2016-07-22")
        XCTAssertEqual(paper.citation, "Retraction Watch record 1, 2021-06-07: Retraction (Duplication of Image; Investigation by Journal/Publisher)")

        XCTAssertEqual(records[1].record.ids.pmid?.value, 34096680)
        XCTAssertNil(records[1].record.ids.doi, "unavailable is no DOI")
        XCTAssertNil(records[1].record.links.first?.target.ids.doi)
        XCTAssertNil(records[2].record.links.first?.target.ids.pmid, "OriginalPaperPubMedID 0 is none")
        XCTAssertEqual(records[2].record.publicationTypes, ["Published Erratum"])
        XCTAssertEqual(records[3].record.publicationTypes, [])
    }

    func testBadRowsAreReportedByLineAndTheRowsAfterThemRead() throws {
        let good = Self.row(["Record ID": "9", "OriginalPaperPubMedID": "18808659", "RetractionNature": "Retraction"])
        var lines = [Self.header]
        lines.append(Self.row(["Record ID": "5", "OriginalPaperDOI": "unavailable", "OriginalPaperPubMedID": "0", "RetractionNature": "Retraction"]))
        lines.append(Self.row(["Record ID": "6", "Title": "a \"quoted\" word", "OriginalPaperPubMedID": "1", "RetractionNature": "Retraction"]))
        lines.append(Self.row(["Record ID": "7", "OriginalPaperPubMedID": "2", "RetractionNature": "Withdrawal"]))
        lines.append("8,too,few")
        lines.append(Self.row(["Record ID": "10", "Notes": "\"a note\nover two lines, with \"\"quotes\"\"\"",
                               "OriginalPaperPubMedID": "3", "RetractionNature": "Retraction"]))
        lines.append(good)
        let items = try items(lines.joined(separator: "\r\n"))
        let failures = items.compactMap { if case .failure(let error) = $0 { error } else { nil } }
        XCTAssertEqual(failures.map(\.location.line), [2, 3, 4, 5])
        XCTAssertTrue(failures[0].message.contains("no usable identifier") && failures[0].message.contains("'unavailable'"), failures[0].message)
        XCTAssertTrue(failures[1].message.contains("quote inside an unquoted field"), failures[1].message)
        XCTAssertTrue(failures[2].message.contains("'Withdrawal'"), failures[2].message)
        XCTAssertTrue(failures[3].message.contains("3 fields where the header names 20"), failures[3].message)
        XCTAssertTrue(failures.allSatisfy { $0.location.file == "rw.csv" })
        let records = items.compactMap { if case .record(let record) = $0 { record } else { nil } }
        XCTAssertEqual(records.map { $0.record.links.first?.target.ids.pmid?.value }, [3, 18808659])
        XCTAssertEqual(records.map(\.location.line), [6, 8], "the two-line row starts on line 6")
    }

    func testALatin1ByteIsReadAsLatin1AndReported() throws {
        let text = Self.header + "\r\n" + Self.row(["Record ID": "11", "Title": "Caf\u{1}", "OriginalPaperPubMedID": "5", "RetractionNature": "Retraction"]) + "\r\n"
        let bytes = Array(text.utf8).map { $0 == 1 ? 0xE9 : $0 }
        let items = try items("", bytes: bytes)
        guard case .record(let record)? = items.first else { return XCTFail("\(items)") }
        XCTAssertEqual(record.record.title, "Retraction: Café")
        XCTAssertEqual(record.warnings.map(\.message), ["Title holds byte 0xE9, not UTF-8: read as Latin-1"])
    }

    func testAFileWithoutTheHeaderIsRefusedAndTheHeaderIsDetected() throws {
        XCTAssertThrowsError(try RetractionWatchStream(data: Data("Record ID,Title\n1,x\n".utf8), displayName: "other.csv")) { error in
            XCTAssertTrue("\(error)".contains("not a Retraction Watch CSV"), "\(error)")
        }
        XCTAssertEqual(FormatDetector.detect(Self.header + "\r\n"), .retractionWatch)
        XCTAssertNil(FormatDetector.detect("Record ID,Title\n"))
    }

    /// The real-layout sample: 12 rows, every one read, its facts as the file gives them.
    func testTheSharedSampleReadsEveryRow() throws {
        let url = TestPaths.sharedCorpus.appendingPathComponent("retraction-watch/retraction_watch-sample.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("../shared/corpus is absent: the Retraction Watch sample is not read") }
        let stream = try RetractionWatchStream(path: url.path, displayName: "retraction_watch-sample.csv")
        var records: [ParsedRecord] = []
        while let item = stream.next() {
            guard case .record(let record) = item else { return XCTFail("\(item)") }
            records.append(record)
        }
        XCTAssertEqual(records.count, 12)
        let kinds = records.map { $0.record.links[0].kind }
        XCTAssertEqual(kinds.filter { $0 == .retractionOf }.count, 9)
        XCTAssertEqual(kinds.filter { $0 == .expressionOfConcernFor }.count, 1)
        XCTAssertEqual(kinds.filter { $0 == .erratumFor }.count, 1)
        XCTAssertEqual(kinds.filter { $0 == .reinstatementOf }.count, 1)
        let first = records[0].record
        XCTAssertEqual(first.ids.pmid?.value, 34093767)
        XCTAssertEqual(first.links[0].target.ids.pmid?.value, 27602157)
        XCTAssertEqual(first.links[0].target.ids.doi?.value, "10.3892/ol.2016.4904")
        // Row 61011: the seed's retracted similar article, by DOI alone.
        let seed = try XCTUnwrap(records.first { $0.record.ids.others.first?.value == "61011" })
        XCTAssertNil(seed.record.links[0].target.ids.pmid)
        XCTAssertEqual(seed.record.links[0].target.ids.doi?.value.hasPrefix("10.1"), true)
        XCTAssertEqual(records.flatMap(\.warnings).count, 1, "the one Latin-1 byte, in row 61010's note")
    }
}
