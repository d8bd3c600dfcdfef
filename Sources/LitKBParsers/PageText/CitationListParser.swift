import LitKBModel

/// The page's lists of other works: "Similar articles", "Cited by", "References" and notice
/// sections ("Erratum in", "Comment in", ...). Entries are separated by a line holding a single
/// `-`; reference entries also start with `- ` and end in link labels (` - DOI - PMC - PubMed`)
/// that are not part of the citation.
enum CitationListParser {
    struct RawEntry {
        var line: Int
        var text: String
    }

    /// Groups a section's lines into entries. A line holding only `-` closes an entry; so does
    /// a line with the entry's PMID, for copies that print an entry over several lines.
    static func entries(_ lines: [PageLine], references: Bool) -> [RawEntry] {
        var result: [RawEntry] = []
        var current: RawEntry?
        func flush() {
            if let entry = current, !entry.text.isEmpty { result.append(entry) }
            current = nil
        }
        for line in lines {
            let text = line.text.whitespaceTrimmed
            if text == "-" { flush(); continue }
            if text.isEmpty, references { flush(); continue }
            if text.isEmpty || PageTextLayout.isPageChrome(text) { continue }
            if references, text.hasPrefix("- ") {
                flush()
                current = RawEntry(line: line.number, text: String(text.dropFirst(2).whitespaceTrimmed))
                continue
            }
            if var entry = current, !(references == false && entry.text.contains("PMID:")) {
                entry.text += " " + text
                current = entry
            } else {
                flush()
                current = RawEntry(line: line.number, text: String(text))
            }
        }
        flush()
        return result
    }

    /// "Similar articles" (ranked 1...n), "Cited by" or a notice section about the page's work.
    static func links(_ section: PageSection, kind: LinkKind, ranked: Bool, report: inout PageTextReport) -> [Link] {
        var links: [Link] = []
        for raw in entries(section.lines, references: false) {
            let entry = ListEntryParser.parse(raw.text)
            let mention = entry.mention
            let hasContent = mention.ids.pmid != nil || mention.ids.doi != nil || mention.journal != nil || mention.title != nil
            guard hasContent else {
                report.keep(raw.text, section: section.name, line: raw.line, reason: "entry not understood")
                continue
            }
            for problem in entry.problems where !(kind.isNotice && problem == "no PMID") {
                report.warn("\(section.name): \(problem) in entry \"\(PageTextReport.excerpt(raw.text))\"", line: raw.line)
            }
            links.append(Link(kind: kind, target: mention, rank: ranked ? links.count + 1 : nil))
        }
        return links
    }

    /// "References": each entry a `cites` link to the work its citation describes.
    static func references(_ section: PageSection, report: inout PageTextReport) -> [Link] {
        var links: [Link] = []
        for raw in entries(section.lines, references: true) {
            let citation = withoutLinkLabels(raw.text)
            guard !citation.isEmpty else {
                report.warn("References: entry holds only link labels", line: raw.line)
                continue
            }
            links.append(Link(kind: .cites, target: ReferenceCitationParser.parse(citation)))
        }
        return links
    }

    private static let linkLabels = [" - DOI", " - PMC", " - PubMed", " - Free PMC article", " - Google Scholar"]

    /// `... 10.1177/02698811221080165 - DOI - PMC - PubMed` → `... 10.1177/02698811221080165`.
    static func withoutLinkLabels(_ text: some StringProtocol) -> String {
        var body = Substring(text).whitespaceTrimmed
        var stripped = true
        while stripped {
            stripped = false
            for label in linkLabels where body.hasSuffix(label) {
                body = body.dropLast(label.count).whitespaceTrimmed
                stripped = true
            }
            // A citation that is nothing but labels: "- DOI - PubMed" arrives as "DOI - PubMed".
            for label in linkLabels where body == label.dropFirst(3) {
                body = body.dropLast(body.count)
            }
        }
        return String(body)
    }
}
