import LitKBModel

/// One entry of a page's "Similar articles", "Cited by" or notice list:
///
/// ```
/// <Title>.<Journal>. <date>;<vol>(<issue>):<pages>. doi: <doi>. Epub <date>. <Journal>. <year>. [notices] PMID: <digits> [flags]
/// ```
///
/// The title runs into the journal without a space and both may hold `.`, `?` and
/// parentheses, so the journal is found where the page prints it twice: after the title and
/// again as `<Journal>. <year>.` before the notices and the PMID.
enum ListEntryParser {
    struct Entry {
        var mention: WorkMention
        /// What looked odd, for warnings; the raw text is in `mention.citation` either way.
        var problems: [String] = []
    }

    static func parse(_ text: some StringProtocol) -> Entry {
        let line = Substring(text).whitespaceTrimmed
        var entry = Entry(mention: WorkMention(citation: String(line)))
        var head = line
        var tail: Substring?
        if let pmidLabel = line.occurrences(of: "PMID:").last {
            head = line[line.startIndex..<pmidLabel.lowerBound].whitespaceTrimmed
            tail = line[pmidLabel.upperBound...].whitespaceTrimmed
        }
        let (main, notices) = splitNotices(head)
        readMain(main, into: &entry)
        for notice in notices {
            let (link, problems) = noticeLink(label: notice.label, citation: notice.citation)
            entry.mention.notices.append(link)
            entry.problems += problems
        }
        // The PMID is read after the source so a notice's or source's own PMID never wins.
        if let tail {
            let digits = tail.prefix(while: \.isASCIIDigitCharacter)
            if let pmid = PMID(digits) {
                entry.mention.ids.pmid = pmid
            } else {
                entry.problems.append("PMID without digits")
            }
            readFlags(tail.dropFirst(digits.count), into: &entry)
        } else {
            entry.problems.append("no PMID")
        }
        return entry
    }

    /// A notice's citation as printed after `Retraction in:` — `Psychopharmacology (Berl).
    /// 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y.` — as a link to the notice.
    static func noticeLink(label: String, citation: some StringProtocol) -> (Link, [String]) {
        let text = Substring(citation).whitespaceTrimmed
        let kind = LinkKind(noticeName: label)
        if text.contains("PMID:") {
            let entry = parse(text)
            return (Link(kind: kind, target: entry.mention), entry.problems)
        }
        var target = WorkMention(citation: String(text))
        var problems: [String] = []
        guard let anchor = SourceCitation.dateAnchor(in: text) else {
            target.ids.doi = text.occurrences(of: "doi: ").last.flatMap { DOI(text[$0.upperBound...].prefix { $0 != " " }) }
            return (Link(kind: kind, target: target), ["\(label): no journal and date in notice citation"])
        }
        let journalStart = journalStart(in: text, before: anchor)
        let journal = text[journalStart..<anchor].whitespaceTrimmed
        if !journal.isEmpty { target.journal = String(journal) }
        let prefix = text[text.startIndex..<journalStart].whitespaceTrimmed
        if let last = prefix.last, last == "." || last == "?" || last == "!",
           journalStart > text.startIndex, text[text.index(before: journalStart)] != " " {
            target.title = String(prefix)
        }
        apply(SourceCitation(afterJournal: text[text.index(anchor, offsetBy: 2)...]), to: &target, problems: &problems)
        return (Link(kind: kind, target: target), problems)
    }

    // MARK: - Parts

