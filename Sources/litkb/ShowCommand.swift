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

    @Argument(help: "PMIDs, PMCIDs or DOIs (also pmid:/doi: prefixed, or doi.org URLs).")
    var ids: [WorkIdentifier]

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name a work: a PMID, PMCID or DOI") }
    }

    /// One id prints one work (with `--json`, one object); several print each known one in
    /// turn (with `--json`, an array), name the unknown ones on standard error and exit 1.
    func run() throws {
        let store = try options.open()
        var details: [WorkDetail] = []
        var unknown: [WorkIdentifier] = []
        for id in ids {
            // Text prints only the lists' lengths: they are counted, not read (a work may be
            // cited hundreds of thousands of times); JSON carries the lists themselves.
            if let detail = try store.detail(for: id, readingLists: options.json) { details.append(detail.describedByItsCitations) } else { unknown.append(id) }
        }
        if ids.count == 1, let id = unknown.first {
            throw CLIError("no work with \(id) in the knowledge base")
        }
        if options.json {
            let objects = try details.map { try WorkJSON.encode($0, pretty: true) }
            print(ids.count == 1 ? objects[0] : objects.isEmpty ? "[]" : "[\n" + objects.joined(separator: ",\n") + "\n]")
        } else {
            print(details.map(WorkText.render).joined(separator: "\n\n" + String(repeating: "─", count: min(Terminal.width, 100)) + "\n\n"))
        }
        for id in unknown { StandardError.write("no work with \(id) in the knowledge base") }
        if !unknown.isEmpty { throw ExitCode(1) }
    }
}
