import Foundation
import LitKBExport
import LitKBModel
import LitKBParsers
import LitKBStore

/// `litkb audit`'s report: for a terminal, as Markdown, as JSON.
enum AuditText {
    static func text(_ report: AuditReport) -> String {
        var out = [heading(report)]
        out += restsOn(report).map { "  " + $0 }
        for item in report.items {
            out.append("")
            out.append(Terminal.wrap(label(item) + " " + item.entry.place + " " + given(item.entry), indent: 4, firstIndent: 0))
            out += details(item).map { Terminal.wrap($0, indent: 6, firstIndent: 4) }
        }
        out.append("")
        out.append(summary(report))
        return out.joined(separator: "\n")
    }

    static func markdown(_ report: AuditReport) -> String {
        var out = ["# " + heading(report), ""]
        out += restsOn(report).map { "- " + $0 }
        out += ["", "| # | entry | status | found by | work | notice |", "|---|---|---|---|---|---|"]
        for (number, item) in report.items.enumerated() {
            let work = item.work.map { SummaryText.identifiers(summary($0)) + ($0.record.title.map { " · " + $0 } ?? "") } ?? given(item.entry)
            let notice = details(item).joined(separator: "<br>")
            let cells = [String(number + 1), item.entry.place, "**\(item.verdict.words)**", item.matchedBy?.rawValue ?? "", work, notice]
            out.append("| " + cells.map { $0.replacing("|", with: "\\|") }.joined(separator: " | ") + " |")
        }
        out += ["", summary(report)]
        return out.joined(separator: "\n")
    }

    static func json(_ report: AuditReport) -> String {
        let entries: [JSONValue] = report.items.map { item in
            var members: [JSONValue.Member] = [
                .init(key: "file", value: .string(item.entry.file)),
                .init(key: "line", value: .number(item.entry.line)),
            ]
            if let key = item.entry.key { members.append(.init(key: "key", value: .string(key))) }
            var given: [JSONValue.Member] = []
            if let doi = item.entry.ids.doi { given.append(.init(key: "doi", value: .string(doi.value))) }
            if let pmid = item.entry.ids.pmid { given.append(.init(key: "pmid", value: .number(pmid.value))) }
            if let pmcid = item.entry.ids.pmcid { given.append(.init(key: "pmcid", value: .string(pmcid.value))) }
            if let title = item.entry.title { given.append(.init(key: "title", value: .string(title))) }
            if let year = item.entry.year { given.append(.init(key: "year", value: .number(year))) }
            members.append(.init(key: "given", value: .object(given)))
            members.append(.init(key: "status", value: .string(item.verdict.rawValue)))
            if let how = item.matchedBy { members.append(.init(key: "matchedBy", value: .string(how.rawValue))) }
            if let work = item.work {
                members.append(.init(key: "work", value: WorkJSON.entry(for: summary(work))))
                members.append(.init(key: "notices", value: .array(statusNotices(work).map(WorkJSON.notice(for:)))))
            }
            if !item.entry.problems.isEmpty { members.append(.init(key: "problems", value: .array(item.entry.problems.map(JSONValue.string)))) }
            if let first = item.duplicateOf { members.append(.init(key: "duplicateOf", value: .string(first.place))) }
            return .object(members)
        }
        let counts: [JSONValue.Member] = AuditReport.Verdict.allCases.map { .init(key: $0.rawValue, value: .number(report.count($0))) }
            + [.init(key: "duplicates", value: .number(report.items.filter { $0.duplicateOf != nil }.count))]
        let sources: [JSONValue] = report.statusSources.map { file in
            .object([.init(key: "path", value: .string(file.path)), .init(key: "format", value: .string(file.format.rawValue)),
                     .init(key: "records", value: .number(file.records)), .init(key: "ingestedAt", value: .string(file.ingestedAt))])
        }
        return JSONValue.object([
            .init(key: "knowledgeBase", value: .string(report.database)),
            .init(key: "sources", value: .array(sources)),
            .init(key: "entries", value: .array(entries)),
            .init(key: "summary", value: .object(counts)),
            .init(key: "unreadable", value: .array(report.unreadable.map(JSONValue.string))),
        ]).rendered(pretty: true)
    }

    // MARK: Parts

    static func heading(_ report: AuditReport) -> String {
        let files = report.inputs.map { "\($0.file) (\($0.format.rawValue), \($0.entries.count) entr\($0.entries.count == 1 ? "y" : "ies"))" }
        return "Audit of " + (files.isEmpty ? "nothing readable" : files.joined(separator: ", ")) + " against \(report.database)"
    }

