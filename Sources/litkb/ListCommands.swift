import ArgumentParser
import LitKBExport
import LitKBModel
import LitKBStore

/// `similar`, `cited-by`, `refs`: one list of a work, each entry with ids, year, journal, title
/// and a retracted mark.
protocol ListCommand: ParsableCommand {
    static var kind: KnowledgeBase.ListKind { get }
    static var heading: String { get }
    var options: CommonOptions { get }
    var id: WorkIdentifier { get }
}

extension ListCommand {
    func run() throws {
        let store = try options.open()
        let (work, entries): (WorkSummary, [WorkSummary])
        do {
            (work, entries) = try store.list(Self.kind, of: id)
        } catch {
            throw CLIError(error.description)
        }
        if options.json {
            print(WorkJSON.encodeSummaries(entries, pretty: true))
            return
        }
        print("\(Self.heading) \(SummaryText.name(work)): \(entries.count)")
        for (index, entry) in entries.enumerated() {
            print(SummaryText.line(entry, number: index + 1))
        }
    }
}

struct SimilarCommand: ListCommand {
    static let configuration = CommandConfiguration(commandName: "similar", abstract: "List a work's similar articles, most similar first.")
    static let kind = KnowledgeBase.ListKind.similar
    static let heading = "Similar articles of"
    @OptionGroup var options: CommonOptions
    @Argument(help: "PMID, PMCID or DOI.") var id: WorkIdentifier
}

struct CitedByCommand: ListCommand {
    static let configuration = CommandConfiguration(commandName: "cited-by", abstract: "List the works that cite a work.")
    static let kind = KnowledgeBase.ListKind.citedBy
    static let heading = "Works citing"
    @OptionGroup var options: CommonOptions
    @Argument(help: "PMID, PMCID or DOI.") var id: WorkIdentifier
}

struct RefsCommand: ListCommand {
    static let configuration = CommandConfiguration(commandName: "refs", abstract: "List the works a work cites, in its reference-list order.")
    static let kind = KnowledgeBase.ListKind.references
    static let heading = "References of"
    @OptionGroup var options: CommonOptions
    @Argument(help: "PMID, PMCID or DOI.") var id: WorkIdentifier
}
