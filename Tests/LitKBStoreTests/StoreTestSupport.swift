import Foundation
import GRDB
import LitKBModel
@testable import LitKBStore
import XCTest

/// Builders for records shaped like the ones parsers produce, so the store is tested without files.
enum Fixture {
    static func mention(pmid: Int? = nil, doi: String? = nil, title: String? = nil, journal: String? = nil, year: Int? = nil,
                        flags: [String] = [], notices: [Link] = [], citation: String? = nil) -> WorkMention {
        WorkMention(ids: Identifiers(pmid: pmid.flatMap { PMID($0) }, doi: doi.flatMap { DOI($0) }), title: title, journal: journal,
                    published: year.map { PartialDate(year: $0) }, flags: flags, notices: notices, citation: citation)
    }

    static func record(_ format: SourceFormat = .pageText, pmid: Int?, pmcid: String? = nil, doi: String? = nil,
                       title: String? = nil, year: Int? = nil, links: [Link] = [], authors: [Author] = [],
                       publicationTypes: [String] = [], abstracts: [Abstract] = [], flags: [String] = [],
                       version: Int? = nil) -> WorkRecord {
        WorkRecord(format: format,
                   ids: Identifiers(pmid: pmid.flatMap { PMID($0) }, pmidVersion: version, pmcid: pmcid.flatMap { PMCID($0) },
                                    doi: doi.flatMap { DOI($0) }),
                   title: title, published: year.map { PartialDate(year: $0) }, authors: authors, abstracts: abstracts,
                   publicationTypes: publicationTypes, flags: flags, links: links)
    }

    /// The shape of the seed page: similar list with a retracted entry and its notice, cited-by, references.
    static var seedLike: WorkRecord {
        let retractionNotice = Link(kind: .retractionIn, target: mention(doi: "10.1007/s00213-024-06665-y", journal: "Psychopharmacology (Berl)",
                                                                          year: 2024, citation: "Psychopharmacology (Berl). 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y."))
        return record(pmid: 38174611, pmcid: "PMC10769553", doi: "10.1080/20008066.2023.2297536",
                      title: "Preliminary evidence for the importance of therapeutic alliance in MDMA-assisted psychotherapy",
                      links: [
                        Link(kind: .similar, target: mention(pmid: 40331914, doi: "10.1080/20008066.2025.2485513", title: "Self-compassion mediates treatment effects", year: 2025), rank: 1),
                        Link(kind: .similar, target: mention(pmid: 32500209, doi: "10.1007/s00213-020-05548-2", title: "Long-term follow-up outcomes of MDMA-assisted psychotherapy",
                                                             journal: "Psychopharmacology (Berl)", year: 2020, flags: ["Free PMC article", "Retracted"], notices: [retractionNotice]), rank: 2),
                        Link(kind: .citedBy, target: mention(pmid: 39925875, title: "Bringing MDMA-assisted therapy for PTSD to traditional healthcare systems", year: 2025)),
                        Link(kind: .cites, target: mention(doi: "10.1177/02698811221080165", title: "Prospective examination of the therapeutic role", year: 2022,
                                                           citation: "Agin-Liebes, G. (2022). Prospective examination of the therapeutic role. 10.1177/02698811221080165")),
                        Link(kind: .cites, target: mention(title: "Diagnostic and statistical manual of mental disorders", year: 2013,
                                                           citation: "American Psychiatric Association . (2013). Diagnostic and statistical manual of mental disorders (5th ed.).")),
                      ])
    }
}

extension KnowledgeBase {
    /// Writes records as if each came from its own file.
    @discardableResult
    func ingest(_ records: [WorkRecord], file: String = "test.txt") throws -> BatchOutcome {
        let source = try registerSource(SourceFileInput(path: file, sha256: String(repeating: "0", count: 63) + String(file.count % 10),
                                                         format: records.first?.format ?? .pageText, size: 1))
        return try write(records.enumerated().map { IncomingRecord(record: $1, location: SourceLocation(file: file, record: $0 + 1)) }, from: source)
    }

    /// Rows that refer to rows that do not exist (the store keeps references itself), and
    /// counts the tally keeps wrongly (triggers keep it), and lengths search ranks by that
    /// differ from FTS5's.
    func inconsistencies() throws -> [String] {
        try queue.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map(\.description) } + tallyMismatches() + fullTextLengthMismatches()
    }

    func count(_ table: String, where condition: String = "1") throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(condition)") ?? 0 }
    }

    /// Every row of every table, for comparing whole databases.
    func dump() throws -> [String: [String]] {
        try queue.read { db in
            var result: [String: [String]] = [:]
            for table in ["work", "author", "abstract", "abstract_section", "keyword", "link", "work_flag", "publication_type", "article_id", "unidentified_reference", "work_fts"] {
                result[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2, 3").map { $0.description }
            }
            return result
        }
    }
}

func pmid(_ value: Int) -> WorkIdentifier { .pmid(PMID(value)!) }

/// Numbers for fixtures, the same every run: a linear congruential generator from a seed.
struct SeededNumbers {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    /// A number in 0..<bound.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(state >> 33) % bound
    }
}
