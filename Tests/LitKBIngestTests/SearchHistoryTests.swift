import Foundation
@testable import LitKBIngest
import LitKBModel
import LitKBStore
import XCTest

/// The search history: numbered searches, `#N` combining them as set algebra of their
/// results, and the state each was searched in.
final class SearchHistoryTests: XCTestCase {
    private func knowledgeBase() throws -> KnowledgeBase {
        let kb = try KnowledgeBase()
        let fixtures = Corpus.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format").path
        Ingester(store: kb).ingest([Corpus.packageRoot.appendingPathComponent("corpus/page-text").path, fixtures]) { _ in }
        return kb
    }

    private func ids(_ kb: KnowledgeBase, _ query: SearchQuery) throws -> Set<String> {
        Set(try kb.search(query, limit: 100_000).map { "\($0.work.pmid?.value ?? 0) \($0.work.doi?.value ?? "")" })
    }

    func testNumberedSearchesCombineAsTheSetAlgebraOfTheirResults() throws {
        let kb = try knowledgeBase()
        var stored: [Int: String] = [:]
        @Sendable func resolver(_ history: [Int: String]) -> @Sendable (Int) -> String? { { history[$0] } }
        func run(_ text: String) throws -> (number: Int, query: SearchQuery) {
            let query = try SearchQuery(parsing: text, history: resolver(stored))
            let number = try kb.recordSearch(query: text, translation: query.translation, count: kb.searchCount(query))
            stored[number] = text
            return (number, query)
        }
        let therapy = try run("therapy OR psychotherapy")
        let mdma = try run("mdma[tiab] OR psilocybin[tiab]")
        let recent = try run("2024:2025[dp]")
        XCTAssertEqual([therapy.number, mdma.number, recent.number], [1, 2, 3])
        let (a, b, c) = (try ids(kb, therapy.query), try ids(kb, mdma.query), try ids(kb, recent.query))
        XCTAssertFalse(a.intersection(b).isEmpty)
        XCTAssertFalse(b.subtracting(c).isEmpty)

        let combined = try run("#1 AND #2 NOT #3")
        XCTAssertEqual(try ids(kb, combined.query), a.intersection(b).subtracting(c))
        XCTAssertEqual(try ids(kb, run("#2 OR #3").query), b.union(c))
        // Left to right, as PubMed: `#1 OR #2 AND #3` is (#1 OR #2) AND #3.
        XCTAssertEqual(try ids(kb, run("#1 OR #2 AND #3").query), a.union(b).intersection(c))
        // A search of searches names them again: #4 is #1 AND #2 NOT #3.
        XCTAssertEqual(try ids(kb, run("#4 OR #3").query), a.intersection(b).subtracting(c).union(c))
        XCTAssertEqual(combined.query.translation, "((\(therapy.query.translation)) AND (\(mdma.query.translation))) NOT \(recent.query.translation)")

        let history = try kb.searchHistory()
        XCTAssertEqual(history.map(\.number), Array(1...7))
        XCTAssertEqual(history[3].query, "#1 AND #2 NOT #3")
        XCTAssertEqual(history[3].count, a.intersection(b).subtracting(c).count)
        XCTAssertEqual(history[1].translation, #""mdma"[Title/Abstract] OR "psilocybin"[Title/Abstract]"#)

        XCTAssertThrowsError(try SearchQuery(parsing: "#1 AND #12", history: resolver(stored))) { error in
            XCTAssertEqual("\(error)", "invalid search query: #12 at character 8: the search history has no search #12 (`litkb history` lists it)")
        }
        XCTAssertThrowsError(try SearchQuery(parsing: "#1")) { error in
            XCTAssertTrue("\(error)".contains("no search history to refer to"), "\(error)")
        }

        try kb.clearSearchHistory()
        XCTAssertEqual(try kb.searchHistory(), [])
        XCTAssertEqual(try kb.recordSearch(query: "mdma", translation: "\"mdma\"[All Fields]", count: 1), 1)
    }

    /// Each search names the files it searched: the same files give the same fingerprint, a new
    /// one another.
    func testEachSearchRecordsTheFilesItSearched() throws {
        let kb = try knowledgeBase()
        let before = try kb.currentState()
        XCTAssertEqual(before.files, try kb.ingestedFiles().filter(\.complete).count)
        XCTAssertGreaterThan(before.files, 5)
        try kb.recordSearch(query: "mdma", translation: "\"mdma\"[All Fields]", count: 10)
        XCTAssertEqual(try kb.searchHistory().first?.state, before)

        let other = try KnowledgeBase()
        let fixtures = Corpus.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format").path
        // The same files in another order: the same fingerprint.
        Ingester(store: other).ingest([fixtures, Corpus.packageRoot.appendingPathComponent("corpus/page-text").path]) { _ in }
        XCTAssertEqual(try other.currentState(), before)

        let extra = Corpus.fixtures.appendingPathComponent("fields.xml").path
        XCTAssertEqual(Ingester(store: kb).ingestFile(extra).status, .ingested)
        let after = try kb.currentState()
        XCTAssertEqual(after.files, before.files + 1)
        XCTAssertNotEqual(after.fingerprint, before.fingerprint)
        XCTAssertEqual(try kb.searchHistory().first?.state, before, "a search keeps the state it was made in")
    }
}
