import LitKBModel

/// Citation keys: Better BibTeX's default (`auth.lower + shorttitle(3,3) + year`:
/// `aginliebesProspectiveExaminationTherapeutic2022`), which Zotero users' documents already
/// cite, or the short `familyYEARword` form (`aginliebes2022prospective`).
public enum BibTeXKey: String, Sendable, CaseIterable {
    case betterBibTeX = "bbt"
    case short

    /// The key before any suffix that tells clashing keys apart.
    func base(for record: WorkRecord) -> String {
        switch self {
        case .short: Self.base(for: record)
        case .betterBibTeX: Self.betterBibTeXBase(for: record)
        }
    }

    /// `auth.lower + shorttitle(3,3) + year`: the first author's family name in lower case, the
    /// title's first three words that are not function words, each capitalised, and the year;
    /// all folded to ASCII letters and digits. A work with none of them is `anon`.
    static func betterBibTeXBase(for record: WorkRecord) -> String {
        var key = authorPart(record.authors.first) ?? ""
        if let title = record.citationTitle {
            var taken = 0
            forEachCasedWord(title) { word in
                guard !functionWords.contains(word.lowercased()) else { return true }
                key += word.prefix(1).uppercased() + word.dropFirst()
                taken += 1
                return taken < 3
            }
        }
        if let year = record.citationDate?.year { key += String(year) }
        // A key needs a letter first (`2022` alone, from a name with no Latin letters, is not one).
        return key.first?.isLetter == true ? key : "anon" + key
    }

    /// Words of letters and digits, accents folded (`é` → `e`), case kept.
    private static func forEachCasedWord(_ text: String, _ body: (String) -> Bool) {
        var current = ""
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber {
                current.append(character)
            } else if !character.isASCII, character.isLetter, case let letters = LatinLetters.ascii(for: character), !letters.isEmpty {
                current += character.isUppercase ? letters.prefix(1).uppercased() + letters.dropFirst() : letters
            } else if !current.isEmpty {
                guard body(current) else { return }
                current = ""
            }
        }
        if !current.isEmpty { _ = body(current) }
    }

    /// Better BibTeX's function words, which `shorttitle` skips (English, German, French,
    /// Spanish, Italian, Dutch articles and prepositions).
    static let functionWords: Set<String> = [
        "a", "ab", "aboard", "about", "above", "across", "after", "against", "al", "along", "amid", "among", "an", "and",
        "anti", "around", "as", "at", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond",
        "but", "by", "d", "da", "das", "de", "del", "dell", "dello", "dei", "degli", "della", "dem", "den", "der", "des",
        "despite", "die", "do", "down", "du", "during", "ein", "eine", "einem", "einen", "einer", "eines", "el", "en",
        "et", "except", "for", "from", "gli", "i", "il", "in", "inside", "into", "is", "l", "la", "las", "le", "les",
        "like", "lo", "los", "near", "nor", "of", "off", "on", "onto", "or", "over", "past", "per", "plus", "round",
        "save", "since", "so", "some", "sur", "than", "the", "through", "to", "toward", "towards", "un", "una", "und",
        "under", "underneath", "une", "unlike", "until", "up", "upon", "van", "versus", "via", "von", "while", "with",
        "within", "without", "yet", "zu", "zum",
    ]

    /// The first author's family name (a collective author's first significant word, else
    /// `anon`), the year when known, and the first significant word of the title, all folded to
    /// lower-case ASCII letters.
    static func base(for record: WorkRecord) -> String {
        var key = authorPart(record.authors.first) ?? "anon"
        if let year = record.citationDate?.year { key += String(year) }
        if let title = record.citationTitle, let word = firstSignificantWord(title) { key += word }
        return key
    }

    /// The letters that make a key unique among `count` earlier uses of the same base:
    /// "" for the first, then `a` ... `z`, `aa`, `ab`, ...
    static func suffix(afterUses count: Int) -> String {
        var remaining = count
        var letters = ""
        while remaining > 0 {
            remaining -= 1
            letters = String(UnicodeScalar(UInt8(ascii: "a") + UInt8(remaining % 26))) + letters
            remaining /= 26
        }
        return letters
    }

    private static func authorPart(_ author: Author?) -> String? {
        guard let author else { return nil }
        if let family = author.family {
            let folded = words(family).joined()
            if !folded.isEmpty { return folded }
        }
        if let collective = author.collective { return firstSignificantWord(collective) }
        return nil
    }

    static func firstSignificantWord(_ text: String) -> String? {
        var found: String?
        forEachWord(text) { word in
            if stopWords.contains(word) { return true }
            found = word
            return false
        }
        return found
    }

    /// Lower-case ASCII words: letters folded (`é` → `e`, `ß` → `ss`), everything else a separator.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(text) { words.append($0); return true }
        return words
    }

    /// Calls `body` with each word `words` would give, in order, until it returns false: a key
    /// needs a title's first significant word, not all of them.
    private static func forEachWord(_ text: String, _ body: (String) -> Bool) {
        var current: [UInt8] = []
        func flush() -> Bool {
            defer { current.removeAll(keepingCapacity: true) }
            return current.isEmpty || body(String(decoding: current, as: UTF8.self))
        }
        for character in text {
            if let ascii = character.asciiValue {
                switch ascii {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(ascii + 32)
                case UInt8(ascii: "a")...UInt8(ascii: "z"): current.append(ascii)
                default: if !flush() { return }
                }
            } else {
                let letters = LatinLetters.ascii(for: character)
                if letters.isEmpty {
                    if !flush() { return }
                } else {
                    current.append(contentsOf: letters.lowercased().utf8)
                }
            }
        }
        _ = flush()
    }

    /// Articles, prepositions and conjunctions in the languages PubMed titles commonly use.
    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "on", "in", "for", "and", "to", "with", "from", "by", "is", "are", "at", "as", "or",
        "de", "del", "la", "el", "los", "las", "y", "en", "un", "una",
        "der", "die", "das", "dem", "den", "des", "ein", "eine", "und", "im", "zur", "zum",
        "le", "les", "du", "et", "une", "au", "aux",
    ]
}
