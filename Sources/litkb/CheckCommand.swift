import ArgumentParser
import Foundation
import LitKBIngest
import LitKBModel
import LitKBStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the knowledge base: SQLite's and FTS5's integrity checks, then litkb's own.",
        discussion: """
            litkb's own checks: files whose ingest was interrupted (partly stored) and the full-text \
            index against the stored records. Each problem comes with what to do; the exit status is \
            1 when any was found.
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Rebuild the document lengths search ranks by, the dates, flags and first authors' keys it sorts and tests by, and the index of affiliation words, when they are out of step with what they are read from, then check again.")
    var repair = false

    func run() throws {
        let kb = try options.open(for: .check)
        var report = try kb.healthCheck()
        if repair, try kb.repair(report) {
            report = try kb.healthCheck()
        }
        let ingesting = IngestLock.isHeld(databasePath: options.databasePath)
        if options.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(CheckText.render(report, database: options.databasePath, ingesting: ingesting))
        }
        if !report.isHealthy { throw ExitCode(1) }
    }
}

enum CheckText {
    static func render(_ report: HealthReport, database: String, ingesting: Bool = false) -> String {
        var lines: [String] = []
        if ingesting {
            lines.append("note          an ingest into \(database) is running: the file it reads is incomplete until it ends")
        }
        func line(_ name: String, _ problems: [String], _ remedy: String) {
            guard !problems.isEmpty else {
                lines.append("\(name.padding(toLength: 14, withPad: " ", startingAt: 0))ok")
                return
            }
            lines.append("\(name.padding(toLength: 14, withPad: " ", startingAt: 0))\(IngestText.plural(problems.count, "problem"))")
            lines += problems.prefix(10).map { "  \($0)" }
            if problems.count > 10 { lines.append("  … \((problems.count - 10).grouped) more") }
            lines.append("  what to do: \(remedy)")
        }
        line("sqlite", report.integrityProblems,
             "the file is damaged: restore it from a copy, or make a new knowledge base by ingesting your files again")
        line("references", report.danglingReferences,
             "rows name rows that are gone; ingest the files again into a new knowledge base, and report this as a bug")
        if let skipped = report.fullTextCheckSkipped {
            lines.append("full-text     not checked: \(skipped)")
        } else {
            line("full-text", report.fullTextIndexProblem.map { [$0] } ?? [],
                 "the index is damaged: ingest the files again into a new knowledge base")
        }
        line("index", report.fullTextMismatches.map { "work \($0): its full-text row differs from its records" },
             "search misses or misplaces these works; ingest their files again with --force, and report this as a bug")
        line("lengths", report.fullTextLengthMismatches,
             "search may rank these works by lengths other than FTS5's; run `litkb check --repair`, which rebuilds them, and report this as a bug")
        line("dates", report.workDateMismatches,
             "searches without words may list these works out of date order; run `litkb check --repair`, which rebuilds them, and report this as a bug")
        line("flags", report.workFlagMismatches,
             "searches may miss or wrongly keep these works for their most frequent headings, types and languages; run `litkb check --repair`, which rebuilds them, and report this as a bug")
        line("authors", report.authorKeyMismatches,
             "searches sorted by first author may list these works out of order; run `litkb check --repair`, which rebuilds them, and report this as a bug")
        line("affiliations", report.affiliationIndexMismatches,
             "[ad] searches may miss or wrongly find these works; run `litkb check --repair`, which rebuilds the index, and report this as a bug")
        line("counts", report.tallyMismatches,
             "stats reports these counts wrongly (the works and links themselves are intact); report this as a bug")
        line("files", report.incompleteSources.map {
            $0.format == .nihOCC
                ? "\($0.path) (\($0.format.rawValue)): interrupted, \(IngestText.plural($0.records, "citation pair")) stored, ingest started \($0.startedAt); "
                    + "until it completes, the index of cited works may be missing and cited-by reads are slow"
                : "\($0.path) (\($0.format.rawValue)): interrupted, \(IngestText.plural($0.records, "record")) stored, ingest started \($0.startedAt)"
        }, "run `litkb ingest --db \(database)` on each file again: it resumes after what was stored")
        return lines.joined(separator: "\n")
    }
}
