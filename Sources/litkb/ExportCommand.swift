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
        var written = 0
        // Every format streams: a whole knowledge base never has to fit in memory. A batch of
        // works is made text on every core, then written in order.
        let format = format
        let emit: ([WorkDetail]) throws -> Void = { batch in
            switch format {
            case .jsonl:
                for line in try parallelMap(batch, { try WorkJSON.encode($0, pretty: false) }) { print(line) }
            case .json:
                for object in try parallelMap(batch, { try WorkJSON.encode($0, pretty: true) }) {
                    print(written == 0 ? "[" : ",", object, separator: "")
                    written += 1
                }
            case .bibtex:
                // Keys take their a/b suffixes in export order, after the entries are made.
                for prepared in try parallelMap(batch, BibTeXWriter.prepare) {
                    print((written == 0 ? "" : "\n") + bibtex.entry(prepared), terminator: "")
                    written += 1
                }
            }
        }
        if all {
            // The store reads and assembles works on one thread while this one writes them out.
            let includeStubs = includeStubs
            try pipelined(produce: { yield in
                do {
                    try store.forEachWork(includingStubs: includeStubs) { guard yield($0) else { throw OutputStopped() } }
                } catch is OutputStopped {}
            }, consume: emit)
        } else {
            for id in ids {
                guard let detail = try store.detail(for: id) else { throw CLIError("no work with \(id) in the knowledge base") }
                try emit([detail])
            }
        }
        if format == .json { print(written == 0 ? "[]" : "]") }
    }
}

/// The writing side of an export stopped (its error is the one reported); the reading side ends.
private struct OutputStopped: Error {}
