import ArgumentParser
import LitKBExport
import LitKBModel
import LitKBStore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one work: ids, title, journal, authors, every abstract, keywords, MeSH, notices, link counts."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "PMID, PMCID or DOI (also pmid:/doi: prefixed, or a doi.org URL).")
    var id: WorkIdentifier

    func run() throws {
        guard let detail = try options.open().detail(for: id) else {
            throw CLIError("no work with \(id) in the knowledge base")
        }
        print(options.json ? try WorkJSON.encode(detail, pretty: true) : WorkText.render(detail))
    }
}
