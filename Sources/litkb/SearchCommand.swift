import Foundation
import ArgumentParser
import LitKBExport
import LitKBModel
import LitKBStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search titles, every abstract in every language, keywords, MeSH and the records' fields, in PubMed's syntax.",
        discussion: """
            PubMed's syntax: AND, OR, NOT (upper case) left to right, parentheses to group, terms side
            by side mean AND; a field tag after a term: asthma[mh], wheez*[tiab], smith j[au],
            "n engl j med"[ta], review[pt], ger[la], 2015:2020[dp], 2020/03:2020/06[dp],
            "hip pain"[tiab:~2], 12345678[pmid], 10.1000/x[doi], retracted[sb]; `word*` truncates (4
            characters at least). Untagged words are searched in titles, abstracts, keywords and MeSH,
            diacritics ignored ("alianza terapeutica" finds "alianza terapéutica"); -word excludes;
            title:, abstract:, keywords:, mesh: restrict a word too. --explain prints how litkb read it.
            Hits are ranked by BM25 over their words, title matches above abstract matches; works with
            their own record come before works known only from other records' lists and references.
            --sort, the filters (--year, --type, --lang, --has-abstract, --retracted, --not-retracted),
            --offset and --count work together.
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "The most hits to show.")
    var limit = 20

    @Option(name: .long, help: "Hits to pass over before the first shown (paging, with --limit).")
    var offset = 0

    @Option(name: .long, help: ArgumentHelp("relevance (BM25, the default), cited (most cited first: distinct citing works from every source), pubdate (newest first), date-added (newest Entrez date first), first-author or journal (A to Z).", valueName: "order"))
    var sort: SearchOrder = .relevance

    @Flag(name: .long, help: "Print only the number of works that match.")
    var count = false

    @Flag(name: .long, help: "Print the query as litkb understood it: each term, its field and its count here, the filters, the total.")
    var explain = false

    @Option(name: .long, help: ArgumentHelp("Publication year, or years: 2019, 2015:2020.", valueName: "year[:year]"))
    var year: YearRange?

    @Option(name: .customLong("type"), help: ArgumentHelp("Publication type, any case (review, \"randomized controlled trial\"); repeat for any of several.", valueName: "type"))
    var types: [String] = []

    @Option(name: .customLong("lang"), help: ArgumentHelp("Article language, ISO 639-2 (eng, ger, spa, fre, ...); repeat for any of several.", valueName: "code"))
    var languages: [String] = []

    @Flag(name: .long, help: "Only works with an abstract.")
    var hasAbstract = false

    @Flag(name: .long, help: "Only retracted works.")
    var retracted = false

    @Flag(name: .long, help: "No retracted works.")
    var notRetracted = false

    @Flag(name: .long, help: "Print only the hits' ids, one per line (PMID, else PMCID, else doi:…), to pipe into `litkb export -`.")
    var ids = false

    @Flag(name: .long, help: "Do not keep this search in the knowledge base's search history (`litkb history`).")
    var noHistory = false

    @Argument(parsing: .allUnrecognized, help: "The query, in PubMed's syntax (several words are one query; #3 is search 3 of `litkb history`).")
    var query: [String]

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard offset >= 0 else { throw ValidationError("--offset cannot be negative") }
        if retracted && notRetracted { throw ValidationError("--retracted or --not-retracted, not both") }
        guard !query.isEmpty else { throw ValidationError("give a query, for example: litkb search \"alianza terapeutica\"") }
        // Words that start with - are query text (exclusions), but one that starts with -- is
        // a mistyped option far more often than a word.
        if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)' (search takes --limit, --offset, --sort, --count, --explain, --ids, --year, --type, --lang, --has-abstract, --retracted, --not-retracted, --no-history, --db and --json)")
        }
    }

    func run() throws {
        let store = try options.open()
        let history = Dictionary(uniqueKeysWithValues: try store.searchHistory().map { ($0.number, $0.query) })
        let text = query.joined(separator: " ")
        let compiled: SearchQuery
        do {
            compiled = try SearchQuery(parsing: text, history: { history[$0] })
        } catch {
            throw CLIError(error.description)
        }
        let filter = SearchFilter(years: year?.range, publicationTypes: types, languages: languages, hasAbstract: hasAbstract,
                                  retracted: retracted ? true : notRetracted ? false : nil)
        try present(compiled, text: text, filter: filter, store: store)
        // Kept once its results are out: the write may wait for an ingest's batch to commit.
        fflush(nil)   // every output stream: the results are out before the history is written
        if !explain && !noHistory { record(text, filter, in: store, history: history) }
    }

    private func present(_ compiled: SearchQuery, text: String, filter: SearchFilter, store: KnowledgeBase) throws {
        if count {
            print(try store.searchCount(compiled, filter: filter))
            return
        }
        if explain {
            let explanation = try store.explain(compiled, filter: filter)
            print(options.json ? SearchDetails.json(explanation, query: text, filter: filter)
                               : SearchDetails.text(explanation, query: text, filter: filter))
            return
        }
        let hits = try store.search(compiled, limit: limit, offset: offset, order: sort, filter: filter,
                                    highlight: options.json ? ("[", "]") : Terminal.highlight)
        if options.json {
            print(JSONOutput.searchHits(hits))
            return
        }
        if ids {
            for hit in hits {
                let work = hit.work
                if let id = work.pmid.map({ String($0.value) }) ?? work.pmcid?.value ?? work.doi.map({ "doi:\($0.value)" }) { print(id) }
            }
            return
        }
        let shown = text + (filter.isEmpty ? "" : " (filtered)")
        guard !hits.isEmpty else {
            print(offset > 0 ? "No works match \(shown) after the first \(offset.grouped)." : "No works match \(shown).")
            return
        }
        let total = offset == 0 && hits.count < limit ? hits.count : try store.searchCount(compiled, filter: filter)
        let first = sort == .relevance ? "best" : sort == .cited ? "most cited" : "first by \(sort.rawValue)"
        print(offset > 0
              ? "\(total.grouped) works match \(shown); \((offset + 1).grouped) to \((offset + hits.count).grouped):"
              : total > hits.count
              ? "\(total.grouped) works match \(shown); the \(first) \(hits.count) (--limit for more):"
              : "\(IngestText.plural(total, "work")) \(total == 1 ? "matches" : "match") \(shown):")
        for (index, hit) in hits.enumerated() {
            print(SummaryText.line(hit.work, number: offset + index + 1) + (hit.citationCount.map { "  [cited by \($0.grouped)]" } ?? ""))
            // A search of fields alone (an author, a MeSH heading) has no passage to show.
            if !hit.snippet.isEmpty { print(Terminal.wrap(hit.snippet.replacingNewlines, indent: 5)) }
        }
    }
}

extension SearchCommand {
    /// Keeps the search in the history as a query of its own: the options' filters become
    /// PubMed terms, so `#N` later means exactly this set. A knowledge base that cannot be
    /// written (a read-only file) keeps none, and says so.
    private func record(_ text: String, _ filter: SearchFilter, in store: KnowledgeBase, history: [Int: String]) {
        let recorded = filter.isEmpty ? text : "(\(text))" + filter.pubMedTerms
        do {
            let query = try SearchQuery(parsing: recorded, history: { history[$0] })
            // Written apart from the read-only connection the search reads through: a search runs
            // while an ingest writes, and a read-only file is searched all the same.
            try KnowledgeBase.recordSearch(atPath: options.databasePath, query: recorded, translation: query.translation,
                                           count: try store.searchCount(query))
        } catch {
            FileHandle.standardError.write(Data("note: this search is not kept in the search history: \(error)\n".utf8))
        }
    }
}

extension String {
    var replacingNewlines: String { String(map { $0 == "\n" ? " " : $0 }) }
}

extension SearchOrder: ExpressibleByArgument {}

/// `--year 2019` or `--year 2015:2020`.
struct YearRange: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard (1...2).contains(parts.count), let from = parts.first ?? nil, let to = parts.last ?? nil, from <= to,
              (1000...9999).contains(from), (1000...9999).contains(to) else { return nil }
        range = from...to
    }
}
