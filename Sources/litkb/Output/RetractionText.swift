import LitKBModel
import LitKBStore

enum RetractionText {
    static func describe(_ evidence: RetractionEvidence) -> String {
        let by = evidence.assertedBy.map { " (from \(SummaryText.name($0)))" } ?? ""
        switch evidence.kind {
        case .flag: return evidence.assertedBy == nil ? "its own page says Retracted" : "flagged \"Retracted.\" in a list" + by
        case .retractionNotice: return "retraction notice: " + (evidence.detail ?? "(no citation)") + by
        case .retractionOf: return "a retraction notice names it: " + (evidence.detail ?? "") + by
        case .publicationType: return "publication type Retracted Publication" + by
        }
    }

    static func render(_ works: [RetractedWork], statuses: Set<WorkStatus> = [.retracted]) -> String {
        let what = statuses == [.retracted] ? "retracted work" : "work"
        guard !works.isEmpty else {
            return statuses == [.retracted] ? "No retracted works known." : "No works known with status \(statuses.map(\.rawValue).sorted().joined(separator: ", "))."
        }
        var heading = "\(works.count) \(what)\(works.count == 1 ? "" : "s")"
        if statuses != [.retracted] {
            let counts = WorkStatus.allCases.compactMap { status -> String? in
                let count = works.filter { $0.work.status == status }.count
                return count == 0 ? nil : "\(count) \(status.words)"
            }
            heading += ": " + counts.joined(separator: ", ")
        }
        var out: [String] = [heading]
        for item in works {
            out.append("")
            out.append(SummaryText.line(item.work))
            for evidence in item.evidence {
                out.append(Terminal.wrap("evidence: " + describe(evidence), indent: 14, firstIndent: 4))
            }
            for notice in item.notices where notice.pmid != nil || notice.doi != nil || notice.detail != nil {
                let target = [notice.pmid.map { "PMID \($0)" }, notice.doi.map { "doi:\($0)" }, notice.date?.iso.map { "(\($0))" }]
                    .compactMap { $0 }.joined(separator: " ")
                out.append(Terminal.wrap("notice: \(notice.kind.noticeLabel) \(target)", indent: 12, firstIndent: 4))
                if let detail = notice.detail { out.append(Terminal.wrap(detail, indent: 12, firstIndent: 12)) }
            }
            if item.reliedOnBy.isEmpty {
                out.append("    leaned on by: no work in the knowledge base")
            } else {
                for (work, reliance) in item.reliedOnBy {
                    let how = reliance == .cites ? "cites it" : "lists it as similar"
                    out.append(Terminal.wrap("leaned on by: \(SummaryText.name(work)) \(how)" + (work.title.map { " — \($0)" } ?? ""),
                                             indent: 8, firstIndent: 4))
                }
            }
        }
        return out.joined(separator: "\n")
    }

    /// `retracted --citing`: each work with what it leans on.
    static func render(_ works: [LeaningWork]) -> String {
        guard !works.isEmpty else { return "No work in the knowledge base cites or lists a retracted work." }
        let direct = works.filter { $0.depth == 1 }.count
        var heading = "\(direct) work\(direct == 1 ? "" : "s") cite or list a retracted work"
        if works.count > direct { heading += "; \(works.count - direct) more cite those" }
        var out = [heading]
        for item in works {
            out.append("")
            out.append(SummaryText.line(item.work))
            let names = { (works: [WorkSummary]) in works.map(SummaryText.name).joined(separator: ", ") }
            if item.depth == 1 {
                if !item.cites.isEmpty {
                    out.append(Terminal.wrap("cites \(item.cites.count) retracted of its \(item.referenceCount) linked references: \(names(item.cites))",
                                             indent: 8, firstIndent: 4))
                }
                if !item.listsAsSimilar.isEmpty {
                    out.append(Terminal.wrap("lists as similar: \(names(item.listsAsSimilar))", indent: 8, firstIndent: 4))
                }
            } else {
                out.append(Terminal.wrap("depth 2: cites \(names(item.cites)), which cite\(item.cites.count == 1 ? "s" : "") retracted work",
                                         indent: 8, firstIndent: 4))
            }
        }
        return out.joined(separator: "\n")
    }
}
