import LitKBModel

/// The source part of a citation in NLM style, as PubMed prints it after a title:
/// `<date>;<volume>(<issue>):<pages>. doi: <doi>. Epub <date>.` The journal abbreviation
/// before the date is found by the caller, since only the surrounding text says where it starts.
///
/// ```swift
/// SourceCitation(afterJournal: "2020 Aug;237(8):2485-2497. doi: 10.1007/s00213-020-05548-2. Epub 2020 Jun 4.")
/// // published 2020 Aug, volume "237", issue "8", pages "2485-2497", doi, electronicPublished 2020 Jun 4
/// ```
struct SourceCitation: Hashable, Sendable {
    var published: PartialDate?
    var volume: String?
    var issue: String?
    var pages: String?
    var doi: DOI?
    var pmid: PMID?
    var pmcid: PMCID?
    var electronicPublished: PartialDate?
    /// `eCollection 2025`, `Online ahead of print`: printed facts with no field of their own.
    var flags: [String] = []
    /// Sentences this parser did not understand, kept for a warning.
    var unread: [String] = []

    init(afterJournal text: some StringProtocol) {
        var rest = Substring(text).whitespaceTrimmed
        // The date runs to the first ";" (volume follows), ":" (pages follow) or sentence end.
        var dateEnd = rest.endIndex
        var delimiter: Character?
        var cursor = rest.startIndex
        while cursor < rest.endIndex {
            let character = rest[cursor]
            if character == ";" || character == ":" {
                dateEnd = cursor
                delimiter = character
                break
            }
            if character == "." {
                let next = rest.index(after: cursor)
                if next == rest.endIndex || rest[next] == " " {
                    dateEnd = cursor
                    delimiter = "."
                    break
                }
            }
            cursor = rest.index(after: cursor)
        }
        published = PartialDate(parsing: rest[rest.startIndex..<dateEnd])
        rest = dateEnd < rest.endIndex ? rest[rest.index(after: dateEnd)...] : rest[rest.endIndex...]
        if delimiter == ";" || delimiter == ":" {
            let end = SourceCitation.sentenceEnd(in: rest)
            let locator = rest[rest.startIndex..<end].whitespaceTrimmed
            if delimiter == ":" {
                pages = locator.isEmpty ? nil : String(locator)
            } else {
                readLocator(locator)
            }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
        }
        for sentence in SourceCitation.sentences(rest) { readSentence(sentence) }
    }

    /// `237(8):2485-2497`, `16:1433999`, `5(6)`, `16(Suppl 1):S1-S10`.
    private mutating func readLocator(_ locator: Substring) {
        var head = locator
        if let colon = locator.firstIndex(of: ":") {
            let pagesText = locator[locator.index(after: colon)...].whitespaceTrimmed
            if !pagesText.isEmpty { pages = String(pagesText) }
            head = locator[locator.startIndex..<colon]
        }
        if let open = head.firstIndex(of: "("), let close = head.lastIndex(of: ")"), open < close {
            let volumeText = head[head.startIndex..<open].whitespaceTrimmed
            let issueText = head[head.index(after: open)..<close].whitespaceTrimmed
            volume = volumeText.isEmpty ? nil : String(volumeText)
            issue = issueText.isEmpty ? nil : String(issueText)
        } else {
            let volumeText = head.whitespaceTrimmed
            volume = volumeText.isEmpty ? nil : String(volumeText)
        }
    }

    private mutating func readSentence(_ sentence: Substring) {
        let text = sentence.whitespaceTrimmed
        guard !text.isEmpty else { return }
        if text.hasCaseInsensitivePrefix("doi:") {
            if let doi = DOI(text.dropFirst(4)) { self.doi = doi } else { unread.append(String(text)) }
        } else if text.hasPrefix("Epub ") {
            if let date = PartialDate(parsing: text.dropFirst(5)) {
                electronicPublished = date
            } else if text.dropFirst(5).whitespaceTrimmed.hasCaseInsensitivePrefix("ahead of print") {
                flags.append(String(text))
            } else {
                unread.append(String(text))
            }
        } else if text.hasPrefix("eCollection") {
            flags.append(String(text))
        } else if text.hasPrefix("PMID:"), let pmid = PMID(text.dropFirst(5)) {
            self.pmid = pmid
        } else if text.hasPrefix("PMCID:"), let pmcid = PMCID(text.dropFirst(6)) {
            self.pmcid = pmcid
        } else if text == "Online ahead of print" || text == "Print-Electronic" || text == "Electronic-Print" {
            flags.append(String(text))
        } else {
            unread.append(String(text))
        }
    }

    /// Index of the `.` ending the sentence that starts `text` (followed by a space or the end),
    /// or the end when there is none.
    static func sentenceEnd(in text: Substring) -> String.Index {
        var cursor = text.startIndex
        while cursor < text.endIndex {
            if text[cursor] == "." {
                let next = text.index(after: cursor)
                if next == text.endIndex || text[next] == " " { return cursor }
            }
            cursor = text.index(after: cursor)
        }
        return text.endIndex
    }

    /// Splits on `". "` and a final `"."`; a DOI's inner dots never have a space after them.
    static func sentences(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        var rest = text.whitespaceTrimmed
        while !rest.isEmpty {
            let end = sentenceEnd(in: rest)
            let sentence = rest[rest.startIndex..<end].whitespaceTrimmed
            if !sentence.isEmpty { result.append(sentence) }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...].whitespaceTrimmed : rest[rest.endIndex...]
        }
        return result
    }

    /// The first `". "` directly followed by a year and then a space, `;`, `:`, `.` or the end:
    /// where a journal abbreviation stops and its date starts (`Lancet. 2018 Jun;...`).
    /// Returns the index of the `.`.
    static func dateAnchor(in text: Substring, from start: String.Index? = nil) -> String.Index? {
        var cursor = start ?? text.startIndex
        while cursor < text.endIndex {
            if text[cursor] == "." {
                let space = text.index(after: cursor)
                if space < text.endIndex, text[space] == " " {
                    let yearStart = text.index(after: space)
                    if yearStart < text.endIndex, yearStarting(at: yearStart, in: text) != nil {
                        let after = text.index(yearStart, offsetBy: 4)
                        if after == text.endIndex || " ;:.".contains(text[after]) { return cursor }
                    }
                }
            }
            cursor = text.index(after: cursor)
        }
        return nil
    }
}
