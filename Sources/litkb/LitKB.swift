import ArgumentParser

@main
struct LitKB: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "litkb",
        abstract: "A local knowledge base of PubMed records: ingest, search, navigate, cite.",
        discussion: """
            The database is --db PATH, else $LITKB_DB, else ./litkb.sqlite.
            IDs are PMIDs (38174611, pmid:38174611), PMCIDs (PMC10769553) or DOIs \
            (10.1080/..., doi:10.1080/..., https://doi.org/10.1080/...).
            """,
        version: "0.1.0",
        subcommands: [
            IngestCommand.self, ShowCommand.self, SearchCommand.self,
            SimilarCommand.self, CitedByCommand.self, RefsCommand.self,
            ChaseCommand.self, RelatedCommand.self, PathCommand.self,
            HistoryCommand.self, RetractedCommand.self, AuditCommand.self, ExportCommand.self, StatsCommand.self, CheckCommand.self,
            RebuildCommand.self,
        ]
    )

    /// ArgumentParser's own word for `litkb serach asthma` is "2 unexpected arguments": a first
    /// word that is no command is named here instead, with the command it most likely meant.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let names = configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        if let word = arguments.first, !word.hasPrefix("-"), !names.contains(word) {
            let closest = names.min { editDistance($0, word) < editDistance($1, word) }
            let suggestion = closest.flatMap { editDistance($0, word) <= max(2, word.count / 3) ? " Did you mean '\($0)'?" : nil } ?? ""
            exit(withError: ValidationError("'\(word)' is not a litkb command.\(suggestion) The commands are \(names.dropLast().joined(separator: ", ")); `litkb help COMMAND` says more."))
        }
        main(arguments)
    }

    /// Levenshtein distance, for suggesting the command a typo meant.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for (i, letter) in a.enumerated() {
            var current = [i + 1]
            for (j, other) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (letter == other ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
