import Foundation
import XCTest

/// The commands README shows, run as a user runs them, on the project's own corpus.
final class CLITests: XCTestCase {
    static let root = LitKBBinary.packageRoot
    var directory: URL!
    var database: String { directory.appendingPathComponent("kb.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `litkb` from the build products, in the package root, with `--db` pointing at a
    /// fresh database.
    func litkb(_ arguments: String..., input: Data? = nil) throws -> LitKBBinary.Result {
        try LitKBBinary.run(arguments + ["--db", database], input: input)
    }

    /// README's cross-format example: five formats of one article and one citing it, then the
    /// lists a user follows, as JSON.
    func testEveryFormatOfOneArticleThroughTheCommands() throws {
        let ingest = try litkb("ingest", "corpus/page-text/38174611.txt", "Tests/LitKBIngestTests/Fixtures/cross-format")
        XCTAssertEqual(ingest.status, 0, ingest.output + ingest.errors)
        for line in ["38174611-elink.xml: elink, 1 link set", "38174611.nbib: medline, 1 record", "38174611.xml: pubmed-xml, 1 record",
                     "39925875.nxml: pmc-jats, 1 record", "README.md: skipped"] {
            XCTAssertTrue(ingest.output.contains(line), "\(line) in \(ingest.output)")
        }
        let show = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try litkb("show", "38174611", "--json").output.utf8)) as? [String: Any])
        XCTAssertEqual((show["authors"] as? [[String: Any]])?.first?["family"] as? String, "Zeifman")
        XCTAssertEqual(Set((show["sources"] as? [[String: Any]])?.compactMap { $0["format"] as? String } ?? []),
                       ["page-text", "pubmed-xml", "medline", "elink"])
        func pmids(_ command: String, _ id: String) throws -> [Int] {
            let result = try litkb(command, id, "--json")
            XCTAssertEqual(result.status, 0, result.errors)
            return (try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]])?.compactMap { $0["pmid"] as? Int } ?? []
        }
        XCTAssertEqual(try pmids("similar", "38174611"), [40331914, 29728331, 32500209, 37814082, 27118529])
        XCTAssertEqual(Set(try pmids("cited-by", "38174611")), [39925875, 40256160, 39725921, 39973948])
        // The citing article's references: the seed (by DOI in JATS, by PMID in eLink) and the
        // Lancet trial (by DOI in JATS, by PMID in eLink, tied together by the page) once each.
        XCTAssertEqual(try pmids("refs", "39925875"), [38174611, 29728331])
        XCTAssertEqual(try pmids("cited-by", "doi:10.1016/S2215-0366(18)30135-4"), [39925875])
    }

    func testReadmeFlowOnTheCorpus() throws {
        let ingest = try litkb("ingest", "corpus")
        XCTAssertEqual(ingest.status, 0, ingest.output + ingest.errors)
        XCTAssertTrue(ingest.output.contains("corpus/page-text/38174611.txt: page-text, 1 record: 1 added"), ingest.output)

        let show = try litkb("show", "38174611", "--json")
        XCTAssertEqual(show.status, 0, show.errors)
        let work = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any])
        XCTAssertEqual(work["pmid"] as? Int, 38174611)
        let abstracts = try XCTUnwrap(work["abstracts"] as? [[String: Any]])
        let byLanguage = abstracts.filter { $0["kind"] as? String != "plain-language-summary" }
        XCTAssertEqual(byLanguage.map { $0["language"] as? String }, ["eng", "spa"])
        XCTAssertEqual(byLanguage.map { ($0["sections"] as? [Any])?.count }, [6, 5])
        XCTAssertEqual((work["keywords"] as? [Any])?.count, 9)
        XCTAssertEqual((work["similar"] as? [Any])?.count, 5)
        XCTAssertEqual((work["citedBy"] as? [Any])?.count, 4)
        let references = try XCTUnwrap(work["references"] as? [[String: Any]])
        XCTAssertEqual(references.count, 3)
        XCTAssertEqual(references.first?["doi"] as? String, "10.1177/02698811221080165")

        let text = try litkb("show", "doi:10.1080/20008066.2023.2297536")
        XCTAssertTrue(text.output.contains("Abstract (Spanish, spa, publisher's)"), text.output)
        XCTAssertTrue(text.output.contains("References 3 · Cited by 4 · Similar 5"), text.output)
        XCTAssertEqual(try litkb("show", "PMC10769553").output, text.output)
        XCTAssertEqual(try litkb("show", "https://doi.org/10.1080/20008066.2023.2297536").output, text.output)

        let similar = try litkb("similar", "38174611")
        XCTAssertTrue(similar.output.contains("3. PMID 32500209"), similar.output)
        XCTAssertTrue(similar.output.contains("[RETRACTED]"), similar.output)

        let search = try litkb("search", "alianza terapeutica")
        XCTAssertTrue(search.output.hasPrefix("1 work matches alianza terapeutica:\n  1. PMID 38174611"), search.output)

        let retracted = try litkb("retracted")
        XCTAssertTrue(retracted.output.contains("PMID 32500209"), retracted.output)
        XCTAssertTrue(retracted.output.contains("leaned on by: PMID 38174611 lists it as similar"), retracted.output)

        let bibtex = try litkb("export", "38174611", "32500209", "--format", "bibtex")
        XCTAssertEqual(bibtex.status, 0, bibtex.errors)
        XCTAssertEqual(bibtex.output.components(separatedBy: "\n@").count, 2)
        XCTAssertTrue(bibtex.output.contains("note = {RETRACTED. Retraction in: Psychopharmacology (Berl). 2024 Nov;241(11):2407."), bibtex.output)

        let lines = try litkb("export", "--all", "--format", "jsonl")
        XCTAssertEqual(lines.output.split(separator: "\n").count, 7)
        for line in lines.output.split(separator: "\n") {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8)))
        }
        let array = try litkb("export", "--all", "--format", "json")
        XCTAssertEqual((try JSONSerialization.jsonObject(with: Data(array.output.utf8)) as? [Any])?.count, 7)

        let stats = try litkb("stats", "--json")
        let counts = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stats.output.utf8)) as? [String: Any])
        XCTAssertEqual(counts["records"] as? Int, 7)
    }

    func testIngestingTwiceChangesNothingAndSaysSo() throws {
        XCTAssertEqual(try litkb("ingest", "corpus/page-text/38174611.txt").status, 0)
        let before = try litkb("stats", "--json").output
        let again = try litkb("ingest", "corpus/page-text/38174611.txt")
        XCTAssertEqual(again.status, 0)
        XCTAssertTrue(again.output.contains("unchanged since"), again.output)
        XCTAssertEqual(try litkb("stats", "--json").output, before)
    }

    func testBadInputIsNamedAndTheRestLandsWithExitStatusOne() throws {
        let garbage = directory.appendingPathComponent("garbage.xml")
        try Data([0x1F, 0x00, 0xFF, 0xFE]).write(to: garbage)
        let result = try litkb("ingest", garbage.path, "corpus/page-text/38174611.txt", "missing.txt")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.output.contains("garbage.xml: FAILED"), result.output)
        XCTAssertTrue(result.output.contains("missing.txt: FAILED: no such file or directory"), result.output)
        XCTAssertEqual(try litkb("show", "38174611").status, 0)
    }

    func testStandardInputIsAnInput() throws {
        let seed = try Data(contentsOf: Self.root.appendingPathComponent("corpus/page-text/38174611.txt"))
        let result = try litkb("ingest", "-", input: seed)
        XCTAssertEqual(result.status, 0, result.output + result.errors)
        XCTAssertTrue(result.output.hasPrefix("<stdin>: page-text, 1 record: 1 added"), result.output)
    }

    func testUnknownWorkAndBadIdentifierAreClearErrors() throws {
        XCTAssertEqual(try litkb("ingest", "corpus/page-text/38174611.txt").status, 0)
        let missing = try litkb("show", "12345")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.errors.contains("no work with PMID 12345"), missing.errors)
        let bad = try litkb("show", "not-an-id")
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.errors.contains("not-an-id"), bad.errors)
        let query = try litkb("search", "\"unclosed")
        XCTAssertEqual(query.status, 1)
        XCTAssertTrue(query.errors.contains("never closed"), query.errors)
    }
}
