import Foundation
import GRDB
import XCTest

/// What a new user meets in the first hour: other files left alone, read-only knowledge bases,
/// several ids at once, queries with -words, symbolic links, diagnostics kept off the report.
final class FirstHourTests: XCTestCase {
    var directory: URL!
    var database: String { directory.appendingPathComponent("kb.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-first-hour-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func litkb(_ arguments: String..., db: String? = nil, input: Data? = nil) throws -> LitKBBinary.Result {
        try LitKBBinary.run(arguments + ["--db", db ?? database], input: input)
    }

    func testAFileThatIsNotLitkbsIsNeverWritten() throws {
        let foreign = directory.appendingPathComponent("other.sqlite").path
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')") }
        let empty = directory.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))

        for command in [["search", "asthma"], ["stats"], ["show", "38174611"], ["export", "--all"], ["check"], ["retracted"],
                        ["ingest", "corpus/page-text/38174611.txt"]] {
            let result = try LitKBBinary.run(command + ["--db", foreign])
            XCTAssertEqual(result.status, 1, "\(command): \(result.output)")
            XCTAssertTrue(result.errors.contains("is not a litkb knowledge base: it is another application's SQLite database (tables notes)"), "\(command): \(result.errors)")
        }
        for command in [["search", "asthma"], ["stats"], ["check"]] {
            let result = try LitKBBinary.run(command + ["--db", empty])
            XCTAssertEqual(result.status, 1, "\(command)")
            XCTAssertTrue(result.errors.contains("the file is empty"), "\(command): \(result.errors)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: foreign)), before)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int, 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("other.sqlite") }, ["other.sqlite"],
                       "no lock, WAL or journal file beside it")

        // An empty file is where a new knowledge base may go.
        XCTAssertEqual(try litkb("ingest", "corpus/page-text/38174611.txt", db: empty).status, 0)
        XCTAssertEqual(try litkb("show", "38174611", db: empty).status, 0)
    }

