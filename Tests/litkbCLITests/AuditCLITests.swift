import Foundation
import XCTest

/// `litkb audit`: a bibliography's entries against a knowledge base holding PubMed-like records
/// and a Retraction Watch file: each entry's status, how it was found, its notice; exit status
/// 0 (nothing retracted), 1 (something is), 2 (bad input).
final class AuditCLITests: XCTestCase {
    var directory: URL!
    var database: String { directory.appendingPathComponent("kb.sqlite").path }

    static let header = "Record ID,Title,Subject,Institution,Journal,Publisher,Country,Author,URLS,ArticleType,RetractionDate,"
        + "RetractionDOI,RetractionPubMedID,OriginalPaperDate,OriginalPaperDOI,OriginalPaperPubMedID,RetractionNature,Reason,Paywalled,Notes"

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The project's corpus (the seed page and its neighbours: PMID 9500320 retracted, the
        // seed 38174611 clean) and notices about four papers known by DOI only.
        let rows = [
            "1,A retracted study of zebrafish fins,,,J Fins,,,,,,3/4/2021 0:00,10.5555/N1,0,5/6/2019 0:00,10.5555/RET,0,Retraction,+Falsification/Fabrication of Data;,No,",
            "2,\"A study, under concern\",,,J Concern,,,,,,3/4/2021 0:00,10.5555/n2,0,5/6/2019 0:00,10.5555/eoc,0,Expression of concern,+Concerns/Issues About Data;,No,",
            "3,A corrected study,,,J Fix,,,,,,3/4/2021 0:00,10.5555/n3,0,5/6/2019 0:00,10.5555/corr,0,Correction,+Error in Figure;,No,",
        ]
        try (([Self.header] + rows).joined(separator: "\r\n") + "\r\n").write(to: directory.appendingPathComponent("rw.csv"), atomically: true, encoding: .utf8)
        let ingest = try LitKBBinary.run(["ingest", "-q", "corpus/page-text", directory.appendingPathComponent("rw.csv").path, "--db", database])
        XCTAssertEqual(ingest.status, 0, ingest.errors)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func audit(_ arguments: String..., input: Data? = nil) throws -> LitKBBinary.Result {
        try LitKBBinary.run(["audit"] + arguments + ["--db", database], input: input)
    }

    func entries(_ result: LitKBBinary.Result) throws -> [[String: Any]] {
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], result.output)
        return try XCTUnwrap(object["entries"] as? [[String: Any]])
    }

    func testABibliographyWithARetractedEntryFailsAndSaysWhyForEachEntry() throws {
        let bib = try file("refs.bib", """
            @article{fins, title = {A retracted study of zebrafish fins}, year = 2019, doi = {10.5555/RET}}
            @article{concern, doi = "10.5555/EOC"}
            @Article{fixed,
              title = {A {corrected} study},
              year = {2019},
              doi = {https://doi.org/10.5555/corr}
            }
            @article{seed, pmid = {38174611}}
            @article{wakefield, eprint = {9500320}, eprinttype = {pubmed}}
            @article{nowhere, doi = {10.5555/nowhere}}
            @article{byTitle, title = {A retracted study of zebrafish {fins}.}, year = {2019}}
            @comment{ignored}
            """)
        let text = try audit(bib)
        XCTAssertEqual(text.status, 1, text.errors)
        XCTAssertTrue(text.output.contains("statuses rest on Retraction Watch"), text.output)
        XCTAssertTrue(text.output.contains("7 entries: 3 retracted, 1 expression of concern, 1 corrected, 1 clean, 1 not in the knowledge base; 1 duplicate"),
                      text.output)

        let json = try entries(try audit(bib, "--json"))
        XCTAssertEqual(json.map { $0["key"] as? String }, ["fins", "concern", "fixed", "seed", "wakefield", "nowhere", "byTitle"])
        XCTAssertEqual(json.map { $0["status"] as? String },
                       ["retracted", "expression-of-concern", "corrected", "clean", "retracted", "not-in-knowledge-base", "retracted"])
        XCTAssertEqual(json.map { $0["matchedBy"] as? String }, ["doi", "doi", "doi", "pmid", "pmid", nil, "title-and-year"])
        XCTAssertEqual(json.map { $0["line"] as? Int }, [1, 2, 3, 8, 9, 10, 11])
        XCTAssertEqual(json.last?["duplicateOf"] as? String, "\(bib) line 1 (fins)")
        let notice = try XCTUnwrap((json[0]["notices"] as? [[String: Any]])?.first)
        XCTAssertEqual(notice["kind"] as? String, "retraction-in")
        XCTAssertEqual(notice["doi"] as? String, "10.5555/n1")
        XCTAssertEqual(notice["date"] as? String, "2021-03-04")
        XCTAssertEqual(notice["detail"] as? String, "Retraction Watch record 1, 2021-03-04: Retraction (Falsification/Fabrication of Data)")

        let markdown = try audit(bib, "--format", "markdown")
        XCTAssertEqual(markdown.status, 1)
        XCTAssertTrue(markdown.output.contains("| # | entry | status | found by | work | notice |"), markdown.output)
        XCTAssertTrue(markdown.output.contains("| **retracted** | doi |"), markdown.output)
    }

    func testNothingRetractedIsExitZeroAndUnknownIsNeverClean() throws {
        let ris = try file("lib.ris", "TY  - JOUR\r\nID  - seed\r\nAN  - 38174611\r\nER  - \r\n\r\nTY  - JOUR\r\nTI  - Unknown\r\nDO  - 10.5555/UNKNOWN\r\nER  - \r\n")
        let result = try audit(ris, "--json")
        XCTAssertEqual(result.status, 0, result.output + result.errors)
        XCTAssertEqual(try entries(result).map { $0["status"] as? String }, ["clean", "not-in-knowledge-base"])
    }

    func testAMalformedIdIsBadInputExitTwoAndTheRestIsStillChecked() throws {
        let result = try audit("-", "--json", input: Data("10.5555/corr\nnot-an-id\n9500320, 10.5555/eoc\n".utf8))
        XCTAssertEqual(result.status, 2, result.output + result.errors)
        let json = try entries(result)
        XCTAssertEqual(json.map { $0["status"] as? String }, ["corrected", "malformed", "retracted", "expression-of-concern"])
        XCTAssertEqual(json.map { $0["line"] as? Int }, [1, 2, 3, 3])
        XCTAssertEqual((json[1]["problems"] as? [String])?.first, "'not-an-id' is not a DOI, PMID or PMCID")

        let missing = try audit(directory.appendingPathComponent("absent.bib").path)
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.errors.contains("absent.bib: cannot be read"), missing.errors)
    }
}
