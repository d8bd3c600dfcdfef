import LitKBModel

/// The lines above the first heading: the title, the `- KEY: value` identifier lines, the
/// title again, and notices the page prints at the top (`Retraction in: <citation>`).
///
/// Copies of a page can hold this block twice (title, ids, title, blank line, then the same
/// again); repeats that agree are skipped, repeats that disagree are reported.
struct PageHeader: Sendable {
    var title: String?
    var titleLine: Int?
    var ids = Identifiers()
    var idLineCount = 0
    var notices: [Link] = []
    var flags: [String] = []
    /// A `Keywords:` line on a page without an Abstract heading.
    var keywordLines: [PageLine] = []
}

enum PageHeaderParser {
    static func read(_ section: PageSection, report: inout PageTextReport) -> PageHeader {
        var header = PageHeader()
        for line in section.lines where !line.isBlank && !PageTextLayout.isPageChrome(line.text) {
            let text = line.text.whitespaceTrimmed
            if let (key, value) = identifierLine(text) {
                header.idLineCount += 1
                readIdentifier(key: key, value: value, line: line, into: &header, report: &report)
                continue
            }
            guard let title = header.title else {
                header.title = String(text)
                header.titleLine = line.number
                continue
            }
            if text == title { continue }
            if header.idLineCount == 0 {
                header.title = title + " " + text
                report.warn("title continues on a second line", line: line.number)
            } else if let (label, citation) = NoticeLabels.split(text) {
                // One line may carry several notices: "Erratum in: <citation>. Comment in: <citation>."
                let (first, more) = ListEntryParser.splitNotices(Substring(citation))
                for (label, citation) in [(label, first)] + more {
                    let (link, problems) = ListEntryParser.noticeLink(label: label, citation: citation)
                    header.notices.append(link)
                    for problem in problems { report.warn("\(label): \(problem)", line: line.number) }
                }
            } else if text.droppingTrailing(".") == "No abstract available" {
                header.flags.append("No abstract available")
            } else if SubjectSections.keywords(text, languages: []) != nil {
                header.keywordLines.append(line)
            } else {
                report.keep(text, section: "header", line: line.number, reason: "unexpected line above the first heading")
            }
        }
        if header.title == nil, header.idLineCount > 0 {
            report.warn("no title line above the identifiers", line: section.lines.first?.number)
        }
        return header
    }

    /// `- PMID: 38174611` → ("PMID", "38174611").
    static func identifierLine(_ text: Substring) -> (key: Substring, value: Substring)? {
        guard text.hasPrefix("- "), let colon = text.firstIndex(of: ":") else { return nil }
        let key = text[text.index(text.startIndex, offsetBy: 2)..<colon].whitespaceTrimmed
        guard !key.isEmpty, key.count <= 12, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " }) else { return nil }
        return (key, text[text.index(after: colon)...].whitespaceTrimmed)
    }

    private static func readIdentifier(key: Substring, value: Substring, line: PageLine,
                                       into header: inout PageHeader, report: inout PageTextReport) {
        switch key.uppercased() {
        case "PMID":
            guard let pmid = PMID(value) else {
                return report.keep(line.text, section: "header", line: line.number, reason: "not a PMID")
            }
            if let existing = header.ids.pmid {
                if existing != pmid { report.keep(line.text, section: "header", line: line.number, reason: "second, different PMID") }
            } else {
                header.ids.pmid = pmid
                report.pmid = pmid
            }
        case "PMCID":
            guard let pmcid = PMCID(value) else {
                return report.keep(line.text, section: "header", line: line.number, reason: "not a PMCID")
            }
            if let existing = header.ids.pmcid {
                if existing != pmcid { report.keep(line.text, section: "header", line: line.number, reason: "second, different PMCID") }
            } else {
                header.ids.pmcid = pmcid
            }
        case "DOI":
            guard let doi = DOI(value) else {
                return report.keep(line.text, section: "header", line: line.number, reason: "not a DOI")
            }
            if let existing = header.ids.doi {
                if existing != doi { report.keep(line.text, section: "header", line: line.number, reason: "second, different DOI") }
            } else {
                header.ids.doi = doi
            }
        default:
            let other = ArticleID(type: key.lowercased(), value: String(value))
            if !header.ids.others.contains(other) { header.ids.others.append(other) }
        }
    }
}
