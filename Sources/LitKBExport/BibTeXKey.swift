import LitKBModel

/// Citation keys in the common `familyYEARword` form: `aginliebes2022prospective`.
enum BibTeXKey {
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
