import ArgumentParser
import Foundation
import LitKBExport
import LitKBStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the searches made in this knowledge base, numbered as PubMed's Advanced page numbers them.",
        discussion: """
            Every `litkb search` is kept (unless --no-history) with its time, query, translation,
            count and what the knowledge base held (files ingested, and a fingerprint of them).
            Combine earlier searches by number: litkb search "#3 AND #5 NOT #2".
            --export writes the search log a systematic review reports (PRISMA-S): every search
            with its translation and count, and the files searched; --json as an object.
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(name: .long, help: "Write the search log for a systematic review's report (PRISMA-S), text or --json.")
    var export = false

    @Flag(name: .long, help: "Forget every search; numbering starts again at #1.")
    var clear = false

    func validate() throws {
        if export && clear { throw ValidationError("--export or --clear, not both") }
    }

    func run() throws {
        let store = try options.open()
        if clear {
            do {
                try KnowledgeBase.clearSearchHistory(atPath: options.databasePath)
            } catch {
                throw CLIError("cannot clear the search history of \(options.databasePath): \(error)")
            }
            print("Search history of \(options.databasePath) cleared.")
            return
        }
        let entries = try store.searchHistory()
        if export {
            let log = SearchLog(database: options.databasePath, entries: entries, files: try store.ingestedFiles().filter(\.complete),
                                state: try store.currentState())
            print(options.json ? log.json : log.text)
            return
        }
        if options.json {
            print(JSONValue.array(entries.map(SearchLog.json)).rendered(pretty: true))
            return
        }
        guard !entries.isEmpty else {
            print("No searches yet: each `litkb search` is kept here, numbered (#1, #2, …) for combining.")
            return
        }
        print("Search history of \(options.databasePath) (\(entries.count.grouped) \(entries.count == 1 ? "search" : "searches")):")
        let width = max(7, entries.map { $0.count.grouped.count }.max() ?? 0)
        print("#".padding(toLength: 5, withPad: " ", startingAt: 0) + "Searched (UTC)       " + String(repeating: " ", count: width - 7) + "Results  Query")
        for entry in entries.reversed() {
            let number = "#\(entry.number)".padding(toLength: 5, withPad: " ", startingAt: 0)
            let count = entry.count.grouped
            print(number + SearchLog.time(entry.searchedAt) + "  " + String(repeating: " ", count: width - count.count) + count + "  " + entry.query)
        }
        let state = try store.currentState()
        let changed = entries.filter { $0.state != state }.map { "#\($0.number)" }
        if !changed.isEmpty {
            print("Files have been ingested since \(changed.count == entries.count ? "every one of these searches" : changed.joined(separator: ", ")): run \(changed.count == 1 ? "it" : "them") again for today's counts.")
        }
    }
}

/// The search log PRISMA-S asks a systematic review to report: what was searched (the
/// knowledge base, its files, litkb's version), when, how (each query and its translation)
/// and with what result.
struct SearchLog {
    let database: String
    let entries: [SearchHistoryEntry]
    let files: [IngestedFile]
    let state: KnowledgeBaseState

    static func time(_ iso: String) -> String {
        String(iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "").prefix(19))
    }

    var text: String {
        var out = [
            "Search log (PRISMA-S)",
            "Database: litkb knowledge base \(database), searched with litkb \(LitKB.configuration.version)",
            "Contents: \(IngestText.plural(files.count, "file")) ingested, fingerprint \(state.fingerprint) (listed at the end)",
            "Searches: \(entries.count)",
            "",
        ]
        for entry in entries {
            out.append("#\(entry.number)  \(Self.time(entry.searchedAt)) UTC  \(IngestText.plural(entry.count, "result"))")
            out.append("    Query: \(entry.query)")
            out.append("    Translation: \(entry.translation)")
            if entry.state != state {
                out.append("    Searched when the knowledge base held \(IngestText.plural(entry.state.files, "file")) (fingerprint \(entry.state.fingerprint))")
            }
        }
        out.append("")
        out.append("Files ingested:")
        for file in files {
            out.append("  \(file.path)  \(file.format.rawValue)  \(IngestText.plural(file.records, "record"))  sha256 \(file.sha256)  \(Self.time(file.ingestedAt)) UTC")
        }
        return out.joined(separator: "\n")
    }

    var json: String {
        JSONValue.fields([
            "database": .string(database),
            "litkbVersion": .string(LitKB.configuration.version),
            "fingerprint": .string(state.fingerprint),
            "searches": .array(entries.map(Self.json)),
            "files": .array(files.map { file in
                JSONValue.fields([
                    "path": .string(file.path), "format": .string(file.format.rawValue), "records": .number(file.records),
                    "sha256": .string(file.sha256), "ingestedAt": .string(file.ingestedAt),
                ])
            }),
        ]).rendered(pretty: true)
    }

    static func json(_ entry: SearchHistoryEntry) -> JSONValue {
        JSONValue.fields([
            "number": .number(entry.number),
            "searchedAt": .string(entry.searchedAt),
            "query": .string(entry.query),
            "translation": .string(entry.translation),
            "count": .number(entry.count),
            "files": .number(entry.state.files),
            "fingerprint": .string(entry.state.fingerprint),
        ])
    }
}