    /// A knowledge base in a directory the user cannot write (root ignores permissions, so the
    /// run drops to `nobody` there).
    func testAReadOnlyKnowledgeBaseIsRead() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        var launcher: [String] = []
        if getuid() == 0 {
            launcher = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            let probe = try? LitKBBinary.run(["--version"], launcher: launcher)
            guard probe?.status == 0 else { throw XCTSkip("cannot run litkb as nobody here (setpriv, or the build directory is not readable)") }
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path) }

        func run(_ arguments: String...) throws -> LitKBBinary.Result {
            try LitKBBinary.run(arguments + ["--db", database], launcher: launcher)
        }
        let stats = try run("stats")
        XCTAssertEqual(stats.status, 0, stats.errors)
        XCTAssertTrue(stats.output.hasPrefix("works       35 (7 with their own record"), stats.output)
        let search = try run("search", "alianza", "terapeutica")
        XCTAssertEqual(search.status, 0, search.errors)
        XCTAssertTrue(search.output.contains("PMID 38174611"), search.output)
        XCTAssertTrue(search.errors.contains("note: this search is not kept in the search history"), search.errors)
        XCTAssertEqual(try run("history").output, "No searches yet: each `litkb search` is kept here, numbered (#1, #2, …) for combining.\n")
        XCTAssertEqual(try run("show", "38174611").status, 0)
        XCTAssertEqual(try run("export", "--all", "--format", "jsonl").output.split(separator: "\n").count, 7)
        let check = try run("check")
        XCTAssertEqual(check.status, 0, check.output + check.errors)
        XCTAssertTrue(check.output.contains("full-text     not checked: the file or its directory cannot be written here"), check.output)
        let ingest = try run("ingest", "corpus/page-text/38174611.txt")
        XCTAssertEqual(ingest.status, 1)
    }

    /// PubMed's Advanced page: each search numbered, `#N` combining them, and the log a
    /// systematic review reports.
    func testSearchHistoryNumbersCombinesAndExportsSearches() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        let counts = try ["mdma", "2025[dp]", "#1 NOT #2"].map { query in
            let result = try litkb("search", "--count", query)
            XCTAssertEqual(result.status, 0, result.errors)
            return Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        }
        XCTAssertGreaterThan(counts[0], counts[2])
        let filtered = try litkb("search", "--ids", "therapy", "--year", "2024:2025", "--type", "Journal Article")
        XCTAssertEqual(filtered.status, 0, filtered.errors)
        XCTAssertEqual(try litkb("search", "--no-history", "--count", "mdma").status, 0)
        XCTAssertEqual(try litkb("search", "--explain", "mdma").status, 0)

        let listed = try litkb("history")
        XCTAssertEqual(listed.status, 0, listed.errors)
        let lines = listed.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Search history of \(database) (4 searches):")
        XCTAssertTrue(lines[2].hasPrefix("#4   ") && lines[2].hasSuffix("  (therapy) AND 2024:2025[dp] AND \"Journal Article\"[pt]"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("#3   ") && lines[3].hasSuffix("  \(counts[2])  #1 NOT #2"), lines[3])

        let log = try litkb("history", "--export", "--json")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(log.output.utf8)) as? [String: Any], log.output)
        let searches = try XCTUnwrap(object["searches"] as? [[String: Any]])
        XCTAssertEqual(searches.compactMap { $0["count"] as? Int }.prefix(3), counts[...])
        XCTAssertEqual(searches[2]["translation"] as? String, #""mdma"[All Fields] NOT "2025"[Date - Publication]"#)
        XCTAssertEqual(searches[3]["count"] as? Int, filtered.output.split(separator: "\n").count)
        XCTAssertEqual((object["files"] as? [Any])?.count, 7)
        XCTAssertTrue(try litkb("history", "--export").output.hasPrefix("Search log (PRISMA-S)\nDatabase: litkb knowledge base \(database)"))

        let unknown = try litkb("search", "#9")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.errors.contains("#9 at character 1: the search history has no search #9"), unknown.errors)
        XCTAssertEqual(try litkb("history", "--clear").status, 0)
        XCTAssertTrue(try litkb("history").output.hasPrefix("No searches yet"))
    }

    /// A search while another process holds the write lock (an ingest's batch) reads its
    /// snapshot at once, and keeps its history entry once the lock is free.
    func testSearchRunsWhileAnIngestWrites() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        let queue = try DatabaseQueue(path: database)
        let locked = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? queue.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                Thread.sleep(forTimeInterval: 1.5)
                try db.execute(sql: "COMMIT")
            }
            released.signal()
        }
        locked.wait()
        let search = try litkb("search", "--count", "mdma")
        XCTAssertEqual(search.status, 0, search.errors)
        XCTAssertEqual(search.output, "10\n")
        XCTAssertEqual(search.errors, "")
        released.wait()
        XCTAssertTrue(try litkb("history").output.contains("  10  mdma\n"))
    }

    func testUnknownIdsAreNamedAndTheKnownOnesWritten() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        let export = try litkb("export", "--format", "json", "38174611", "99999999", "9500320")
        XCTAssertEqual(export.status, 1)
        let works = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(export.output.utf8)) as? [[String: Any]], export.output)
        XCTAssertEqual(works.compactMap { $0["pmid"] as? Int }, [38174611, 9500320])
        XCTAssertTrue(export.errors.contains("no work with PMID 99999999"), export.errors)

        let piped = try litkb("export", "--format", "bibtex", "-", input: Data("38174611\nnot-an-id 9500320\n".utf8))
        XCTAssertEqual(piped.status, 1)
        XCTAssertEqual(piped.output.components(separatedBy: "\n@").count, 2, piped.output)
        XCTAssertTrue(piped.errors.contains("<stdin>: line 2: not-an-id is not a PMID, PMCID or DOI"), piped.errors)

        let show = try litkb("show", "--json", "38174611", "12345", "9500320")
        XCTAssertEqual(show.status, 1)
        let shown = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [[String: Any]], show.output)
        XCTAssertEqual(shown.count, 2)
        XCTAssertTrue(show.errors.contains("no work with PMID 12345"), show.errors)
    }

    func testSearchTakesDashWordsUnquotedAndNamesWhatItDoesNotKnow() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        let therapy = try litkb("search", "therapy")
        XCTAssertTrue(therapy.output.contains("PMID 41000103"), therapy.output)
        let excluding = try litkb("search", "therapy", "-alcohol")
        XCTAssertEqual(excluding.status, 0, excluding.errors)
        XCTAssertFalse(excluding.output.contains("PMID 41000103"), excluding.output)
        let count = { (output: String) in Int(output.prefix { $0.isNumber }) ?? -1 }
        let both = try litkb("search", "therapy", "alcohol")
        XCTAssertGreaterThan(count(both.output), 0, both.output)
        XCTAssertEqual(count(excluding.output), count(therapy.output) - count(both.output), therapy.output + excluding.output)

        let field = try litkb("search", "author:smith")
        XCTAssertEqual(field.status, 1)
        XCTAssertTrue(field.errors.contains("unknown field author: at character 1 (litkb's prefixes are title:, abstract:, keywords:, mesh:; PubMed's tags follow the term: asthma[mh])"), field.errors)
        let tagged = try litkb("search", "--count", "smith[au]")
        XCTAssertEqual(tagged.status, 0, tagged.errors)
        let option = try litkb("search", "therapy", "--lim", "2")
        XCTAssertNotEqual(option.status, 0)
        XCTAssertTrue(option.errors.contains("unknown option '--lim'"), option.errors)
        let typo = try LitKBBinary.run(["serach", "asthma"])
        XCTAssertEqual(typo.status, 64)
        XCTAssertTrue(typo.errors.contains("'serach' is not a litkb command. Did you mean 'search'?"), typo.errors)
    }

    func testSymbolicLinksAreFollowedAndEmptyArgumentsReported() throws {
        let inputs = directory.appendingPathComponent("inputs"), real = directory.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: inputs.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: LitKBBinary.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format/38174611.nbib"),
                                         to: real.appendingPathComponent("38174611.nbib"))
        let links = FileManager.default
        try links.createSymbolicLink(atPath: inputs.appendingPathComponent("page.txt").path,
                                     withDestinationPath: LitKBBinary.packageRoot.appendingPathComponent("corpus/page-text/9500320.txt").path)
        try links.createSymbolicLink(atPath: inputs.appendingPathComponent("real").path, withDestinationPath: real.path)
        try links.createSymbolicLink(atPath: inputs.appendingPathComponent("sub/up").path, withDestinationPath: inputs.path)
        let result = try litkb("ingest", inputs.path, directory.appendingPathComponent("empty").path)
        XCTAssertEqual(result.status, 0, result.output + result.errors)
        XCTAssertTrue(result.output.contains("inputs/page.txt: page-text, 1 record: 1 added"), result.output)
        XCTAssertTrue(result.output.contains("inputs/real/38174611.nbib: medline, 1 record: 1 added"), result.output)
        XCTAssertTrue(result.output.contains("inputs/sub/up: skipped: the same directory as \(inputs.path), walked once"), result.output)
        XCTAssertTrue(result.output.contains("empty: skipped: nothing to ingest: the directory holds no files"), result.output)
    }

    func testDiagnosticsGoToStandardErrorAndQuietKeepsToFailures() throws {
        let result = try litkb("ingest", "corpus")
        XCTAssertEqual(result.status, 0)
        XCTAssertFalse(result.output.contains("warning:"), result.output)
        XCTAssertTrue(result.output.contains("Total: 8 files"), result.output)
        XCTAssertTrue(result.errors.contains("  warning: corpus/page-text/41000102.txt: PMID 41000102: line 50: Grants and funding"), result.errors)

        let quiet = try litkb("ingest", "--quiet", "--force", "corpus/page-text/41000102.txt")
        XCTAssertEqual(quiet.status, 0)
        XCTAssertEqual(quiet.output + quiet.errors, "")
        let failing = try litkb("ingest", "-q", "missing.txt")
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.output.contains("missing.txt: FAILED: no such file or directory"), failing.output)
    }

    /// `search --ids | export -`: a search's hits in a reference manager's format.
    func testSearchIdsPipeIntoExport() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        let ids = try litkb("search", "--ids", "--limit", "3", "therapy")
        XCTAssertEqual(ids.status, 0)
        let lines = ids.output.split(separator: "\n")
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines.allSatisfy { Int($0) != nil }, ids.output)
        let ris = try litkb("export", "--format", "ris", "-", input: Data(ids.output.utf8))
        XCTAssertEqual(ris.status, 0, ris.errors)
        XCTAssertEqual(ris.output.components(separatedBy: "\nER  - \n").count - 1, 3, ris.output)
        XCTAssertEqual(ris.output.split(separator: "\n").filter { $0.hasPrefix("AN  - ") }.map { $0.dropFirst(6) }, lines)
    }

    /// README's jq example: the whole knowledge base as JSON Lines, one valid object per line.
    func testExportAllPipesIntoJQ() throws {
        XCTAssertEqual(try litkb("ingest", "corpus").status, 0)
        let lines = try litkb("export", "--format", "jsonl", "--all").output.split(separator: "\n")
        XCTAssertEqual(lines.count, 7)
        let retracted = try lines.compactMap { line -> Int? in
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return object["retracted"] as? Bool == true ? object["pmid"] as? Int : nil
        }
        XCTAssertEqual(retracted, [9500320])
    }
}
