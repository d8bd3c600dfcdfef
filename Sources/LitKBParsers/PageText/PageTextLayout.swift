import LitKBModel

/// One line of a page text, with its 1-based line number for warnings.
struct PageLine: Hashable, Sendable {
    let number: Int
    /// The line without trailing whitespace or carriage return.
    let text: Substring

    var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
}

/// The headings a PubMed page shows, matched against whole lines.
enum PageHeading: Hashable, Sendable {
    case abstract
    case plainLanguageSummary
    case conflictOfInterest
    case figures
    case similarArticles
    case citedBy
    case references
    case publicationTypes
    case meshTerms
    case substances
    case associatedData
    case linkOut
    case relatedInformation
    case grantsAndFunding
    /// "Retraction in", "Erratum in", "Comment in", ...: notices about the page's own work.
    case notice(LinkKind)

    private static let named: [String: PageHeading] = [
        "abstract": .abstract,
        "plain language summary": .plainLanguageSummary,
        "conflict of interest statement": .conflictOfInterest,
        "figures": .figures,
        "similar articles": .similarArticles,
        "cited by": .citedBy,
        "references": .references,
        "publication types": .publicationTypes,
        "mesh terms": .meshTerms,
        "substances": .substances,
        "associated data": .associatedData,
        "linkout - more resources": .linkOut,
        "related information": .relatedInformation,
        "grants and funding": .grantsAndFunding,
    ]

    /// The heading a whole line names, or nil for any other line.
    init?(line: Substring) {
        // Headings are short; most lines are long prose and need no lower-casing.
        guard line.utf8.count <= 48 else { return nil }
        let key = line.whitespaceTrimmed.lowercased()
        if let heading = PageHeading.named[key] {
            self = heading
        } else if let label = NoticeLabels.label(exactly: key) {
            self = .notice(LinkKind(noticeName: label))
        } else {
            return nil
        }
    }
}

/// The notices PubMed prints, `Retraction in: <citation>.` in list entries and as headings
/// above the abstract or below the figures.
enum NoticeLabels {
    static let all = [
        "Retraction in", "Retraction of", "Partial retraction in", "Partial retraction of",
        "Erratum in", "Erratum for", "Comment in", "Comment on",
        "Expression of concern in", "Expression of concern for", "Update in", "Update of",
        "Republished in", "Republished from", "Corrected and republished in", "Corrected and republished from",
        "Reprint in", "Reprint of", "Summary for patients in", "Original report in",
    ]

    /// Character counts of the labels, to test the text before a colon against each.
    static let lengths: [Int] = Set(all.map(\.count)).sorted()

    private static let byLowercase: [String: String] = Dictionary(uniqueKeysWithValues: all.map { ($0.lowercased(), $0) })

    /// The canonical label when `text` (any case) is one.
    static func label(exactly text: some StringProtocol) -> String? { byLowercase[text.lowercased()] }

    /// `"Retraction in: Lancet. 2010..."` → ("Retraction in", "Lancet. 2010...").
    static func split(_ line: Substring) -> (label: String, citation: Substring)? {
        guard let colon = line.firstIndex(of: ":"), let label = label(exactly: line[line.startIndex..<colon].whitespaceTrimmed) else { return nil }
        return (label, line[line.index(after: colon)...].whitespaceTrimmed)
    }
}

/// The lines under one heading (or above the first: the header).
struct PageSection: Sendable {
    /// nil for the header: title and identifier lines before the first heading.
    var heading: PageHeading?
    /// The heading as printed, for warnings and uninterpreted content.
    var name: String
    var headingLine: Int?
    var lines: [PageLine]
}

enum PageTextLayout {
    /// Splits the text into numbered lines, dropping a byte-order mark and `\r`.
    static func lines(of text: String) -> [PageLine] {
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        var result: [PageLine] = []
        var number = 0
        for raw in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            number += 1
            var line = raw
            while let last = line.last, last.isWhitespace { line = line.dropLast() }
            result.append(PageLine(number: number, text: line))
        }
        return result
    }

    /// Groups lines under their headings. A line that is not a known heading belongs to the
    /// section above it, so an unknown heading never breaks the parse.
    static func sections(of lines: [PageLine]) -> [PageSection] {
        var sections = [PageSection(heading: nil, name: "header", headingLine: nil, lines: [])]
        for line in lines {
            if let heading = PageHeading(line: line.text) {
                sections.append(PageSection(heading: heading, name: String(line.text.whitespaceTrimmed), headingLine: line.number, lines: []))
            } else {
                sections[sections.count - 1].lines.append(line)
            }
        }
        return sections
    }

    /// Page furniture a copy of the page picks up: buttons and "see all" links, not content.
    static func isPageChrome(_ line: Substring) -> Bool {
        let text = line.whitespaceTrimmed
        if chrome.contains(String(text)) { return true }
        return text.hasPrefix("Show all ") && text.hasSuffix(" references")
            || text.hasPrefix("See all ") && text.hasSuffix(" articles")
    }

    private static let chrome: Set<String> = [
        "PubMed Disclaimer", "Actions", "Search in PubMed", "Search in MeSH", "Search in NLM Catalog",
        "Add to Search", "Expand", "Affiliations Expand", "Item in Clipboard", "Full text links", "Cite",
        "Collections", "Permalink", "Share",
    ]
}
