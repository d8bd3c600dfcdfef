import Foundation
import GRDB
@testable import LitKBIngest
import LitKBModel
@testable import LitKBStore
import XCTest

/// MEDLINE, eLink and PMC JATS samples from ../shared/corpus through the whole ingest path.
/// Counts were taken from the files independently (`<ref` elements, `PMID-` lines, `<Link>`s).
final class WholeFileIngestTests: XCTestCase {
    static let corpus = Corpus.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    private func sample(_ relative: String) throws -> String {
        let path = Self.corpus.appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("../shared/corpus/\(relative) is absent: the real-data tests are skipped")
        }
        return path
    }

    private func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-whole-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: directory) }
        return directory
    }

    func testMEDLINEExportLandsEveryRecord() throws {
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(try sample("medline-nbib/pubmed_result2.txt"))
        XCTAssertEqual(report.format, .medline)
        XCTAssertEqual(report.status, .ingested)
        XCTAssertEqual(report.records, 4)
        XCTAssertEqual(report.outcome.added, 4)
        XCTAssertEqual(try kb.stats().records, 4)
        let first = try XCTUnwrap(kb.detail(for: .pmid(PMID(16403221)!)))
        XCTAssertEqual(first.record.format, .medline)
        XCTAssertEqual(first.record.ids.doi?.value, "10.1186/1471-2105-7-10")
        XCTAssertEqual(first.record.ids.pmcid?.description, "PMC1373603")
        XCTAssertEqual(first.record.authors.map(\.displayName), ["Casbon, James A", "Crooks, Gavin E", "Saqi, Mansoor A S"])
        XCTAssertEqual(first.record.mesh.count, 9)
        XCTAssertEqual(first.record.abstracts.first?.sections.map(\.label), ["BACKGROUND", "RESULTS", "CONCLUSION"])
        XCTAssertEqual(try kb.search(SearchQuery(parsing: "ASTRAL")).first?.work.pmid?.value, 16403221)
    }

    func testGzippedMEDLINEIsReadLikeThePlainFile() throws {
        let directory = try temporaryDirectory()
        let gzipped = directory.appendingPathComponent("export.nbib.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c \"$0\" > \"$1\"", try sample("medline-nbib/pubmed_result2.txt"), gzipped.path]
        try gzip.run()
        gzip.waitUntilExit()
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(gzipped.path)
        XCTAssertEqual(report.format, .medline)
        XCTAssertEqual(report.records, 4)
        XCTAssertEqual(try kb.stats().records, 4)

        // The same bytes piped in (`litkb ingest - < export.nbib.gz`).
        let piped = Ingester(store: try KnowledgeBase()).ingest(try Data(contentsOf: gzipped), name: "<stdin>")
        XCTAssertEqual(piped.path, "<stdin>")
        XCTAssertEqual(piped.format, .medline)
        XCTAssertEqual(piped.records, 4)
    }

    func testELinkResultGivesTheListsAndStubsForEveryPMID() throws {
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(try sample("elink/elink1.xml"))
        XCTAssertEqual(report.format, .elink)
        XCTAssertEqual(report.records, 1)
        // 184 distinct PMIDs besides 9298984 itself across the link sets.
        XCTAssertEqual(report.outcome.stubsCreated, 184)
        XCTAssertEqual(try kb.stats().records, 0, "an eLink result lists links; it is no record of the work")
        let detail = try XCTUnwrap(kb.detail(for: .pmid(PMID(9298984)!)))
        XCTAssertEqual(detail.similar.count, 100)
        XCTAssertEqual(detail.similar.first?.pmid?.value, 8794856)
        XCTAssertEqual(detail.similar.first?.rank, 1)
        XCTAssertEqual(detail.similar.last?.pmid?.value, 17333235)
        XCTAssertEqual(detail.citedBy.count, 39)
        XCTAssertEqual(detail.references.count, 56)
        let links = try kb.stats().linksByKind
        XCTAssertEqual(links["pubmed_pubmed_five"], 4)
        XCTAssertEqual(links["pubmed_pubmed_combined"], 4)
        XCTAssertEqual(links["pubmed_pubmed_reviews_five"], 4)

        // A later eLink result for the same PMID asking only for cited-by replaces that list
        // and leaves the others.
        let later = """
            <?xml version="1.0" encoding="UTF-8" ?>
            <eLinkResult><LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>9298984</Id></IdList>
            <LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed_citedin</LinkName><Link><Id>38830800</Id></Link><Link><Id>40000001</Id></Link></LinkSetDb>
            </LinkSet></eLinkResult>
            """
        let second = Ingester(store: kb).ingest(Data(later.utf8), name: "<stdin>")
        XCTAssertEqual(second.format, .elink)
        XCTAssertEqual(second.status, .ingested)
        let updated = try XCTUnwrap(kb.detail(for: .pmid(PMID(9298984)!)))
        XCTAssertEqual(Set(updated.citedBy.compactMap { $0.pmid?.value }), [38830800, 40000001])
        XCTAssertEqual(updated.similar.count, 100)
        XCTAssertEqual(updated.references.count, 56)
        XCTAssertEqual(try kb.inconsistencies(), 0)

        // A similar list holding only the article itself is an empty list, given: it empties
        // the similar list and leaves the others.
        let selfOnly = """
            <eLinkResult><LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>9298984</Id></IdList>
            <LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed</LinkName><Link><Id>9298984</Id></Link></LinkSetDb>
            </LinkSet></eLinkResult>
            """
        XCTAssertEqual(Ingester(store: kb).ingest(Data(selfOnly.utf8), name: "<stdin>").status, .ingested)
        let emptied = try XCTUnwrap(kb.detail(for: .pmid(PMID(9298984)!)))
        XCTAssertEqual(emptied.similar.count, 0)
        XCTAssertEqual(emptied.citedBy.count, 2)
        XCTAssertEqual(emptied.references.count, 56)
    }

    func testJATSArticlesLandWithTheirWholeReferenceLists() throws {
        let kb = try KnowledgeBase()
        var reports: [FileReport] = []
        Ingester(store: kb).ingest([try sample("pmc-jats")]) { reports.append($0) }
        XCTAssertEqual(reports.count, 8)
        XCTAssertTrue(reports.allSatisfy { $0.format == .jats && $0.status == .ingested && $0.errors.isEmpty })
        XCTAssertEqual(try kb.stats().records, 8)
        // 350 `<ref>` elements in the eight files, no two naming the same work. Seven give
        // nothing but text (books and patents, as mixed citations): kept with the citing article.
        XCTAssertEqual(try kb.int("SELECT count(*) FROM link WHERE kind = 'cites'"), 343)
        XCTAssertEqual(try kb.int("SELECT count(*) FROM unidentified_reference"), 7)
        XCTAssertEqual(try kb.stats().works, 351)
        let detail = try XCTUnwrap(kb.detail(for: .pmid(PMID(17299597)!)))
        XCTAssertEqual(detail.record.title, "Quantifying Organismal Complexity using a Population Genetic Approach")
        XCTAssertEqual(detail.record.ids.pmcid?.description, "PMC1790863")
        XCTAssertEqual(detail.references.count, 33)
        XCTAssertEqual(detail.references.filter { $0.pmid != nil }.count, 26)
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
    }
}
