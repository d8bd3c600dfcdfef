import LitKBModel

/// Reads a free-text reference as publishers print it, APA first
/// (`Family, G. I., & Family, G. (2022). Title. Journal, 36(3), 295–308. 10.1177/...`), Vancouver
/// as a fallback (`Family GI, Family G. Title. Journal. 2007;71(7):608-14.`), and extracts what
/// is there. The raw text is always kept as `citation`: a reference without identifiers is
/// still a work, matched later by DOI or by title and year.
///
/// ```swift
/// let mention = ReferenceCitationParser.parse("American Psychiatric Association . (2013). Diagnostic and statistical manual of mental disorders (5th ed.). American Psychiatric Association.")
/// mention.authors.first?.collective  // "American Psychiatric Association"
/// mention.published?.year            // 2013
/// ```
public enum ReferenceCitationParser {
    /// Parses one reference; never fails, fields it cannot find stay nil.
    public static func parse(_ citation: some StringProtocol) -> WorkMention {
        let text = Substring(citation).whitespaceTrimmed
        var mention = WorkMention(citation: String(text))
        let body = extractIdentifiers(from: text, into: &mention)
        if let year = apaYear(in: body) {
            readAPA(body, year: year, into: &mention)
        } else {
            readVancouver(body, into: &mention)
        }
        return mention
    }

    /// What a citation's text says of the work it names, for a stub that has no description of
    /// its own (a PubMed XML reference gives ids and text only): the title, where the text
    /// plainly has one, the journal, date, volume, issue and pages. Identifiers in the text are
    /// not taken: the ids a list gave as ids decide which work it is.
    ///
    /// ```swift
    /// ReferenceCitationParser.describe("J Biol Chem. 1951 Nov;193(1):265-75")
    /// // journal "J Biol Chem", published 1951 Nov, volume "193", issue "1", pages "265-75", no title
    /// ```
    public static func describe(_ citation: some StringProtocol) -> WorkMention {
        let read = parse(citation)
        var description = WorkMention(citation: read.citation)
        if let title = read.title, isPlainTitle(title) { description.title = title }
        description.journal = read.journal
        description.published = read.published
        description.volume = read.volume
        description.issue = read.issue
        description.pages = read.pages
        return description
    }

    /// A title the reader can trust: not an author list run into it (`Carra G, ..., et al.
    /// Association of ...`), not ending in the journal and year it failed to split off.
    private static func isPlainTitle(_ title: String) -> Bool {
        guard title.count >= 8, title.range(of: "et al") == nil, title.range(of: "http") == nil else { return false }
        let tail = title.suffix(5)
        return !(tail.first == " " && tail.dropFirst().allSatisfy(\.isNumber))
    }

    /// APA author lists: `Agin-Liebes, G., Zeifman, R. J., ... & Weiss, B.`; a group author
    /// (`American Psychiatric Association .`) becomes one collective author.
    public static func apaAuthors(_ text: some StringProtocol) -> [Author] {
        let list = Substring(text).whitespaceTrimmed
        guard !list.isEmpty else { return [] }
        let parts = list.split(separator: ", ", omittingEmptySubsequences: true).map { part -> Substring in
            var piece = part.whitespaceTrimmed
            if piece.hasPrefix("& ") { piece = piece.dropFirst(2).whitespaceTrimmed }
            if piece.hasPrefix("and ") { piece = piece.dropFirst(4).whitespaceTrimmed }
            return piece
        }.filter { !$0.isEmpty && $0 != "..." && $0 != "…" && $0 != "&" }
        var authors: [Author] = []
        var index = 0
        while index < parts.count {
            let part = parts[index]
            if let last = authors.indices.last, ["Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"].contains(String(part)) {
                authors[last].suffix = String(part)
                index += 1
                continue
            }
            // "... Weiss, B." may come as one piece when the "&" sits before it: "& Weiss".
            if index + 1 < parts.count, let initials = initials(of: parts[index + 1]) {
                authors.append(Author(family: String(part), initials: initials))
                index += 2
                continue
            }
            let name = part.droppingTrailing(". ").whitespaceTrimmed
            if !name.isEmpty { authors.append(Author(collective: String(name))) }
            index += 1
        }
        return authors
    }

