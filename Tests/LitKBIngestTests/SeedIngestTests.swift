import Foundation
import GRDB
@testable import LitKBIngest
import LitKBModel
@testable import LitKBStore
import XCTest

/// The seed record end to end: file → detection → parser → store → queries.
final class SeedIngestTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus")
    static let seed = corpus.appendingPathComponent("page-text/38174611.txt").path

    func testSeedIngestsWithEverythingTheIssueAsksFor() throws {
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(Self.seed)
        XCTAssertEqual(report.status, .ingested)
        XCTAssertEqual(report.format, .pageText)
        XCTAssertEqual(report.outcome.added, 1)

        let detail = try XCTUnwrap(kb.detail(for: .pmid(PMID(38174611)!)))
        XCTAssertEqual(detail.record.ids.pmcid?.value, "PMC10769553")
        XCTAssertEqual(detail.record.ids.doi?.value, "10.1080/20008066.2023.2297536")
        let main = detail.record.abstracts.filter { $0.kind != .plainLanguageSummary }
        XCTAssertEqual(main.map(\.language), ["eng", "spa"])
        XCTAssertEqual(main[0].sections.map(\.label), ["Background", "Objective", "Method", "Results", "Conclusions", "Trial registration"])
        XCTAssertEqual(main[1].sections.map(\.label), ["Antecedentes", "Objetivo", "Método", "Resultados", "Conclusiones"])
        XCTAssertEqual(detail.record.keywords.count, 9)
        XCTAssertEqual(detail.similar.count, 5)
        XCTAssertEqual(detail.citedBy.count, 4)
        XCTAssertEqual(detail.references.count, 3)
        XCTAssertEqual(detail.references.first?.doi?.value, "10.1177/02698811221080165")
        XCTAssertEqual(detail.record.registrations, [TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT00090064")])

        let retractedEntry = try XCTUnwrap(detail.similar.first { $0.pmid?.value == 32500209 })
        XCTAssertTrue(retractedEntry.retracted)
        XCTAssertEqual(detail.similar.filter(\.retracted).count, 1)
        let retracted = try XCTUnwrap(kb.detail(for: .pmid(PMID(32500209)!)))
        XCTAssertEqual(retracted.notices.map(\.kind), [.retractionIn])
        XCTAssertEqual(retracted.notices.first?.doi?.value, "10.1007/s00213-024-06665-y")

        let listing = try kb.retractedWorks()
        XCTAssertEqual(listing.map { $0.work.pmid?.value }, [32500209])
        XCTAssertEqual(listing.first?.reliedOnBy.map { $0.work.pmid?.value }, [38174611])

        let hits = try kb.search(SearchQuery(parsing: "alianza terapeutica"))
        XCTAssertEqual(hits.first?.work.pmid?.value, 38174611)
    }

    func testIngestingTwiceChangesNothing() throws {
        let kb = try KnowledgeBase()
        _ = Ingester(store: kb).ingestFile(Self.seed)
        let before = try Self.dump(kb)
        let again = Ingester(store: kb).ingestFile(Self.seed)
        guard case .unchanged = again.status else { return XCTFail("expected unchanged, got \(again.status)") }
        XCTAssertEqual(try Self.dump(kb), before)
        // Even forced, the same content gives the same rows.
        let forced = Ingester(store: kb, force: true).ingestFile(Self.seed)
        XCTAssertEqual(forced.status, .ingested)
        XCTAssertEqual(forced.outcome.updated, 1)
        XCTAssertEqual(forced.outcome.stubsCreated, 0)
        XCTAssertEqual(try Self.dump(kb, excluding: ["source_file"]), before.filter { $0.key != "source_file" })
    }

    func testGarbageAndTruncatedFilesAreReportedByNameAndTheRestOfTheBatchLands() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let seedText = try String(contentsOfFile: Self.seed, encoding: .utf8)
        try Data([0x00, 0xFF, 0x13, 0x37, 0x42]).write(to: directory.appendingPathComponent("a-garbage.bin"))
        try String(seedText.prefix(40)).write(to: directory.appendingPathComponent("b-truncated.txt"), atomically: true, encoding: .utf8)
        try seedText.write(to: directory.appendingPathComponent("c-seed.txt"), atomically: true, encoding: .utf8)
        var invalid = Data(seedText.utf8.prefix(300))
        invalid.append(contentsOf: [0xC3, 0x28])
        try invalid.write(to: directory.appendingPathComponent("d-invalid-utf8.txt"))
        try "# Notes about these files".write(to: directory.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)

        let kb = try KnowledgeBase()
        var reports: [FileReport] = []
        Ingester(store: kb).ingest([directory.path, directory.appendingPathComponent("missing.txt").path]) { reports.append($0) }
        XCTAssertEqual(reports.map { ($0.path as NSString).lastPathComponent },
                       ["README.md", "a-garbage.bin", "b-truncated.txt", "c-seed.txt", "d-invalid-utf8.txt", "missing.txt"])
        XCTAssertEqual(reports.map(\.failed), [false, true, true, false, true, true])
        guard case .skipped = reports[0].status else { return XCTFail("a README in a directory is passed over, not failed") }
        for report in reports where report.failed {
            guard case .failed(let message) = report.status else { continue }
            XCTAssertFalse(message.isEmpty)
        }
        if case .failed(let message) = reports[4].status { XCTAssertTrue(message.contains("UTF-8"), message) }
        XCTAssertEqual(try kb.stats().records, 1)
        XCTAssertNotNil(try kb.detail(for: .pmid(PMID(38174611)!)))
    }

    static func dump(_ kb: KnowledgeBase, excluding: Set<String> = []) throws -> [String: [String]] {
        try kb.queue.read { db in
            var result: [String: [String]] = [:]
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'work_fts_%' AND name NOT LIKE 'affiliation_fts%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
            for table in tables where !excluding.contains(table) {
                result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description).sorted()
            }
            return result
        }
    }
}
