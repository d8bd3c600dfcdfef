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

    static func render(_ works: [RetractedWork]) -> String {
        guard !works.isEmpty else { return "No retracted works known." }
        var out: [String] = ["\(works.count) retracted work\(works.count == 1 ? "" : "s")"]
        for item in works {
            out.append("")
            out.append(SummaryText.line(item.work))
            for evidence in item.evidence {
                out.append(Terminal.wrap("evidence: " + describe(evidence), indent: 14, firstIndent: 4))
            }
            for notice in item.notices where notice.pmid != nil || notice.doi != nil {
                let target = [notice.pmid.map { "PMID \($0)" }, notice.doi.map { "doi:\($0)" }].compactMap { $0 }.joined(separator: " ")
                out.append(Terminal.wrap("notice: \(notice.kind.noticeLabel) \(target)", indent: 12, firstIndent: 4))
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
}
