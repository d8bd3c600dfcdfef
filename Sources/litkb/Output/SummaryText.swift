import LitKBModel

/// One line (wrapped) per list entry: ids, year, journal, title, and a status mark ([RETRACTED],
/// [REINSTATED], [EXPRESSION OF CONCERN], [CORRECTED]).
enum SummaryText {
    static func line(_ work: WorkSummary, number: Int? = nil) -> String {
        var parts: [String] = []
        parts.append(identifiers(work))
        if let year = work.year { parts.append(String(year)) }
        if let journal = work.journal { parts.append(journal) }
        if let title = work.title {
            parts.append(title)
        } else if let citation = work.citation {
            parts.append(citation)
        }
        var text = parts.joined(separator: " · ")
        if let status = work.status { text += " " + mark(status) }
        let prefix = number.map { String(repeating: " ", count: max(0, 3 - String($0).count)) + "\($0). " } ?? ""
        return prefix + Terminal.wrap(text, indent: prefix.count, firstIndent: 0)
    }

    /// `[RETRACTED]` in the terminal's alert colour; the standing statuses plainer.
    static func mark(_ status: WorkStatus) -> String {
        let text = "[" + status.words.uppercased() + "]"
        return status == .retracted ? Terminal.alert(text) : text
    }

    static func identifiers(_ work: WorkSummary) -> String {
        var ids: [String] = []
        if let pmid = work.pmid { ids.append("PMID \(pmid)") }
        if let pmcid = work.pmcid { ids.append(pmcid.value) }
        if let doi = work.doi { ids.append("doi:\(doi)") }
        return ids.isEmpty ? "(no identifier)" : ids.joined(separator: " ")
    }

    static func name(_ work: WorkSummary) -> String {
        work.primaryIdentifier ?? work.title ?? "(unnamed work)"
    }
}