    /// Separates `... Journal. 2020. Retraction in: <citation>. Erratum in: <citation>.`
    /// into the entry's own text and its notices. Markers count only after the entry's first
    /// date, so a title starting "Comment on:" stays a title.
    static func splitNotices(_ head: Substring) -> (Substring, [(label: String, citation: Substring)]) {
        guard let firstDate = SourceCitation.dateAnchor(in: head) else { return (head, []) }
        var markers: [(range: Range<String.Index>, label: String)] = []
        for colon in head[firstDate...].occurrences(of: ":") {
            // "... 2020. Retraction in: ..." — a notice label ending at the colon, starting a sentence.
            for length in NoticeLabels.lengths {
                guard let start = head.index(colon.lowerBound, offsetBy: -length, limitedBy: head.startIndex),
                      start > head.startIndex, NoticeLabels.label(exactly: head[start..<colon.lowerBound]) != nil else { continue }
                let previous = head[head.index(before: start)]
                let sentenceStart = previous == "." || (previous == " " && head.index(before: start) > head.startIndex
                    && head[head.index(before: head.index(before: start))] == ".")
                if sentenceStart {
                    markers.append((start..<colon.upperBound, String(head[start..<colon.lowerBound])))
                    break
                }
            }
        }
        guard !markers.isEmpty else { return (head, []) }
        let main = head[head.startIndex..<markers[0].range.lowerBound].whitespaceTrimmed
        var notices: [(String, Substring)] = []
        for (offset, marker) in markers.enumerated() {
            let end = offset + 1 < markers.count ? markers[offset + 1].range.lowerBound : head.endIndex
            notices.append((NoticeLabels.label(exactly: marker.label) ?? marker.label, head[marker.range.upperBound..<end].whitespaceTrimmed))
        }
        return (main, notices)
    }

    private static func readMain(_ main: Substring, into entry: inout Entry) {
        if let split = splitOnRepeatedJournal(main) {
            if let title = split.title { entry.mention.title = String(title) }
            entry.mention.journal = String(split.journal)
            apply(SourceCitation(afterJournal: split.source), to: &entry.mention, problems: &entry.problems)
            return
        }
        guard let anchor = SourceCitation.dateAnchor(in: main) else {
            entry.problems.append("no journal and date found")
            return
        }
        entry.problems.append("journal not repeated before the PMID; split at the first date")
        let start = journalStart(in: main, before: anchor)
        let title = main[main.startIndex..<start].whitespaceTrimmed
        if !title.isEmpty { entry.mention.title = String(title) }
        let journal = main[start..<anchor].whitespaceTrimmed
        if !journal.isEmpty { entry.mention.journal = String(journal) }
        apply(SourceCitation(afterJournal: main[main.index(anchor, offsetBy: 2)...]), to: &entry.mention, problems: &entry.problems)
    }

    /// Finds the journal printed twice: the entry ends with `<Journal>. <year>.` and the same
    /// journal follows the title (`...disorder.Eur J Psychotraumatol. 2025 Dec;...`). Candidate
    /// journals grow leftwards from the last `". "`, so one with inner periods still matches;
    /// a candidate directly after the title's final punctuation wins over one after a space.
    private static func splitOnRepeatedJournal(_ main: Substring) -> (title: Substring?, journal: Substring, source: Substring)? {
        let text = main.whitespaceTrimmed.droppingTrailing(".")
        guard text.count > 7 else { return nil }
        let yearStart = text.index(text.endIndex, offsetBy: -4)
        guard yearStarting(at: yearStart, in: text) != nil else { return nil }
        let space = text.index(before: yearStart)
        guard text[space] == " ", text[text.index(before: space)] == "." else { return nil }
        let trailerDot = text.index(before: space)
        let beforeYear = text[text.startIndex..<trailerDot]
        let starts = beforeYear.occurrences(of: ". ").map(\.upperBound).reversed()
        for requireJunction in [true, false] {
            for start in starts {
                let journal = beforeYear[start...]
                let area = beforeYear[beforeYear.startIndex..<beforeYear.index(start, offsetBy: -2)]
                for occurrence in area.occurrences(of: journal + ". ") {
                    guard occurrence.upperBound < area.endIndex, area[occurrence.upperBound].isASCIIDigitCharacter else { continue }
                    if occurrence.lowerBound == area.startIndex {
                        return (nil, journal, area[occurrence.upperBound...])
                    }
                    let previous = area[area.index(before: occurrence.lowerBound)]
                    let accepted = requireJunction ? "?!.]".contains(previous) : previous == " "
                    if accepted {
                        let title = area[area.startIndex..<occurrence.lowerBound].whitespaceTrimmed
                        return (title.isEmpty ? nil : title, journal, area[occurrence.upperBound...])
                    }
                }
            }
        }
        return nil
    }

