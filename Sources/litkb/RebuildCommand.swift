import ArgumentParser
import Foundation
import LitKBIngest
import LitKBStore

struct RebuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Make the knowledge base again from the files it was made from, under this version's rules.",
        discussion: """
            Every file the knowledge base was made from is read again, in the order it was last \
            ingested, into a new file beside it, and the search history is carried over, numbers and \
            all. Only when every file went in does the new file take the old one's place; the old one \
            is kept as PATH.before-rebuild. What an older version concluded and stored (ids it took \
            from reference lists that it would now doubt, works it bound to them) is then derived \
            anew. Nothing is changed when a file is missing or its content is not what was ingested. \
            Run it while no other litkb uses the knowledge base.
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: [.customShort("q"), .long], help: "Print only what failed: no line per file, no warnings, no total.")
    var quiet = false

    func run() throws {
        let path = options.databasePath
        guard FileManager.default.fileExists(atPath: path) else {
            throw ValidationError("no knowledge base at \(path): name one with --db or $LITKB_DB")
        }
        let lock: IngestLock
        do {
            try KnowledgeBase.checkWritable(path: path)
            lock = try IngestLock(databasePath: path) {
                FileHandle.standardError.write(Data("waiting for a litkb ingest into \(path) to finish…\n".utf8))
            }
        } catch {
            throw CLIError("\(error)")
        }
        defer { withExtendedLifetime(lock) {} }
        let rebuild = Rebuild(path: path)
        let reports: [FileReport]
        do {
            reports = try rebuild.run { report in
                if options.json { return }
                if !quiet || report.failed {
                    print(IngestText.line(report))
                    fflush(nil)
                }
                for line in IngestText.diagnostics(report, warnings: !quiet) { StandardError.write(line) }
            }
        } catch let refusal as Rebuild.Refusal {
            throw CLIError(refusal.description)
        } catch {
            throw CLIError("\(error)")
        }
        if options.json {
            print(JSONOutput.ingest(reports))
        } else if !quiet {
            if reports.count > 1 { print(IngestText.total(reports)) }
            print("Rebuilt \(path) from \(IngestText.plural(reports.count, "file")); the previous knowledge base is kept as \(rebuild.backupPath)")
        }
    }
}
