import Foundation
@testable import LitKBIngest
import LitKBModel
import LitKBStore
import XCTest

/// Search's filters, sorts, count and paging against the works' own fields, read here from
/// each work's detail: the SQL and this independent reading must agree.
final class SearchFilterTests: XCTestCase {
    /// The project's corpus and the cross-format fixtures: pages, PubMed XML, MEDLINE, JATS, eLink.
    private static let kb: KnowledgeBase = {
        let kb = try! KnowledgeBase()
        let fixtures = Corpus.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format").path
        Ingester(store: kb).ingest([Corpus.packageRoot.appendingPathComponent("corpus/page-text").path, fixtures]) { _ in }
        return kb
    }()
    private let query = try! SearchQuery(parsing: "therapy OR trial OR mdma OR patients OR psilocybin")

    private var kb: KnowledgeBase { Self.kb }

    /// Every match, each with its detail.
    private func everyMatch() throws -> [(hit: SearchHit, detail: WorkDetail)] {
        try kb.search(query, limit: 10_000).map { hit in
            let id = hit.work.pmid.map(WorkIdentifier.pmid) ?? .doi(hit.work.doi!)
            return (hit, try XCTUnwrap(kb.detail(for: id)))
        }
    }

    /// The year PubMed's publication date [dp] gives: of print publication, else electronic.
    private static func year(_ detail: WorkDetail) -> Int? { (detail.record.published?.year).flatMap { $0 } ?? detail.record.electronicPublished?.year }

    private func pmids(_ hits: [SearchHit]) -> Set<Int> { Set(hits.compactMap { $0.work.pmid?.value }) }

    func testEachFilterKeepsTheMatchesItsFieldsSay() throws {
        let all = try everyMatch()
        XCTAssertGreaterThan(all.count, 10)
        let checks: [(SearchFilter, (WorkDetail) -> Bool)] = [
            (SearchFilter(years: 2024...2024), { Self.year($0) == 2024 }),
            (SearchFilter(years: 2020...2023), { (2020...2023).contains(Self.year($0) ?? 0) }),
            (SearchFilter(publicationTypes: ["review"]), { $0.record.publicationTypes.contains { $0.lowercased() == "review" } }),
            (SearchFilter(publicationTypes: ["journal article", "Clinical Trial"]),
             { $0.record.publicationTypes.contains { ["journal article", "clinical trial"].contains($0.lowercased()) } }),
            (SearchFilter(languages: ["ENG"]), { $0.record.languages.contains("eng") }),
            (SearchFilter(hasAbstract: true), { !$0.record.abstracts.isEmpty }),
            (SearchFilter(retracted: true), { $0.retracted }),
            (SearchFilter(retracted: false), { !$0.retracted }),
            (SearchFilter(years: 2024...2025, hasAbstract: true), { (2024...2025).contains(Self.year($0) ?? 0) && !$0.record.abstracts.isEmpty }),
        ]
        var nonTrivial = 0
        for (filter, keeps) in checks {
            let expected = Set(all.filter { keeps($0.detail) }.compactMap { $0.hit.work.pmid?.value })
            let found = try kb.search(query, limit: 10_000, filter: filter)
            XCTAssertEqual(pmids(found), expected, "\(filter)")
            XCTAssertEqual(try kb.searchCount(query, filter: filter), found.count, "\(filter)")
            if !expected.isEmpty && expected.count < all.count { nonTrivial += 1 }
        }
        XCTAssertGreaterThanOrEqual(nonTrivial, 5, "most filters keep some matches and drop others")
        // The seed page's record was published ahead of print (2024 Jan 3) and has no print date.
        XCTAssertTrue(pmids(try kb.search(query, limit: 100, filter: SearchFilter(years: 2024...2024))).contains(38174611))
    }

    func testSortsFollowTheWorksOwnFieldsAndPagesJoinUp() throws {
        let all = try everyMatch()
        func key(_ order: SearchOrder, _ detail: WorkDetail) -> String {
            switch order {
            case .pubdate:
                guard let date = detail.record.published?.year != nil ? detail.record.published : detail.record.electronicPublished,
                      let year = date.year else { return "~" }
                return String(format: "%04d%02d%02d", 9999 - year, 99 - (date.month ?? 0), 99 - (date.day ?? 0))
            case .firstAuthor:
                let first = detail.record.authors.first.flatMap { $0.family ?? $0.collective }
                return first.map { $0.lowercased() } ?? "~"
            case .journal:
                let journal = detail.record.journal.isoAbbreviation ?? detail.record.journal.title
                return journal.map { $0.lowercased() } ?? "~"
            case .dateAdded:
                guard let date = detail.record.entrezDate, let year = date.year else { return "~" }
                return String(format: "%04d%02d%02d", 9999 - year, 99 - (date.month ?? 0), 99 - (date.day ?? 0))
            case .relevance, .cited: return ""
            }
        }
        for order in [SearchOrder.pubdate, .firstAuthor, .journal, .dateAdded] {
            let sorted = try kb.search(query, limit: 10_000, order: order)
            XCTAssertEqual(sorted.count, all.count)
            let details = Dictionary(uniqueKeysWithValues: all.map { ($0.hit.work, $0.detail) })
            let keys = sorted.map { key(order, details[$0.work]!) }
            XCTAssertEqual(keys, keys.sorted(), "\(order)")
            XCTAssertGreaterThan(Set(keys).count, 1, "\(order) has something to sort")
            // Pages of 3 put together are the whole list.
            var paged: [SearchHit] = []
            for offset in stride(from: 0, to: sorted.count, by: 3) { paged += try kb.search(query, limit: 3, offset: offset, order: order) }
            XCTAssertEqual(paged.map(\.work), sorted.map(\.work), "\(order)")
        }
        // Relevance pages join up with the first page the fast path gives.
        let first = try kb.search(query, limit: 4)
        let second = try kb.search(query, limit: 4, offset: 4)
        XCTAssertEqual((first + second).map(\.work), try kb.search(query, limit: 8).map(\.work))
    }

    /// `--explain`: each term's count is that term searched alone; the words' count and the
    /// filtered total are the searches' own.
    func testExplanationCountsEachTermAsASearchOfItsOwn() throws {
        let query = try SearchQuery(parsing: "mdma OR psilocybin -cannabis title:\"therapeutic alliance\" therap*")
        let filter = SearchFilter(years: 2024...2025)
        let explanation = try kb.explain(query, filter: filter)
        XCTAssertEqual(explanation.lines.map(\.term.text), ["mdma", "psilocybin", "cannabis", "therapeutic alliance", "therap"])
        XCTAssertEqual(explanation.lines.map(\.operator), ["", "OR", "NOT", "AND", "AND"])
        XCTAssertEqual(explanation.lines[3].term.field, .title)
        XCTAssertTrue(explanation.lines[4].term.prefix)
        let alone = ["mdma", "psilocybin", "cannabis", "title:\"therapeutic alliance\"", "therap*"]
        for (line, text) in zip(explanation.lines, alone) {
            XCTAssertEqual(line.count, try kb.searchCount(SearchQuery(parsing: text)), text)
        }
        XCTAssertGreaterThan(explanation.lines[0].count, 0)
        XCTAssertEqual(explanation.matches, try kb.searchCount(query))
        XCTAssertEqual(explanation.total, try kb.searchCount(query, filter: filter))
        XCTAssertEqual(explanation.pattern, query.pattern)
    }
}