    /// Where the journal before a date anchor starts: after the title's final punctuation
    /// (no space) or after the previous sentence, whichever is nearer the date.
    private static func journalStart(in text: Substring, before anchor: String.Index) -> String.Index {
        var start = text.startIndex
        var cursor = text.startIndex
        while cursor < anchor {
            let character = text[cursor]
            let next = text.index(after: cursor)
            if next < anchor, character == "." || character == "?" || character == "!" {
                if text[next] == " " {
                    start = text.index(after: next)
                } else if !text[next].isLowercase, !text[next].isASCIIDigitCharacter {
                    start = next
                }
            }
            cursor = next
        }
        return start
    }

    private static func apply(_ source: SourceCitation, to mention: inout WorkMention, problems: inout [String]) {
        mention.published = source.published
        mention.volume = source.volume
        mention.issue = source.issue
        mention.pages = source.pages
        mention.electronicPublished = source.electronicPublished
        if let doi = source.doi { mention.ids.doi = doi }
        if let pmid = source.pmid, mention.ids.pmid == nil { mention.ids.pmid = pmid }
        if let pmcid = source.pmcid { mention.ids.pmcid = pmcid }
        mention.flags += source.flags
        problems += source.unread.map { "unrecognised part \"\($0)\"" }
    }

    // MARK: - Flags

    private static let knownFlags = ["Free PMC article", "Free article", WorkMention.retractedFlag, "No abstract available",
                                     "Free Books & Documents"]

    /// Publication types PubMed prints after the PMID, including those with inner periods.
    private static let knownTypes = [
        "Randomized Controlled Trial", "Clinical Trial", "Review", "Systematic Review", "Meta-Analysis", "Case Reports",
        "Comparative Study", "Observational Study", "Multicenter Study", "Editorial", "Comment", "Letter",
        "Practice Guideline", "Guideline", "Clinical Trial, Phase I", "Clinical Trial, Phase II",
        "Clinical Trial, Phase III", "Clinical Trial, Phase IV", "Controlled Clinical Trial", "Published Erratum",
        "Retraction of Publication", "Retracted Publication", "Research Support, Non-U.S. Gov't",
        "Research Support, N.I.H., Extramural", "Research Support, N.I.H., Intramural",
        "Research Support, U.S. Gov't, P.H.S.", "Research Support, U.S. Gov't, Non-P.H.S.", "English Abstract",
        "Preprint", "News", "Historical Article", "Validation Study", "Evaluation Study", "Expression of Concern",
    ]

    private static let knownPhrases: [(phrase: String, isFlag: Bool)] =
        (knownFlags.map { ($0, true) } + knownTypes.map { ($0, false) }).sorted { $0.0.count > $1.0.count }

    /// `Free PMC article. Retracted. Clinical Trial. No abstract available.` (a space after each
    /// period is optional: some copies print `27172445Free PMC article.No abstract available.`).
    private static func readFlags(_ tail: Substring, into entry: inout Entry) {
        var rest = tail.whitespaceTrimmed
        while !rest.isEmpty {
            var matched = false
            for (phrase, isFlag) in knownPhrases where rest.hasPrefix(phrase) {
                let after = rest.dropFirst(phrase.count)
                guard after.isEmpty || after.first == "." || after.first == " " else { continue }
                if isFlag {
                    entry.mention.flags.append(phrase)
                } else if !entry.mention.publicationTypes.contains(phrase) {
                    entry.mention.publicationTypes.append(phrase)
                }
                rest = after.drop { $0 == "." || $0 == " " }
                matched = true
                break
            }
            if matched { continue }
            let end = rest.firstIndex(of: ".") ?? rest.endIndex
            let phrase = rest[rest.startIndex..<end].whitespaceTrimmed
            if let first = phrase.first, first.isUppercase {
                entry.mention.publicationTypes.append(String(phrase))
            } else if !phrase.isEmpty {
                entry.problems.append("unrecognised text after the PMID \"\(phrase)\"")
            }
            rest = rest[end...].drop { $0 == "." || $0 == " " }
        }
    }
}
