import ArgumentParser
import LitKBExport
import LitKBModel
import LitKBPipes
import LitKBStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write works as JSON, JSON Lines or BibTeX.",
        discussion: "json and jsonl give the objects `show --json` prints; jsonl streams a whole knowledge base one work per line."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl, bibtex
    }

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "json, jsonl or bibtex.")
    var format: Format = .json

    @Flag(name: .long, help: "Export every work that has its own record.")
    var all = false

    @Flag(name: .long, help: "With --all, include stubs known only from other records' lists.")
    var includeStubs = false

    @Argument(help: "PMIDs, PMCIDs or DOIs.")
    var ids: [WorkIdentifier] = []

    func validate() throws {
        if all == !ids.isEmpty { throw ValidationError("name works to export, or --all (not both)") }
        if includeStubs && !all { throw ValidationError("--include-stubs goes with --all") }
    }

    func run() throws {
        let store = try options.open()
        var bibtex = BibTeXWriter()
        let lines = JSONLinesWriter { print($0, terminator: "") }
        var written = 0
        // Every format streams: a whole knowledge base never has to fit in memory.
        let emit: (WorkDetail) throws -> Void = { detail in
            switch format {
            case .jsonl: try lines.write(detail)
            case .bibtex: print((written == 0 ? "" : "\n") + bibtex.entry(for: detail), terminator: "")
            case .json: print(written == 0 ? "[" : ",", try WorkJSON.encode(detail, pretty: true), separator: "")
            }
            written += 1
        }
        if all {
            // The store reads and assembles works on one core while this thread writes them out
            // on the other: each is about half of an export's work.
            let includeStubs = includeStubs
            try pipelined(produce: { yield in
                do {
                    try store.forEachWork(includingStubs: includeStubs) { guard yield($0) else { throw OutputStopped() } }
                } catch is OutputStopped {}
            }, consume: emit)
        } else {
            for id in ids {
                guard let detail = try store.detail(for: id) else { throw CLIError("no work with \(id) in the knowledge base") }
                try emit(detail)
            }
        }
        if format == .json { print(written == 0 ? "[]" : "]") }
    }
}

/// The writing side of an export stopped (its error is the one reported); the reading side ends.
private struct OutputStopped: Error {}
