import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// Search ranks by litkb_bm25, which reads each match's length from `fts_length` instead of
/// FTS5's docsize: every score must be FTS5's bm25 to the bit, whatever was written, merged or
/// damaged, and the blocks must say what docsize says after every batch.
final class FullTextRankTests: XCTestCase {
    /// Texts of many lengths and word counts over a small vocabulary, so that queries match
    /// many works with many different frequencies.
    private func corpus(_ count: Int, pmidBase: Int = 1, seed: UInt64 = 7) -> [WorkRecord] {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        let words = ["asthma", "wheeze", "children", "cancer", "breast", "therapy", "trial", "risk", "factors", "mdma", "alliance",
                     "terapéutica", "alianza", "patients", "study", "cohort", "mice", "obesity", "diabetes", "quality", "life"]
        func text(_ length: Int) -> String { (0..<length).map { _ in words[next() % words.count] }.joined(separator: " ") }
        return (0..<count).map { index in
            var record = Fixture.record(.pubmedXML, pmid: pmidBase + index, title: text(1 + next() % 12),
                                        abstracts: next() % 4 == 0 ? [] : [Abstract(language: "eng", sections: [AbstractSection(text: text(next() % 300))])])
            if next() % 3 == 0 { record.keywords = [Keyword(term: text(2)), Keyword(term: text(1))] }
            if next() % 3 == 0 { record.mesh = [MeshHeading(descriptor: text(2))] }
            // References make stubs: bare titles, the short documents BM25 favours.
            record.links = (0..<(next() % 3)).map { _ in
                Link(kind: .cites, target: Fixture.mention(pmid: 900_000 + next() % 5_000, title: text(2 + next() % 8)))
            }
            return record
        }
    }

    /// FTS5 queries: words, OR, NOT, phrases, prefixes, columns, NEAR.
    private let queries = ["asthma", "patients", "cancer NOT breast", "asthma OR wheeze", "\"risk factors\"", "child*", "thera*",
                           "title:cancer", "{keywords mesh}:obesity", "obesity diabetes NOT mice", "NEAR(quality life, 3)",
                           "alianza terapeutica", "mdma OR alliance OR trial", "study NOT cohort", "abstract:mice AND title:trial"]

