import ArgumentParser
import LitKBIngest
import LitKBModel
import LitKBStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add records from files, directories (recursively) or standard input (-).",
        discussion: """
            Each file's format is detected from its content. A file that cannot be read or parsed is \
            reported and the others go on; the exit status is 1 when any input failed. A file whose \
            content was ingested before is skipped as unchanged unless --force is given.
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Ingest files again even when their content was ingested before.")
    var force = false

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one file, directory, or - for standard input") }
    }

    func run() throws {
        let store = try options.open(creating: true)
        let ingester = Ingester(store: store, force: force)
        var reports: [FileReport] = []
        ingester.ingest(paths) { report in
            reports.append(report)
            if !options.json { print(IngestText.line(report)) }
        }
        if options.json {
            print(JSONOutput.ingest(reports))
        } else if reports.count > 1 {
            print(IngestText.total(reports))
        }
        if reports.contains(where: \.failed) { throw ExitCode(1) }
    }
}
