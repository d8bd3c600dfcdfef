import Foundation
import XCTest

/// `chase`, `related` and `path` as a user runs them, on the seed corpus and a citation-pair
/// file: seeds from arguments and a `.bib`, exclusion, `--ids` into `export`, `--json`, an
/// export format, and the exit statuses.
final class CitationCLITests: XCTestCase {
    var directory: URL!
    var database: String { directory.appendingPathComponent("kb.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-chase-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // 38174611 (the seed page, with its own lists) is cited by 39925875 on its page; the
        // collection adds 900 and 901 citing it, 901 citing 902, and 38174611 citing 903.
        let pairs = "citing,referenced\n900,38174611\n901,38174611\n901,902\n38174611,903\n"
        try pairs.write(to: directory.appendingPathComponent("occ.csv"), atomically: true, encoding: .utf8)
        let ingest = try LitKBBinary.run(["ingest", "-q", "corpus/page-text/38174611.txt", directory.appendingPathComponent("occ.csv").path, "--db", database])
        XCTAssertEqual(ingest.status, 0, ingest.errors)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func litkb(_ arguments: String...) throws -> LitKBBinary.Result {
        try LitKBBinary.run(arguments + ["--db", database])
    }

    func testChaseForwardFromASeedThenThroughAnExclusionAndIntoExport() throws {
        let forward = try litkb("chase", "38174611", "--forward", "--depth", "2", "--ids")
        XCTAssertEqual(forward.status, 0, forward.errors)
        // The page's four citing works and the collection's two, each once; nothing cites those.
        let ids = forward.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(ids, ["900", "901", "39725921", "39925875", "39973948", "40256160"], "in PMID order, all at depth 1")

        let bib = directory.appendingPathComponent("screened.bib").path
        try "@article{a, eprint = {900}, eprinttype = {pubmed}}\n".write(toFile: bib, atomically: true, encoding: .utf8)
        let text = try litkb("chase", "38174611", "--exclude", bib)
        XCTAssertEqual(text.status, 0, text.errors)
        let lines = text.output.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("1 seed → "), lines[0])
        XCTAssertTrue(lines[0].contains("(1 excluded as already screened)"), lines[0])
        XCTAssertFalse(text.output.contains("PMID 900 "), "excluded")
        XCTAssertTrue(text.output.contains("PMID 903"))
        XCTAssertTrue(text.output.contains("backward, depth 1, from PMID 38174611"))

        let json = try litkb("chase", "38174611", "--json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let found = try XCTUnwrap(object["found"] as? [[String: Any]])
        let nine = try XCTUnwrap(found.first { $0["pmid"] as? Int == 901 })
        XCTAssertEqual(nine["directions"] as? [String], ["forward"])
        XCTAssertEqual(nine["depth"] as? Int, 1)
        XCTAssertEqual(nine["seeds"] as? [String], ["PMID 38174611"])
        XCTAssertEqual(object["unique"] as? Int, found.count)

        let bibtex = try litkb("chase", "38174611", "--backward", "--format", "bibtex")
        XCTAssertEqual(bibtex.status, 0, bibtex.errors)
        XCTAssertTrue(bibtex.output.contains("@article{"), bibtex.output)
    }

    /// The collection's zip piped in, as `curl … | litkb ingest -` would.
    func testAZipOnStandardInputIsRead() throws {
        let zip = try Data(contentsOf: LitKBBinary.packageRoot.appendingPathComponent("Tests/LitKBParsersTests/Fixtures/nih-occ/occ-excerpt.zip"))
        let result = try LitKBBinary.run(["ingest", "-", "--db", database], input: zip)
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.hasPrefix("<stdin>: nih-occ, 40 citation pairs: 40 added"), result.output)
    }

    func testAnUnknownSeedIsNamedAndFailsTheCommand() throws {
        let result = try litkb("chase", "38174611", "12345678")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.errors.contains("no work with PMID 12345678 in the knowledge base"), result.errors)
        XCTAssertTrue(result.output.hasPrefix("1 seed → "), "the known seed is still chased")
    }

    func testRelatedAndPath() throws {
        // 900 and 901 both cite 38174611: each is coupled with the other by that one reference.
        let related = try litkb("related", "900", "--json")
        XCTAssertEqual(related.status, 0, related.errors)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(related.output.utf8)) as? [String: Any])
        let coupled = try XCTUnwrap(object["coupled"] as? [[String: Any]])
        XCTAssertTrue(coupled.contains { $0["pmid"] as? Int == 901 && $0["sharedReferences"] as? Int == 1 }, "\(coupled)")

        let path = try litkb("path", "900", "902")
        XCTAssertEqual(path.status, 0, path.errors)
        XCTAssertEqual(path.output.split(separator: "\n").first, "3 citations from PMID 900 to PMID 902:")
        let none = try litkb("path", "900", "903", "--max-length", "1")
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.output.contains("No chain of at most 1 citations"), none.output)
    }
}
