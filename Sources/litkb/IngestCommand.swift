import ArgumentParser
import Foundation
import LitKBIngest
import LitKBModel
import LitKBParsers
import LitKBStore

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add records from files, directories (recursively) or standard input (-).",
        discussion: """
            Each file's format is detected from its content. A file that cannot be read or parsed is \
            reported and the others go on; the exit status is 1 when any input failed. A file whose \
            content was ingested before is skipped as unchanged unless --force is given; a file whose \
            ingest was interrupted (killed, or a write failed) is resumed after what was stored. One \
            ingest at a time: a second one into the same knowledge base waits for the first \
            (readers go on throughout).
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Ingest files again even when their content was ingested before.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("The largest record held in memory, in MB (default 64: real records are below 1 MB); larger ones are reported and passed over, and the file goes on. A page-text file, one record, is refused above it.", valueName: "MB"))
    var maxRecordMb = InputLimits.maximumRecordSize >> 20

    @Flag(name: [.customShort("q"), .long], help: "Print only what failed: no line per file, no warnings, no total.")
    var quiet = false

    @Argument(help: "Files, directories, or - for standard input.")
    var paths: [String]

    func validate() throws {
        guard !paths.isEmpty else { throw ValidationError("name at least one file, directory, or - for standard input") }
        guard (1...(1 << 20)).contains(maxRecordMb) else { throw ValidationError("--max-record-mb must be between 1 and 1,048,576") }
    }

    func run() throws {
        let lock: IngestLock
        do {
            // Before the lock file is made beside it: a file that is not litkb's gets nothing.
            try KnowledgeBase.checkWritable(path: options.databasePath)
            lock = try IngestLock(databasePath: options.databasePath) {
                FileHandle.standardError.write(Data("waiting for another litkb ingest into \(options.databasePath) to finish…\n".utf8))
            }
        } catch {
            throw CLIError("\(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        let store = try options.open(for: .write)
        var ingester = Ingester(store: store, force: force)
        ingester.maximumRecordSize = maxRecordMb << 20
        let progressLine = StandardError.isTerminal && !quiet ? ProgressLine() : nil
        if let progressLine { ingester.progress = { progressLine.update($0) } }
        var reports: [FileReport] = []
        // The report (a line per file, the total) goes to standard output; warnings and
        // errors, with file and line, to standard error, each after its file's line.
        ingester.ingest(paths) { report in
            reports.append(report)
            progressLine?.clear()
            if options.json { return }
            if !quiet || report.failed {
                print(IngestText.line(report))
                fflush(nil)   // a line per file as it ends, in a pipe too
            }
            for line in IngestText.diagnostics(report, warnings: !quiet) { StandardError.write(line) }
        }
        if options.json {
            print(JSONOutput.ingest(reports))
        } else if reports.count > 1, !quiet {
            print(IngestText.total(reports))
        }
        if reports.contains(where: \.failed) { throw ExitCode(1) }
    }
}
