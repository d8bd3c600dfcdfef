import Foundation
@testable import LitKBIngest
import LitKBModel
import LitKBStore
import XCTest

/// The Retraction Watch CSV through the ingest: matched to PubMed's works, its statuses, and a
/// newer file replacing an older one (a row gone is a notice withdrawn).
final class RetractionWatchIngestTests: XCTestCase {
    static let header = "Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,ArticleType,RetractionDate,"
        + "RetractionDOI,RetractionPubMedID,OriginalPaperDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes"

    private func file(_ name: String, _ rows: [String]) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-rw-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(name).path
        try (([Self.header] + rows).joined(separator: "\r\n") + "\r\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `id,title,...,RetractionDOI,RetractionPubMedID,...,OriginalPaperDOI,OriginalPaperPubMedID,nature,reason`.
    private func row(_ id: Int, noticeDOI: String, paperPMID: Int = 0, paperDOI: String = "unavailable", nature: String = "Retraction") -> String {
        "\(id),\"Paper \(id), retracted\",,,J Test,,,,,,6/7/2021 0:00,\(noticeDOI),0,1/2/2019 0:00,\(paperDOI),\(paperPMID),\(nature),+Fake data;,No,"
    }

    func testANewerFileReplacesTheOlderAndARowGoneIsANoticeWithdrawn() throws {
        let kb = try KnowledgeBase()
        let older = try file("older.csv", [
            row(1, noticeDOI: "10.9999/N1", paperPMID: 101),
            row(2, noticeDOI: "10.9999/N2", paperDOI: "10.9999/P2"),
            row(3, noticeDOI: "10.9999/N3", paperPMID: 103, nature: "Expression of concern"),
        ])
        let first = Ingester(store: kb).ingestFile(older)
        XCTAssertEqual(first.status, .ingested)
        XCTAssertEqual(first.outcome.added, 3)
        XCTAssertEqual(try kb.detail(for: .pmid(PMID(101)!))?.status, .retracted)
        XCTAssertEqual(try kb.detail(for: .doi(DOI("10.9999/p2")!))?.status, .retracted)
        XCTAssertEqual(try kb.detail(for: .pmid(PMID(103)!))?.status, .expressionOfConcern)

        // The newer file: row 1 gone, row 3 now a retraction, row 4 new.
        let newer = try file("newer.csv", [
            row(2, noticeDOI: "10.9999/N2", paperDOI: "10.9999/P2"),
            row(3, noticeDOI: "10.9999/N3", paperPMID: 103, nature: "Expression of concern"),
            row(5, noticeDOI: "10.9999/N5", paperPMID: 103),
            row(4, noticeDOI: "10.9999/N4", paperPMID: 104),
        ])
        let second = Ingester(store: kb).ingestFile(newer)
        XCTAssertEqual(second.status, .ingested)
        XCTAssertEqual(second.outcome.withdrawn, 1)
        XCTAssertTrue(second.outcome.notes.contains { $0.message.contains("1 notice of earlier retraction-watch files not in this one: withdrawn") })
        XCTAssertNil(try kb.detail(for: .pmid(PMID(101)!))?.status, "its only notice was withdrawn")
        XCTAssertEqual(try kb.detail(for: .doi(DOI("10.9999/p2")!))?.status, .retracted)
        XCTAssertEqual(try kb.detail(for: .pmid(PMID(103)!))?.status, .retracted, "a retraction is graver than a concern")
        XCTAssertEqual(try kb.detail(for: .pmid(PMID(104)!))?.status, .retracted)
        let withdrawn = try XCTUnwrap(kb.detail(for: .doi(DOI("10.9999/n1")!)))
        XCTAssertTrue(withdrawn.isStub, "the withdrawn notice is known only by its ids now")
        XCTAssertEqual(try kb.stats().retractedWorks, 3)
        let health = try kb.healthCheck()
        XCTAssertTrue(health.isHealthy, "\(health)")

        // The older file again: it is unchanged, and does not bring row 1 back.
        guard case .unchanged = Ingester(store: kb).ingestFile(older).status else { return XCTFail("the older file read again") }
        XCTAssertNil(try kb.detail(for: .pmid(PMID(101)!))?.status)
    }

    /// One notice retracting several papers is several rows naming the same notice: each paper is
    /// retracted; a newer file naming fewer of them for that notice lifts the others.
    func testANoticeOfSeveralRowsRetractsEveryPaperItNames() throws {
        let kb = try KnowledgeBase()
        let older = try file("older.csv", (1...3).map { row($0, noticeDOI: "10.9999/MASS", paperPMID: 200 + $0) })
        XCTAssertEqual(Ingester(store: kb).ingestFile(older).outcome.added, 1, "one notice")
        XCTAssertEqual(try (201...203).map { try kb.detail(for: .pmid(PMID($0)!))?.status }, [.retracted, .retracted, .retracted])
        let notice = try XCTUnwrap(kb.detail(for: .doi(DOI("10.9999/mass")!)))
        XCTAssertEqual(notice.notices.filter { $0.kind == .retractionOf }.count, 3)

        let newer = try file("newer.csv", [row(1, noticeDOI: "10.9999/MASS", paperPMID: 201), row(3, noticeDOI: "10.9999/MASS", paperPMID: 203)])
        XCTAssertEqual(Ingester(store: kb).ingestFile(newer).status, .ingested)
        XCTAssertEqual(try (201...203).map { try kb.detail(for: .pmid(PMID($0)!))?.status }, [.retracted, nil, .retracted])
        XCTAssertEqual(try kb.stats().retractedWorks, 2)
    }
}
