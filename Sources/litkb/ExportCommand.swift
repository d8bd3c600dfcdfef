import ArgumentParser
import Foundation
import LitKBExport
import LitKBModel
import LitKBPipes
import LitKBStore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write works as JSON, JSON Lines, BibTeX, RIS, CSL-JSON, MEDLINE (nbib), EndNote XML or CSV.",
        discussion: """
            json and jsonl give the objects `show --json` prints; jsonl streams a whole knowledge base one work per line. \
            bibtex is for LaTeX, ris and nbib for Zotero, EndNote and Mendeley, csl-json for Pandoc and CSL processors, \
            endnote-xml for EndNote, csv for screening tools (ASReview, Rayyan, Covidence). BibTeX keys and CSL-JSON ids \
            follow Better BibTeX's default (--key-format bbt) or the short family-year-word form (--key-format short).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl, bibtex, ris, cslJSON = "csl-json", nbib, endnoteXML = "endnote-xml", csv
    }

    @OptionGroup var options: CommonOptions

    @Option(name: .long, help: "json, jsonl, bibtex, ris, csl-json, nbib, endnote-xml or csv.")
    var format: Format = .json

    @Option(name: .long, help: ArgumentHelp("Citation keys: bbt (Better BibTeX: zeifmanPreliminaryEvidenceImportance2024) or short (zeifman2024preliminary).", valueName: "bbt|short"))
    var keyFormat: BibTeXKey = .betterBibTeX

    @Flag(name: .long, help: "Export every work that has its own record.")
    var all = false

    @Flag(name: .long, help: "With --all, include stubs known only from other records' lists.")
    var includeStubs = false

    @Argument(help: "PMIDs, PMCIDs or DOIs; - reads them from standard input (one or more per line).")
    var ids: [String] = []

    func validate() throws {
        if all == !ids.isEmpty {
            throw ValidationError(all ? "name works to export, or --all (not both)"
                                      : "name works to export (ids, or - to read them from standard input), or --all for the whole knowledge base")
        }
        if includeStubs && !all { throw ValidationError("--include-stubs goes with --all") }
        if let bad = ids.first(where: { $0 != "-" && WorkIdentifier(parsing: $0) == nil }) {
            throw ValidationError("\(bad) is not a PMID, PMCID or DOI")
        }
    }

    /// The ids named, with `-` replaced by those read from standard input; a line that is not an
    /// id is reported and passed over.
    private func requestedIDs() -> (ids: [WorkIdentifier], unreadable: Int) {
        var requested: [WorkIdentifier] = []
        var unreadable = 0
        for argument in ids {
            guard argument == "-" else {
                requested.append(WorkIdentifier(parsing: argument)!)
                continue
            }
            var lineNumber = 0
            while let line = readLine() {
                lineNumber += 1
                for word in line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }) {
                    if let id = WorkIdentifier(parsing: word) {
                        requested.append(id)
                    } else {
                        StandardError.write("<stdin>: line \(lineNumber): \(word) is not a PMID, PMCID or DOI")
                        unreadable += 1
                    }
                }
            }
        }
        return (requested, unreadable)
    }

    func run() throws {
        let store = try options.open()
        var bibtex = BibTeXWriter(keyFormat: keyFormat)
        var keys = CitationKeys()
        var written = 0
        // Every format streams: a whole knowledge base never has to fit in memory. A batch of
        // works is made text on every core, then written in order.
        let format = format, keyFormat = keyFormat
        switch format {
        case .endnoteXML: print(EndNoteXMLWriter.header, terminator: "")
        case .csv: print(CSVWriter.header)
        default: break
        }
        let emit: ([WorkDetail]) throws -> Void = { details in
            // Stubs no list described take what their citers print (`describedByItsCitations`),
            // in every format.
            let batch = try parallelMap(details, { $0.describedByItsCitations })
            switch format {
            case .ris, .nbib:
                let write = format == .ris ? RISWriter.record : MEDLINEWriter.record
                for record in try parallelMap(batch, write) {
                    print((written == 0 ? "" : "\n") + record, terminator: "")
                    written += 1
                }
            case .endnoteXML:
                for record in try parallelMap(batch, { EndNoteXMLWriter.record(for: $0) }) { print(record, terminator: "") }
            case .csv:
                for row in try parallelMap(batch, { CSVWriter.row(for: $0) }) { print(row) }
            case .cslJSON:
                // Ids are keys made unique in export order, as BibTeX's are.
                let ids = batch.map { keys.key(for: $0, format: keyFormat) }
                for object in try parallelMap(Array(zip(batch, ids)), { CSLJSONWriter.item(for: $0.0, id: $0.1).rendered(pretty: true) }) {
                    print(written == 0 ? "[" : ",", object, separator: "")
                    written += 1
                }
            case .jsonl:
                for line in try parallelMap(batch, { try WorkJSON.encode($0, pretty: false) }) { print(line) }
            case .json:
                for object in try parallelMap(batch, { try WorkJSON.encode($0, pretty: true) }) {
                    print(written == 0 ? "[" : ",", object, separator: "")
                    written += 1
                }
            case .bibtex:
                // Keys take their a/b suffixes in export order, after the entries are made.
                for prepared in try parallelMap(batch, { BibTeXWriter.prepare($0, keyFormat: keyFormat) }) {
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
            // Every known work is written and the output stays well-formed; the unknown ones are
            // named on standard error and make the exit status 1.
            let (requested, unreadable) = requestedIDs()
            var unknown = unreadable
            for id in requested {
                guard let detail = try store.detail(for: id) else {
                    StandardError.write("no work with \(id) in the knowledge base")
                    unknown += 1
                    continue
                }
                try emit([detail])
            }
            finish(written: written)
            if unknown > 0 { throw ExitCode(1) }
            return
        }
        finish(written: written)
    }

    /// What closes the output: the JSON array, EndNote's root elements.
    private func finish(written: Int) {
        switch format {
        case .json, .cslJSON: print(written == 0 ? "[]" : "]")
        case .endnoteXML: print(EndNoteXMLWriter.footer, terminator: "")
        default: break
        }
    }
}

/// The writing side of an export stopped (its error is the one reported); the reading side ends.
private struct OutputStopped: Error {}
