import ArgumentParser
import Foundation
import LitKBModel
import LitKBParsers
import LitKBStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a bibliography against the knowledge base: which entries are retracted, under concern, corrected, clean or unknown.",
        discussion: """
            Reads BibTeX (.bib), RIS (.ris), MEDLINE (.nbib) or a plain list of DOIs, PMIDs and \
            PMCIDs (one or more per line; `-` reads standard input), recognised from the content. \
            Each entry is found by its DOI, else its PMID, else its PMCID, else its title and year, \
            and the report says which. An entry the knowledge base does not hold is "not in the \
            knowledge base", never clean.

            Exit status: 0 when no entry is retracted, 1 when one is, 2 when an input cannot be \
            read or holds entries that cannot be used (malformed ids).

            Examples:
              litkb audit references.bib
              litkb audit library.ris --format markdown > audit.md
              printf '10.3892/ol.2016.4904\\n27602157\\n' | litkb audit -
            """
    )

    enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    @Argument(help: ArgumentHelp("Bibliography files, or - for standard input.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "text (the default) or markdown (--json for JSON).")
    var format: ReportFormat = .text

    @OptionGroup var options: CommonOptions

    func run() throws {
        let kb = try options.open()
        var inputs: [AuditInput] = []
        var unreadable: [String] = []
        for file in files {
            let name = BibliographyFile.name(file)
            do throws(BibliographyFile.Failure) {
                let (kind, entries) = try BibliographyFile.read(file)
                if entries.isEmpty { unreadable.append("\(name): no entries found (\(kind.rawValue))") }
                inputs.append(AuditInput(file: name, format: kind, entries: entries))
            } catch {
                switch error {
                case .cannotBeRead: unreadable.append("\(name): cannot be read")
                case .notText: unreadable.append("\(name): not text")
                case .unreadable(let parseError): unreadable.append("\(name): \(parseError)")
                }
            }
        }
        let report = try AuditReport(inputs: inputs, unreadable: unreadable, knowledgeBase: kb, database: options.databasePath)
        if options.json {
            print(AuditText.json(report))
        } else {
            print(format == .markdown ? AuditText.markdown(report) : AuditText.text(report))
        }
        for problem in unreadable { StandardError.write("Error: \(problem)") }
        if report.badInput { throw ExitCode(2) }
        if report.count(.retracted) > 0 { throw ExitCode(1) }
    }
}

struct AuditInput {
    var file: String
    var format: BibliographyFormat
    var entries: [BibliographyEntry]
}

/// Every entry's verdict, and what the verdicts rest on.
struct AuditReport {
    enum Verdict: String, CaseIterable {
        case retracted, expressionOfConcern = "expression-of-concern", corrected, reinstated, clean
        case notFound = "not-in-knowledge-base"
        case malformed

        var words: String {
            switch self {
            case .expressionOfConcern: "expression of concern"
            case .notFound: "not in the knowledge base"
            default: rawValue
            }
        }
    }

    struct Item {
        var entry: BibliographyEntry
        var verdict: Verdict
        var work: WorkDetail?
        var matchedBy: AuditMatch?
        /// The earlier entry naming the same work.
        var duplicateOf: BibliographyEntry?
    }

    var database: String
    var inputs: [AuditInput]
    var items: [Item] = []
    var unreadable: [String]
    var sources: [IngestedFile]

    init(inputs: [AuditInput], unreadable: [String], knowledgeBase kb: KnowledgeBase, database: String) throws {
        self.database = database
        self.inputs = inputs
        self.unreadable = unreadable
        sources = try kb.ingestedFiles()
        var seen: [String: BibliographyEntry] = [:]
        for input in inputs {
            for entry in input.entries {
                var item = Item(entry: entry, verdict: .notFound)
                if entry.ids.isEmpty, entry.title == nil || entry.year == nil, !entry.problems.isEmpty {
                    item.verdict = .malformed
                } else if let (work, how) = try kb.find(ids: entry.ids, title: entry.title, year: entry.year) {
                    item.work = work
                    item.matchedBy = how
                    item.verdict = switch work.status {
                    case .retracted?: .retracted
                    case .expressionOfConcern?: .expressionOfConcern
                    case .corrected?: .corrected
                    case .reinstated?: .reinstated
                    case nil: .clean
                    }
                }
                let identity = item.work.map { work in
                    [work.record.ids.pmid.map { "pmid:\($0)" }, work.record.ids.doi.map { "doi:\($0.value)" }, work.record.title].compactMap { $0 }.first ?? ""
                } ?? [entry.ids.doi.map { "doi:\($0.value)" }, entry.ids.pmid.map { "pmid:\($0)" }, entry.ids.pmcid.map { "pmcid:\($0.value)" }]
                    .compactMap { $0 }.first
                if let identity, !identity.isEmpty {
                    if let first = seen[identity] { item.duplicateOf = first } else { seen[identity] = entry }
                }
                items.append(item)
            }
        }
    }

    func count(_ verdict: Verdict) -> Int { items.filter { $0.verdict == verdict }.count }

    var badInput: Bool { !unreadable.isEmpty || items.contains { !$0.entry.problems.isEmpty } }

    /// The files that give statuses: Retraction Watch, and the PubMed-derived formats.
    var statusSources: [IngestedFile] { sources.filter(\.complete) }
}
