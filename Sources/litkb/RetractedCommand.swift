import ArgumentParser
import LitKBModel
import LitKBStore

struct RetractedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retracted",
        abstract: "List retracted works (or those under another status), the evidence, and the works that lean on them.",
        discussion: """
            A status comes from every source's notices: PubMed XML and MEDLINE notices and \
            publication types, a page's flags, and the Retraction Watch CSV (`litkb ingest \
            retraction_watch.csv`). A reinstatement lifts a retraction.

            Examples:
              litkb retracted
              litkb retracted --status expression-of-concern --status corrected
              litkb retracted --since 2021-06 --reason "image"
              litkb retracted --citing --depth 2
            """
    )

    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("retracted (the default), reinstated, expression-of-concern, corrected, or all; repeat for several.",
                               valueName: "status"))
    var status: [StatusArgument] = []

    @Option(name: .long, help: ArgumentHelp("Only works with a notice of their status dated on or after this (2021, 2021-06, 2021-06-07).",
                                            valueName: "date"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Only works whose notices or evidence mention this text (Retraction Watch's reasons, any case).",
                                            valueName: "text"))
    var reason: String?

    @Flag(name: .long, help: "List the works that cite or list a retracted work instead, those leaning most on retracted work first.")
    var citing = false

    @Option(name: .long, help: ArgumentHelp("With --citing: 2 adds the works citing those.", valueName: "n"))
    var depth = 1

    @OptionGroup var options: CommonOptions

    func validate() throws {
        guard (1...2).contains(depth) else { throw ValidationError("--depth must be 1 or 2") }
        if depth != 1, !citing { throw ValidationError("--depth goes with --citing") }
        if let since, PartialDate(iso: since) == nil {
            throw ValidationError("--since '\(since)' is not a date: write 2021, 2021-06 or 2021-06-07")
        }
    }

    func run() throws {
        let kb = try options.open()
        if citing {
            let works = try kb.worksLeaningOnRetracted(depth: depth)
            print(options.json ? JSONOutput.leaning(works) : RetractionText.render(works))
            return
        }
        let statuses = status.isEmpty ? [.retracted] : Set(status.flatMap(\.statuses))
        let filter = StatusFilter(statuses: statuses, since: since.flatMap(PartialDate.init(iso:)), reason: reason)
        let works = try kb.works(withStatus: filter)
        print(options.json ? JSONOutput.retracted(works) : RetractionText.render(works, statuses: statuses))
    }
}

struct StatusArgument: ExpressibleByArgument {
    let statuses: [WorkStatus]

    init?(argument: String) {
        let name = argument.lowercased()
        if name == "all" { statuses = WorkStatus.allCases; return }
        guard let status = WorkStatus(rawValue: name) ?? WorkStatus.allCases.first(where: { $0.words == name }) else { return nil }
        statuses = [status]
    }

    static var allValueStrings: [String] { WorkStatus.allCases.map(\.rawValue) + ["all"] }
}
