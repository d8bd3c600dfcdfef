import LitKBStore
import XCTest

/// PubMed's query syntax as litkb reads it: the translation (PubMed's "search details") shows
/// the tree, every term with its field, every group in parentheses.
final class SearchSyntaxTests: XCTestCase {
    private func translation(_ query: String) throws -> String { try SearchQuery(parsing: query).translation }

    private func error(_ query: String) -> String {
        do {
            _ = try SearchQuery(parsing: query)
            return "no error"
        } catch {
            return error.description
        }
    }

    func testOperatorsAreEvaluatedLeftToRightWithParenthesesNesting() throws {
        XCTAssertEqual(try translation("a OR b AND c"), #"("a"[All Fields] OR "b"[All Fields]) AND "c"[All Fields]"#)
        XCTAssertEqual(try translation("a OR (b AND c)"), #""a"[All Fields] OR ("b"[All Fields] AND "c"[All Fields])"#)
        XCTAssertEqual(try translation("a NOT b OR c"), #"("a"[All Fields] NOT "b"[All Fields]) OR "c"[All Fields]"#)
        XCTAssertEqual(try translation("a b -c"), #"("a"[All Fields] AND "b"[All Fields]) NOT "c"[All Fields]"#)
        XCTAssertEqual(try translation("((a))"), #""a"[All Fields]"#)
        // Lower-case operators are words, as in PubMed.
        XCTAssertEqual(try translation("cats and dogs"), #"("cats"[All Fields] AND "and"[All Fields]) AND "dogs"[All Fields]"#)
    }

    func testAPublishedStrategyRunsUnchanged() throws {
        let query = try SearchQuery(parsing: "(asthma[mh] OR wheez*[tiab]) AND child*[tiab] AND 2015:2020[dp] NOT review[pt]")
        XCTAssertEqual(query.translation,
                       #"((("asthma"[MeSH Terms] OR "wheez*"[Title/Abstract]) AND "child*"[Title/Abstract]) AND "2015:2020"[Date - Publication]) NOT "review"[Publication Type]"#)
        XCTAssertNil(query.pattern, "structured terms are not FTS5")
        XCTAssertEqual(query.rankPattern, #"{title abstract keywords} : "wheez" * OR {title abstract keywords} : "child" *"#)
        XCTAssertEqual(query.terms.map(\.operator), ["", "OR", "AND", "AND", "NOT"])
        XCTAssertEqual(query.terms.map(\.term.field), [.mesh, .titleAbstract, .titleAbstract, .publicationDate, .publicationType])
    }

    func testTagsTakeTheWordsBeforeThemAndHaveLongForms() throws {
        let author = try SearchQuery(parsing: "smith ja[au] AND \"N Engl J Med\"[Journal]")
        XCTAssertEqual(author.terms.map(\.term.text), ["smith ja", "N Engl J Med"])
        XCTAssertEqual(author.terms.map(\.term.field), [.author, .journal])
        XCTAssertEqual(try translation("asthma[MeSH Terms] Smith J[Author - First] eng[Language]"),
                       #"("asthma"[MeSH Terms] AND "Smith J"[Author - First]) AND "eng"[Language]"#)
        // Unquoted words before a text tag are each in that field.
        XCTAssertEqual(try SearchQuery(parsing: "breast cancer[tiab]").pattern,
                       #"{title abstract keywords} : "breast" AND {title abstract keywords} : "cancer""#)
        XCTAssertEqual(try SearchQuery(parsing: "\"hip pain\"[tiab:~2]").pattern, #"{title abstract keywords} : NEAR("hip" "pain", 2)"#)
        XCTAssertEqual(try SearchQuery(parsing: "covid[ti] OR covid[ot]").pattern, #"title : "covid" OR keywords : "covid""#)
        // litkb's own prefixes still read as before.
        XCTAssertEqual(try SearchQuery(parsing: "title:covid mesh:\"Humans\"").pattern, #"title : "covid" AND mesh : "Humans""#)
        // PubMed's bare filter word.
        XCTAssertEqual(try SearchQuery(parsing: "asthma hasabstract").terms.last?.term.field, .subset)
        XCTAssertEqual(try SearchQuery(parsing: "asthma AND retracted[sb]").terms.last?.term.field, .subset)
    }

    /// Any text is a query or an error naming what is wrong, never a crash, and a query always
    /// runs (its SQL and FTS5 valid): 20,000 strings of the syntax's own pieces, from a fixed seed.
    func testAnyTextParsesOrIsRefused() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        let pieces = ["(", ")", "[", "]", "\"", "-", "*", "#1", "#", ":", "~", "/", " ", " ", "AND", "OR", "NOT", "asthma", "ab", "smith j",
                      "[mh]", "[tiab:~2]", "[au]", "[dp]", "2020", "2015:2020", "[pt]", "title:", "é", "wheez", "[sb]", "[xyz]", "[pmid]", "12"]
        var generator = SplitMix64(seed: 42)
        var parsed = 0
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 1...9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            guard let query = try? SearchQuery(parsing: text, history: { $0 == 1 ? "asthma[mh]" : nil }) else { continue }
            parsed += 1
            XCTAssertNoThrow(try kb.searchCount(query), text)
            XCTAssertNoThrow(try kb.search(query, limit: 2), text)
            XCTAssertFalse(query.translation.isEmpty, text)
        }
        XCTAssertGreaterThan(parsed, 2_000)
    }

    func testMalformedQueriesNameTheOffendingToken() {
        XCTAssertEqual(error("ca*"), "invalid search query: ca* at character 1: truncation needs at least 4 characters before the * (PubMed's rule)")
        XCTAssertEqual(error("(asthma OR wheeze"), "invalid search query: the parenthesis at character 1 is never closed")
        XCTAssertEqual(error("asthma) OR x"), "invalid search query: the ) at character 7 closes nothing")
        XCTAssertEqual(error("asthma[xyz]"), "invalid search query: unknown field tag [xyz] at character 7")
        XCTAssertEqual(error("asthma AND"), "invalid search query: AND at character 8 has nothing after it")
        XCTAssertEqual(error("OR asthma"), "invalid search query: OR at character 1 has nothing before it")
        XCTAssertEqual(error("asthma AND OR x"), "invalid search query: AND at character 8 is followed by OR")
        XCTAssertEqual(error("asthma AND ()"), "invalid search query: nothing between the parentheses at character 12")
        XCTAssertEqual(error("2020:2015[dp]"), "invalid search query: 2020:2015[dp] at character 1: the range ends before it begins")
        XCTAssertEqual(error("2020/13[dp]"), "invalid search query: 2020/13[dp] at character 1: no month 13 or day 1")
        XCTAssertEqual(error("abc[pmid]"), "invalid search query: abc[pmid] at character 1 is not a PMID")
        XCTAssertEqual(error("hip[tiab:~2]"), "invalid search query: proximity at character 4 needs two or more words in quotes: \"hip pain\"[tiab:~2]")
        XCTAssertEqual(error("x[edat]"), "invalid search query: x[edat] at character 1: a date is yyyy, yyyy/mm or yyyy/mm/dd, a range two of them with a colon")
        XCTAssertEqual(error("x[crdt]"), "invalid search query: [crdt] at character 2: litkb does not keep create dates from the records it reads")
        XCTAssertEqual(error("asthma [mh"), "invalid search query: the [ at character 8 is never closed")
        XCTAssertEqual(error("(a OR b)[tiab]"), "invalid search query: the tag [tiab] at character 9 follows no term")
        XCTAssertEqual(error("author:smith"), "invalid search query: unknown field author: at character 1 (litkb's prefixes are title:, abstract:, keywords:, mesh:; PubMed's tags follow the term: asthma[mh])")
        XCTAssertEqual(error("-cannabis"), "invalid search query: -… at character 1 excludes from nothing: a query needs a term that is not excluded first")
        XCTAssertEqual(error("NOT cannabis"), "invalid search query: NOT at character 1 has nothing before it")
    }
}

/// A small deterministic generator (SplitMix64): the same strings on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