    /// What the statuses rest on: the Retraction Watch files by name and date, the other
    /// sources by format, each with the latest date.
    static func restsOn(_ report: AuditReport) -> [String] {
        let sources = report.statusSources
        var lines: [String] = []
        let watch = sources.filter { $0.format == .retractionWatch }
        if let latest = watch.last {
            lines.append("statuses rest on Retraction Watch \(latest.path) (\(latest.records.grouped) rows, ingested \(latest.ingestedAt.prefix(10)))"
                         + (watch.count > 1 ? ", which replaced \(watch.count - 1) earlier file\(watch.count == 2 ? "" : "s")" : ""))
        } else {
            lines.append("no Retraction Watch file ingested: statuses rest on PubMed's own notices only")
        }
        let others = Dictionary(grouping: sources.filter { $0.format != .retractionWatch }, by: \.format)
        for format in others.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let files = others[format]!
            lines.append("and on \(files.count) \(format.rawValue) file\(files.count == 1 ? "" : "s") (\(files.reduce(0) { $0 + $1.records }.grouped) records, "
                         + "latest ingested \(files.map(\.ingestedAt).max()?.prefix(10) ?? ""))")
        }
        return lines
    }

    static func label(_ item: AuditReport.Item) -> String {
        let text = item.verdict.words.uppercased()
        return item.verdict == .retracted ? Terminal.alert(text) : text
    }

    static func given(_ entry: BibliographyEntry) -> String {
        var parts = [entry.ids.doi.map { "doi:\($0.value)" }, entry.ids.pmid.map { "PMID \($0)" }, entry.ids.pmcid.map(\.value)].compactMap { $0 }
        if parts.isEmpty, let title = entry.title { parts.append("\"\(title)\"" + (entry.year.map { " \($0)" } ?? "")) }
        return parts.joined(separator: " ")
    }

    static func details(_ item: AuditReport.Item) -> [String] {
        var lines: [String] = []
        if let work = item.work, let how = item.matchedBy {
            let found = "found by \(how == .titleAndYear ? "title and year" : how.rawValue.uppercased()): \(SummaryText.identifiers(summary(work)))"
            lines.append(found + (how == .titleAndYear ? (work.record.title.map { " — \($0)" } ?? "") : ""))
            for notice in statusNotices(work) {
                var text = notice.kind.noticeLabel + ":"
                text += [notice.pmid.map { " PMID \($0)" }, notice.doi.map { " doi:\($0.value)" }, notice.date?.iso.map { " (\($0))" }].compactMap { $0 }.joined()
                if let detail = notice.detail { text += " — " + detail } else if let citation = notice.citation { text += " — " + citation }
                lines.append(text)
            }
            if item.verdict == .retracted, statusNotices(work).isEmpty {
                lines += work.retractionEvidence.map { "evidence: " + RetractionText.describe($0) }
            }
        } else if item.verdict == .notFound {
            lines.append("status unknown: the knowledge base holds no such work")
        }
        lines += item.entry.problems
        if let first = item.duplicateOf { lines.append("duplicate of \(first.place)") }
        return lines
    }

    static func summary(_ report: AuditReport) -> String {
        let parts = AuditReport.Verdict.allCases.compactMap { verdict -> String? in
            let count = report.count(verdict)
            return count == 0 ? nil : "\(count) \(verdict.words)"
        }
        let duplicates = report.items.filter { $0.duplicateOf != nil }.count
        let problems = report.items.filter { !$0.entry.problems.isEmpty && $0.verdict != .malformed }.count
        return "\(report.items.count) entr\(report.items.count == 1 ? "y" : "ies"): " + (parts.isEmpty ? "none" : parts.joined(separator: ", "))
            + (duplicates > 0 ? "; \(duplicates) duplicate\(duplicates == 1 ? "" : "s")" : "")
            + (problems > 0 ? "; \(problems) with an id that could not be used" : "")
    }

    /// The notices that give a status, gravest first.
    static func statusNotices(_ work: WorkDetail) -> [Notice] {
        WorkStatus.noticeKindsByGravity.flatMap { kind in work.notices.filter { $0.kind == kind } }
    }

    static func summary(_ work: WorkDetail) -> WorkSummary {
        WorkSummary(pmid: work.record.ids.pmid, pmcid: work.record.ids.pmcid, doi: work.record.ids.doi, title: work.record.title,
                    journal: work.record.journal.isoAbbreviation ?? work.record.journal.title, year: work.record.published?.year,
                    status: work.status, isStub: work.isStub)
    }
}
