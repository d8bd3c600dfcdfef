import ArgumentParser
import LitKBExport
import LitKBModel
import LitKBStore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Full-text search over titles, every abstract in every language, keywords and MeSH.",
        discussion: """
            Words must all match, diacritics ignored ("alianza terapeutica" finds "alianza terapéutica").
            "a phrase" matches words in order; OR between two terms accepts either; -word or NOT word
            excludes; word* matches a prefix; title:, abstract:, keywords:, mesh: restrict a term to a field.
            Hits are ranked by BM25, title matches above abstract matches; works with their own
            record come before works known only from other records' lists and references.
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "The most hits to show.")
    var limit = 20

    @Option(name: .long, help: ArgumentHelp("relevance (BM25, the default) or cited (most cited first: distinct citing works from every source).", valueName: "order"))
    var sort: SearchOrder = .relevance

    @Flag(name: .long, help: "Print only the hits' ids, one per line (PMID, else PMCID, else doi:…), to pipe into `litkb export -`.")
    var ids = false

    @Argument(parsing: .allUnrecognized, help: "The query (several words are one query; -word excludes).")
    var query: [String]

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard !query.isEmpty else { throw ValidationError("give a query, for example: litkb search \"alianza terapeutica\"") }
        // Words that start with - are query text (exclusions), but one that starts with -- is
        // a mistyped option far more often than a word.
        if let option = query.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)' (search takes --limit, --sort, --ids, --db and --json)")
        }
    }

    func run() throws {
        let compiled: SearchQuery
        do {
            compiled = try SearchQuery(parsing: query.joined(separator: " "))
        } catch {
            throw CLIError(error.description)
        }
        let store = try options.open()
        let hits = try store.search(compiled, limit: limit, order: sort, highlight: options.json ? ("[", "]") : Terminal.highlight)
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
        let text = query.joined(separator: " ")
        guard !hits.isEmpty else {
            print("No works match \(text).")
            return
        }
        let total = hits.count < limit ? hits.count : try store.searchCount(compiled)
        print(total > hits.count
              ? "\(total.grouped) works match \(text); the \(sort == .cited ? "most cited" : "best") \(hits.count) (--limit for more):"
              : "\(IngestText.plural(total, "work")) \(total == 1 ? "matches" : "match") \(text):")
        for (index, hit) in hits.enumerated() {
            print(SummaryText.line(hit.work, number: index + 1) + (hit.citationCount.map { "  [cited by \($0.grouped)]" } ?? ""))
            print(Terminal.wrap(hit.snippet.replacingNewlines, indent: 5))
        }
    }
}

extension String {
    var replacingNewlines: String { String(map { $0 == "\n" ? " " : $0 }) }
}

extension SearchOrder: ExpressibleByArgument {}
