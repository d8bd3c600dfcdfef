import LitKBIngest
import LitKBModel
import LitKBStore

enum IngestText {
    static func line(_ report: FileReport) -> String {
        var out: [String] = []
        if report.resumeRefused {
            out.append("\(report.path): an interrupted ingest of it cannot be resumed (the file reads differently now: another --max-record-mb or litkb version): read again from its start")
        } else if let resumed = report.resumedAfter {
            let item = report.format == .nihOCC ? "citation pair" : "record"
            let stored = resumed.records == 0 ? "an ingest of it was interrupted before any \(item) was stored"
                : "\(resumed.records.grouped) of ≥ \(resumed.records.grouped) \(item)\(resumed.records == 1 ? " was" : "s were") stored before an interruption"
            out.append("\(report.path): resuming: \(stored)")
        }
        switch report.status {
        case .failed(let message):
            out.append("\(report.path): FAILED: \(message)")
        case .skipped(let message):
            out.append("\(report.path): skipped: \(message)")
        case .unchanged(let since):
            out.append("\(report.path): \(report.format?.rawValue ?? "?"), unchanged since \(since) (use --force to ingest again)")
        case .ingested:
            let unreadable = report.errors.isEmpty ? "" : ", \(report.errors.count.grouped) unreadable"
            if let pairs = report.pairs {
                out.append("\(report.path): \(report.format?.rawValue ?? "?"), \(plural(report.records, "citation pair"))\(unreadable): " + counts(pairs))
                break
            }
            out.append("\(report.path): \(report.format?.rawValue ?? "?"), \(plural(report.records, report.format == .elink ? "link set" : "record"))\(unreadable): " + counts(report.outcome))
        }
        return out.joined(separator: "\n")
    }

    /// What went wrong or was noticed in the file, a line each, for standard error.
    static func diagnostics(_ report: FileReport, warnings: Bool = true) -> [String] {
        report.errors.map { "  error: \($0)" } + (warnings ? (report.warnings + report.outcome.notes).map { "  warning: \($0)" } : [])
    }

    static func counts(_ outcome: BatchOutcome) -> String {
        var parts = ["\(outcome.added.grouped) added", "\(outcome.updated.grouped) updated", "\(outcome.merged.grouped) merged",
                     "\(outcome.stubsCreated.grouped) stubs created"]
        if outcome.olderVersionsSkipped > 0 { parts.append("\(outcome.olderVersionsSkipped.grouped) older versions skipped") }
        if outcome.deleted > 0 { parts.append("\(outcome.deleted.grouped) deleted") }
        if outcome.withdrawn > 0 { parts.append("\(outcome.withdrawn.grouped) withdrawn") }
        if outcome.failed > 0 { parts.append("\(outcome.failed.grouped) failed") }
        return parts.joined(separator: ", ")
    }

    static func counts(_ pairs: CitationPairOutcome) -> String {
        "\(pairs.added.grouped) added, \(pairs.known.grouped) already held, \(pairs.stubsCreated.grouped) stubs created"
    }

    static func total(_ reports: [FileReport]) -> String {
        var outcome = BatchOutcome()
        for report in reports { outcome.add(report.outcome) }
        let failed = reports.filter(\.failed).count
        let unchanged = reports.filter { if case .unchanged = $0.status { true } else { false } }.count
        let skipped = reports.filter { if case .skipped = $0.status { true } else { false } }.count
        let records = reports.filter { $0.pairs == nil }.reduce(0) { $0 + $1.records }
        var pairs = CitationPairOutcome()
        for report in reports { if let added = report.pairs { pairs.add(added) } }
        let pairsRead = reports.filter { $0.pairs != nil }.reduce(0) { $0 + $1.records }
        let pairText = pairsRead == 0 ? "" : "; \(plural(pairsRead, "citation pair")): \(pairs.added.grouped) added, \(pairs.known.grouped) already held"
        return "Total: \(plural(reports.count, "file")) (\(failed.grouped) failed, \(unchanged.grouped) unchanged, \(skipped.grouped) skipped), "
            + "\(plural(records, "record")): " + counts(outcome) + pairText
    }

    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count.grouped) \(noun)\(count == 1 ? "" : "s")"
    }
}
