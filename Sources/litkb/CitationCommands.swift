import ArgumentParser
import Foundation
import LitKBExport
import LitKBModel
import LitKBParsers
import LitKBStore

/// `chase`: citation chasing from a set of seed works, as systematic reviewers do it.
struct ChaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chase",
        abstract: "Follow citations from seed works: their references (backward) and the works citing them (forward).",
        discussion: """
            Seeds are PMIDs, PMCIDs or DOIs, or files of them (--from: BibTeX, RIS, MEDLINE or a list of ids). \
            Each work found is listed once, with the seeds, directions and depth that reached it. \
            --exclude drops works already screened (a file in the same forms). \
            --ids prints one id a line, for `litkb export`, `audit` or `show`; --format writes the works in an export format.
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "PMIDs, PMCIDs or DOIs of the seed works.")
    var seeds: [WorkIdentifier] = []

    @Option(name: .long, help: ArgumentHelp("A file of seeds: BibTeX, RIS, MEDLINE or one id a line (repeatable).", valueName: "file"))
    var from: [String] = []

    @Flag(name: .long, help: "Follow references (the works the seeds cite).")
    var backward = false

    @Flag(name: .long, help: "Follow citing works (the works that cite the seeds).")
    var forward = false

    @Option(name: .long, help: "Steps to follow: 2 also chases what depth 1 found, the same way (default 1).")
    var depth = 1

    @Option(name: .long, help: ArgumentHelp("A file of works to leave out (already screened): BibTeX, RIS, MEDLINE or ids.", valueName: "file"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Print the works found as ids, one a line.")
    var ids = false

    @Option(name: .long, help: "Write the works found in an export format (json, jsonl, bibtex, ris, csl-json, nbib, endnote-xml, csv).")
    var format: ExportCommand.Format?

    func validate() throws {
        if seeds.isEmpty && from.isEmpty { throw ValidationError("name seed works (ids, or --from FILE)") }
        guard (1...4).contains(depth) else { throw ValidationError("--depth is 1 to 4 (a depth of 2 already reaches thousands of works)") }
        if ids && format != nil { throw ValidationError("--ids or --format, not both") }
    }

    func run() throws {
        let store = try options.open()
        var problems: [String] = []
        let seedIDs = seeds + (try from.flatMap { try identifiers(in: $0, problems: &problems) })
        let excluded = try exclude.flatMap { try identifiers(in: $0, problems: &problems) }
        for problem in problems { StandardError.write(problem) }
        let directions: Set<CitationDirection> = backward == forward ? [.backward, .forward] : (backward ? [.backward] : [.forward])
        let chase: CitationChase
        do {
            chase = try store.chase(seedIDs, directions: directions, depth: depth, exclude: excluded)
        } catch {
            throw CLIError("\(error)")
        }
        for missing in chase.notFound { StandardError.write("no work with \(missing) in the knowledge base: not chased") }
        if ids {
            for found in chase.found {
                if let id = CitationText.argument(found.work) { print(id) }
            }
        } else if let format {
            let names = chase.found.compactMap { CitationText.argument($0.work) }
            guard !names.isEmpty else { return }
            let export = try ExportCommand.parse(["--db", options.databasePath, "--format", format.rawValue] + names)
            try export.run()
        } else if options.json {
            print(CitationText.json(chase))
        } else {
            print(CitationText.text(chase, directions: directions))
        }
        if !chase.notFound.isEmpty || !problems.isEmpty { throw ExitCode(1) }
    }

    /// The ids of every entry of a bibliography file (or `-`), each entry by its best id.
    private func identifiers(in file: String, problems: inout [String]) throws -> [WorkIdentifier] {
        let name = BibliographyFile.name(file)
        let entries: [BibliographyEntry]
        do throws(BibliographyFile.Failure) {
            entries = try BibliographyFile.read(file).entries
        } catch {
            switch error {
            case .cannotBeRead, .notText: throw CLIError("\(name): cannot be read")
            case .unreadable(let parseError): throw CLIError("\(parseError)")
            }
        }
        return entries.compactMap { entry in
            let id = entry.ids.pmid.map(WorkIdentifier.pmid) ?? entry.ids.doi.map(WorkIdentifier.doi) ?? entry.ids.pmcid.map(WorkIdentifier.pmcid)
            if id == nil { problems.append("\(name): line \(entry.line): \(entry.key.map { "\($0): " } ?? "")no PMID, DOI or PMCID: passed over") }
            return id
        }
    }
}

/// `related`: works related to one by co-citation and bibliographic coupling.
struct RelatedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "related",
        abstract: "List the works most often cited together with a work (co-citation) and those sharing most of its references (coupling)."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "PMID, PMCID or DOI.") var id: WorkIdentifier

    @Option(name: .long, help: "Works listed in each list (default 20).")
    var limit = 20

    func run() throws {
        let store = try options.open()
        let related: (work: WorkSummary, coCited: [RelatedWork], coupled: [RelatedWork])
        do {
            related = try store.related(id, limit: max(1, limit))
        } catch {
            throw CLIError("\(error)")
        }
        if options.json {
            print(CitationText.json(related))
            return
        }
        print("Cited together with \(SummaryText.name(related.work)) (co-citation): \(related.coCited.count)")
        for (index, entry) in related.coCited.enumerated() {
            print(SummaryText.line(entry.work, number: index + 1) + "  [\(entry.overlap.grouped) together]")
        }
        print("Sharing references with \(SummaryText.name(related.work)) (bibliographic coupling): \(related.coupled.count)")
        for (index, entry) in related.coupled.enumerated() {
            print(SummaryText.line(entry.work, number: index + 1) + "  [\(entry.overlap.grouped) shared]")
        }
    }
}

/// `path`: the shortest chain of citations between two works.
struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Find the shortest chain of citations between two works, following citations either way."
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "PMID, PMCID or DOI of the first work.") var from: WorkIdentifier
    @Argument(help: "PMID, PMCID or DOI of the second work.") var to: WorkIdentifier

    @Option(name: .long, help: "The longest chain searched, in citations (default 6).")
    var maxLength = 6

    func run() throws {
        let store = try options.open()
        let path: [PathStep]?
        do {
            path = try store.citationPath(from: from, to: to, maximumLength: max(1, maxLength))
        } catch {
            throw CLIError("\(error)")
        }
        guard let path else {
            if options.json { print("null") } else { print("No chain of at most \(maxLength) citations between \(from) and \(to).") }
            throw ExitCode(1)
        }
        if options.json {
            print(CitationText.json(path))
            return
        }
        print("\(path.count - 1) citation\(path.count == 2 ? "" : "s") from \(from) to \(to):")
        for step in path {
            let arrow = switch step.direction {
            case .backward?: "  ↳ cites "
            case .forward?: "  ↳ cited by "
            case nil: "  "
            }
            print(arrow + SummaryText.line(step.work))
        }
    }
}