    /// Vancouver author lists: `Delmonico FL, Dew MA, et al`; anything else is a collective.
    public static func vancouverAuthors(_ text: some StringProtocol) -> [Author] {
        var authors: [Author] = []
        for part in Substring(text).split(separator: ",") {
            let name = part.whitespaceTrimmed.droppingTrailing(".").whitespaceTrimmed
            guard !name.isEmpty, name != "et al" else { continue }
            let words = name.split(separator: " ")
            if words.count >= 2, let last = words.last, last.count <= 4, last.allSatisfy({ $0.isUppercase }) {
                authors.append(Author(family: words.dropLast().joined(separator: " "), initials: String(last)))
            } else {
                authors.append(Author(collective: String(name)))
            }
        }
        return authors
    }

    // MARK: - Identifiers

    /// Takes DOI, URL, PMID and PMCID tokens out of the text; returns the text before the first.
    private static func extractIdentifiers(from text: Substring, into mention: inout WorkMention) -> Substring {
        var bodyEnd = text.endIndex
        var tokens: [(range: Range<String.Index>, text: Substring)] = []
        var cursor = text.startIndex
        while cursor < text.endIndex {
            while cursor < text.endIndex, text[cursor] == " " { cursor = text.index(after: cursor) }
            let start = cursor
            while cursor < text.endIndex, text[cursor] != " " { cursor = text.index(after: cursor) }
            if start < cursor { tokens.append((start..<cursor, text[start..<cursor])) }
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index].text
            let tokenStart = tokens[index].range.lowerBound
            let lowered = token.lowercased()
            var consumed = false
            if (lowered == "doi:" || lowered == "doi"), index + 1 < tokens.count, let doi = DOI(tokens[index + 1].text) {
                if mention.ids.doi == nil { mention.ids.doi = doi }
                consumed = true
                index += 1
            } else if lowered.hasPrefix("doi:") || lowered.hasPrefix("https://doi.org/") || lowered.hasPrefix("http://doi.org/")
                        || lowered.hasPrefix("https://dx.doi.org/") || lowered.hasPrefix("http://dx.doi.org/") || lowered.hasPrefix("10.") {
                if let doi = DOI(token) {
                    if mention.ids.doi == nil { mention.ids.doi = doi }
                    consumed = true
                }
            } else if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
                if mention.url == nil { mention.url = String(token.droppingTrailing(".,;")) }
                consumed = true
            } else if lowered == "pmid:", index + 1 < tokens.count, let pmid = PMID(tokens[index + 1].text.droppingTrailing(".,;")) {
                mention.ids.pmid = pmid
                consumed = true
                index += 1
            } else if lowered == "pmcid:", index + 1 < tokens.count, let pmcid = PMCID(tokens[index + 1].text.droppingTrailing(".,;")) {
                mention.ids.pmcid = pmcid
                consumed = true
                index += 1
            }
            if consumed, bodyEnd == text.endIndex { bodyEnd = tokenStart }
            index += 1
        }
        var body = text[text.startIndex..<bodyEnd].whitespaceTrimmed
        for lead in ["Retrieved from", "Available from:", "Available from", "Available at:", "Available at", "URL:"] where body.hasSuffix(lead) {
            body = body.dropLast(lead.count).whitespaceTrimmed
        }
        return body
    }

    // MARK: - APA

    private struct APAYear {
        let open: String.Index
        let close: String.Index
        let date: PartialDate?
    }

    /// The first `(2022)`, `(2022a)`, `(2017, March 5)` or `(n.d.)`.
    private static func apaYear(in text: Substring) -> APAYear? {
        var cursor = text.startIndex
        while let open = text[cursor...].firstIndex(of: "(") {
            guard let close = text[open...].firstIndex(of: ")") else { return nil }
            let inside = text[text.index(after: open)..<close].whitespaceTrimmed
            if inside == "n.d." || inside == "in press" {
                return APAYear(open: open, close: close, date: nil)
            }
            if let first = inside.first, first.isASCIIDigitCharacter, yearStarting(at: inside.startIndex, in: inside) != nil {
                let afterYear = inside.dropFirst(4)
                let rest = afterYear.first.map { $0.isLetter && $0.isLowercase } == true ? afterYear.dropFirst() : afterYear
                if rest.isEmpty || rest.hasPrefix(",") {
                    let dateText = inside.prefix(4) + rest.replacingCommas
                    return APAYear(open: open, close: close, date: PartialDate(parsing: dateText))
                }
            }
            cursor = text.index(after: open)
        }
        return nil
    }

    private static func readAPA(_ body: Substring, year: APAYear, into mention: inout WorkMention) {
        mention.authors = apaAuthors(body[body.startIndex..<year.open])
        mention.published = year.date
        var after = body[body.index(after: year.close)...]
        while let first = after.first, first == "." || first == " " { after = after.dropFirst() }
        guard !after.isEmpty else { return }
        let end = titleEnd(in: after)
        var title = after[after.startIndex..<end.titleEnd].whitespaceTrimmed
        if title.last == "." { title = title.dropLast().whitespaceTrimmed }
        if !title.isEmpty { mention.title = String(title) }
        let source = after[end.restStart...].whitespaceTrimmed.droppingTrailing(".").whitespaceTrimmed
        readAPASource(source, into: &mention)
    }

    /// Where an APA title ends: the first `.`, `?` or `!` followed by a space, outside brackets
    /// (`Manual of mental disorders (5th ed.). Publisher.`). `?` and `!` stay in the title.
    private static func titleEnd(in text: Substring) -> (titleEnd: String.Index, restStart: String.Index) {
        var depth = 0
        var cursor = text.startIndex
        while cursor < text.endIndex {
            let character = text[cursor]
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" { depth = max(0, depth - 1) }
            if depth == 0, character == "." || character == "?" || character == "!" {
                let next = text.index(after: cursor)
                if next == text.endIndex || text[next] == " " {
                    return (character == "." ? cursor : next, next)
                }
            }
            cursor = text.index(after: cursor)
        }
        return (text.endIndex, text.endIndex)
    }

    /// `Journal of Psychopharmacology, 36(3), 295–308`: a container only when a volume or
    /// pages follow it; a book's publisher is not a journal.
    private static func readAPASource(_ source: Substring, into mention: inout WorkMention) {
        var parts = source.split(separator: ", ").map { $0.whitespaceTrimmed }
        guard parts.count >= 2 else { return }
        var pages: Substring?
        if let last = parts.last, looksLikePages(last) {
            pages = last
            parts.removeLast()
        }
        guard parts.count >= 2, let volumePart = parts.last, let locator = volumeAndIssue(volumePart) else {
            // "Journal, 295–308" without a volume: still a container with pages.
            if let pages, !parts.isEmpty, !(parts.last.map(looksLikePages) ?? false) {
                mention.journal = parts.joined(separator: ", ")
                mention.pages = String(pages)
            }
            return
        }
        parts.removeLast()
        mention.journal = parts.joined(separator: ", ")
        mention.volume = locator.volume
        mention.issue = locator.issue
        mention.pages = pages.map(String.init)
    }

    private static func looksLikePages(_ text: Substring) -> Bool {
        var body = text
        if body.hasPrefix("pp. ") { body = body.dropFirst(4) } else if body.hasPrefix("p. ") { body = body.dropFirst(3) }
        guard !body.isEmpty, body.contains(where: { $0.isASCIIDigitCharacter }) else { return false }
        return body.allSatisfy { $0.isASCIIDigitCharacter || $0 == "–" || $0 == "-" || $0 == "—" || ($0.isLetter && $0.isASCII) }
            && body.first.map { $0.isASCIIDigitCharacter || $0 == "e" || $0 == "E" || $0 == "S" } == true
    }

    /// `36(3)`, `36`, `12(Suppl 2)`.
    private static func volumeAndIssue(_ text: Substring) -> (volume: String, issue: String?)? {
        guard let first = text.first, first.isASCIIDigitCharacter else { return nil }
        if let open = text.firstIndex(of: "("), text.last == ")" {
            let volume = text[text.startIndex..<open]
            guard volume.allSatisfy({ $0.isASCIIDigitCharacter || $0.isLetter || $0 == "-" }) else { return nil }
            let issue = text[text.index(after: open)..<text.index(before: text.endIndex)].whitespaceTrimmed
            return (String(volume), issue.isEmpty ? nil : String(issue))
        }
        guard text.allSatisfy({ $0.isASCIIDigitCharacter || $0 == "-" || $0 == "–" }) else { return nil }
        return (String(text), nil)
    }

    // MARK: - Vancouver

    private static func readVancouver(_ body: Substring, into mention: inout WorkMention) {
        let journalEnd: Substring.Index
        let dateStart: Substring.Index
        if let anchor = SourceCitation.dateAnchor(in: body) {
            (journalEnd, dateStart) = (anchor, body.index(anchor, offsetBy: 2))
        } else if let space = yearWithoutPeriod(in: body) {
            // ICMJE style without a period after the journal: `Lancet Psychiatry 2016;3:619-627.`
            (journalEnd, dateStart) = (space, body.index(after: space))
        } else {
            let title = body.whitespaceTrimmed.droppingTrailing(".").whitespaceTrimmed
            if !title.isEmpty, mention.url != nil || mention.ids.doi != nil { mention.title = String(title) }
            return
        }
        var journalStart = body.startIndex
        if let boundary = body[body.startIndex..<journalEnd].occurrences(of: ". ").last { journalStart = boundary.upperBound }
        let journal = body[journalStart..<journalEnd].whitespaceTrimmed
        if !journal.isEmpty { mention.journal = String(journal) }
        let source = SourceCitation(afterJournal: body[dateStart...])
        mention.published = source.published
        mention.volume = source.volume
        mention.issue = source.issue
        mention.pages = source.pages
        if mention.ids.doi == nil { mention.ids.doi = source.doi }
        if mention.ids.pmid == nil { mention.ids.pmid = source.pmid }
        let prefix = body[body.startIndex..<journalStart].whitespaceTrimmed
        guard !prefix.isEmpty else { return }
        let sentences = SourceCitation.sentences(prefix)
        if sentences.count >= 2, looksLikeVancouverAuthors(sentences[0]) {
            mention.authors = vancouverAuthors(sentences[0])
            mention.title = sentences.dropFirst().joined(separator: ". ")
        } else {
            mention.title = String(prefix.droppingTrailing(".").whitespaceTrimmed)
        }
    }

    /// The space before the last `YYYY;` or `YYYY:` that follows a word, as in `Lancet 2016;3:619`.
    private static func yearWithoutPeriod(in body: Substring) -> Substring.Index? {
        var found: Substring.Index?
        var index = body.startIndex
        while index < body.endIndex {
            if body[index] == " ", index > body.startIndex, body[body.index(before: index)].isLetter,
               let end = body.index(index, offsetBy: 5, limitedBy: body.endIndex), end < body.endIndex,
               body[body.index(after: index)..<end].allSatisfy(\.isASCIIDigitCharacter), ";:".contains(body[end]) {
                found = index
            }
            index = body.index(after: index)
        }
        return found
    }

    private static func looksLikeVancouverAuthors(_ text: Substring) -> Bool {
        let names = text.split(separator: ",").map { $0.whitespaceTrimmed }
        return names.allSatisfy { name in
            if name == "et al" || name == "et al." { return true }
            let words = name.split(separator: " ")
            guard words.count >= 2, let last = words.last else { return false }
            return last.count <= 4 && last.allSatisfy { $0.isUppercase }
        }
    }

    /// `R. J.` → `RJ`, `J.-P.` → `JP`, `G.` → `G`; nil when the text is not initials.
    private static func initials(of text: Substring) -> String? {
        let compact = text.filter { $0 != " " && $0 != "-" && $0 != "‐" }
        guard !compact.isEmpty, compact.hasSuffix(".") else { return nil }
        var letters = ""
        var expectingLetter = true
        var lowercaseRun = 0
        for character in compact {
            if expectingLetter {
                guard character.isUppercase else { return nil }
                letters.append(character)
                expectingLetter = false
                lowercaseRun = 0
            } else if character == "." {
                expectingLetter = true
            } else if character.isLowercase, lowercaseRun < 1 {
                lowercaseRun += 1  // "Th." for Thomas, as some styles print it.
            } else {
                return nil
            }
        }
        return letters.isEmpty ? nil : letters
    }
}

private extension Substring {
    /// `, March 5` → ` March 5`, for PartialDate.
    var replacingCommas: String {
        split(separator: ",").map { $0.whitespaceTrimmed }.filter { !$0.isEmpty }.map { " " + $0 }.joined()
    }
}
