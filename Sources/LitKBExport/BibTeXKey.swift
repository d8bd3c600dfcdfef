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
        words(text).first { !stopWords.contains($0) }
    }

    /// Lower-case ASCII words: letters folded (`é` → `e`, `ß` → `ss`), everything else a separator.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for character in text {
            let letters = character.isASCII ? (character.isLetter ? String(character) : "") : LatinLetters.ascii(for: character)
            if letters.isEmpty {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current += letters.lowercased()
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Articles, prepositions and conjunctions in the languages PubMed titles commonly use.
    static let stopWords: Set<String> = [
        "a", "an", "the", "of", "on", "in", "for", "and", "to", "with", "from", "by", "is", "are", "at", "as", "or",
        "de", "del", "la", "el", "los", "las", "y", "en", "un", "una",
        "der", "die", "das", "dem", "den", "des", "ein", "eine", "und", "im", "zur", "zum",
        "le", "les", "du", "et", "une", "au", "aux",
    ]
}