    private func assertSameAsFTS5(_ kb: KnowledgeBase, file: StaticString = #filePath, line: UInt = #line) throws {
        for query in queries {
            let matches = try kb.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM work_fts WHERE work_fts MATCH ?", arguments: [query]) ?? 0 }
            XCTAssertGreaterThan(matches, 0, query, file: file, line: line)
            XCTAssertEqual(try kb.rankingMismatches(for: query), [], query, file: file, line: line)
            // The best n by one pass (litkb_top) are the first n of the whole sorted ranking.
            let ranking = try kb.queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT rowid, bm25(work_fts, 10.0, 1.0, 4.0, 2.0) AS score FROM work_fts WHERE work_fts MATCH ? ORDER BY score, rowid
                    """, arguments: [query]).map { "\($0[0] as Int64) \(($0[1] as Double).bitPattern)" }
            }
            for limit in [1, 7, 220, matches + 5] {
                let best = try kb.queue.read { db in try FullTextRank.best(db, query, limit: limit) }
                XCTAssertEqual(best?.map { "\($0.id) \($0.score.bitPattern)" }, Array(ranking.prefix(limit)), "\(query), best \(limit)",
                               file: file, line: line)
            }
        }
    }

    func testScoresAreFTS5sToTheBitAndTheBlocksFollowEveryBatch() throws {
        XCTAssertTrue(FullTextRank.agreesWithFTS5, "litkb_bm25 is bm25 on this platform, so search ranks with it")
        XCTAssertTrue(FullTextRank.sql.hasPrefix("litkb_bm25("))
        let kb = try KnowledgeBase()
        try kb.ingest(corpus(3_000))
        XCTAssertEqual(try kb.fullTextLengthMismatches(), [])
        let blocks = try kb.count("fts_length", where: "block >= 0")
        XCTAssertGreaterThan(blocks, 1, "more works than one block holds")
        try assertSameAsFTS5(kb)
        // Records that complete stubs, replace earlier versions and merge works, in later batches.
        var later = corpus(500, pmidBase: 900_000, seed: 11)
        later += corpus(300, pmidBase: 1, seed: 12)
        try kb.ingest(later, file: "later.xml")
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
        XCTAssertEqual(try kb.fullTextLengthMismatches(), [])
        XCTAssertEqual(try kb.inconsistencies(), [])
        try assertSameAsFTS5(kb)
    }

    /// The blocks are only a faster way to the same lengths: when they are missing, or their
    /// totals disagree with FTS5's, or a length does not fit, the score reads FTS5's length.
    func testDamagedOrMissingBlocksFallBackToFTS5sLengths() throws {
        let kb = try KnowledgeBase()
        var long = Fixture.record(.pubmedXML, pmid: 77, title: "asthma in a very long document",
                                  abstracts: [Abstract(language: "eng", sections: [AbstractSection(text: String(repeating: "asthma wheeze ", count: 40_000))])])
        long.keywords = [Keyword(term: "patients")]
        try kb.ingest(corpus(2_000) + [long])
        let longID = try kb.queue.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmid = 77") }!
        let stored = try kb.queue.read { db in
            try Data.fetchOne(db, sql: "SELECT lengths FROM fts_length WHERE block = ?", arguments: [longID >> 12])
        }!
        let entry = stored.withUnsafeBytes { $0.load(fromByteOffset: Int(longID & 4095) * 2, as: UInt16.self) }
        XCTAssertEqual(entry, UInt16.max, "80,006 tokens do not fit 16 bits")
        XCTAssertEqual(try kb.rankingMismatches(for: "asthma"), [])

        // Two lengths swapped, totals unchanged: the blocks are read (the scores change), and
        // check says which works.
        try kb.queue.write { db in
            var bytes = [UInt8](try Data.fetchOne(db, sql: "SELECT lengths FROM fts_length WHERE block = 0")!)
            let first = try Int64.fetchOne(db, sql: "SELECT id FROM work_fts_docsize WHERE id < 4096 ORDER BY id LIMIT 1")!
            let other = try Int64.fetchOne(db, sql: """
                SELECT id FROM work_fts_docsize WHERE id < 4096 AND id <> ? AND sz <> (SELECT sz FROM work_fts_docsize WHERE id = ?) LIMIT 1
                """, arguments: [first, first])!
            bytes.swapAt(Int(first) * 2, Int(other) * 2)
            bytes.swapAt(Int(first) * 2 + 1, Int(other) * 2 + 1)
            try db.execute(sql: "UPDATE fts_length SET lengths = ? WHERE block = 0", arguments: [Data(bytes)])
        }
        XCTAssertNotEqual(try kb.rankingMismatches(for: "asthma OR cancer OR patients OR study OR trial"), [])
        XCTAssertEqual(try kb.fullTextLengthMismatches(), ["works 0–4095: their lengths in fts_length differ from FTS5's"])
        XCTAssertFalse(try kb.healthCheck().isHealthy)

        // Totals that disagree: every length from FTS5.
        try kb.queue.write { db in try db.execute(sql: "UPDATE fts_length SET tokens = tokens + 1 WHERE block = -1") }
        try assertSameAsFTS5(kb)
        // A block gone, totals as they were: that block's lengths from FTS5.
        try kb.queue.write { db in
            try FullTextRank.rebuild(in: db)
            try db.execute(sql: "DELETE FROM fts_length WHERE block = 0")
        }
        XCTAssertEqual(try kb.fullTextLengthMismatches().count, 1)
        try assertSameAsFTS5(kb)
        // The table gone (a database this build can read but did not migrate): FTS5's lengths.
        try kb.queue.write { db in try db.execute(sql: "DROP TABLE fts_length") }
        XCTAssertEqual(try kb.rankingMismatches(for: "asthma OR wheeze"), [])
    }
}
