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

    /// `auth.lower + shorttitle(3,3) + year`, as Better BibTeX's formatter makes it
    /// (`content/key-manager/formatter.ts`): the first author's last name (a group's whole
    /// name) in lower case; the title's first three words that are neither skip words nor a
    /// single letter, dashes and punctuation taken out (`follow-up` → `followup`), each with
    /// its first letter capitalised; the year; then folded to ASCII and cleaned of the
    /// characters BibTeX keys must not hold (`"#%'(),={}~` and spaces). Hyphens in a name stay,
    /// as they do in Better BibTeX (`agin-liebes…`). A work with none of these is `anon`.
    static func betterBibTeXBase(for record: WorkRecord) -> String {
        var key = ""
        if let first = record.authors.first, let name = first.family ?? first.collective ?? first.given {
            key += name.lowercased()
        }
        for word in titleWords(record.citationTitle ?? "", limit: 3) {
            key += word.prefix(1).uppercased() + word.dropFirst()
        }
        if let year = record.citationDate?.year { key += year < 10 ? "0\(year)" : String(year) }
        let cleaned = String(folded(key).filter { !unsafeKeyCharacters.contains($0) && !$0.isWhitespace })
        return cleaned.isEmpty ? "anon" : cleaned
    }

    /// Characters Better BibTeX removes from every key (its `citekeyUnsafeChars` default).
    static let unsafeKeyCharacters: Set<Character> = ["\\", "\"", "#", "%", "'", "(", ")", ",", "=", "{", "}", "~"]

    /// The title's words as `shorttitle` takes them: quotes dropped, `/` and `:` as spaces,
    /// dashes and punctuation removed from each word, single letters and skip words left out,
    /// accents folded.
    static func titleWords(_ title: String, limit: Int = .max) -> [String] {
        var words: [String] = []
        var raw = String.UnicodeScalarView(), bare = String.UnicodeScalarView()
        // Ends the word being read; false once `limit` words are found.
        func finish() -> Bool {
            defer { raw = String.UnicodeScalarView(); bare = String.UnicodeScalarView() }
            guard !bare.isEmpty, !functionWords.contains(String(raw).lowercased()) else { return true }
            let text = String(bare)
            if text.count == 1, !text.allSatisfy(\.isNumber) { return true }
            let word = folded(text)
            guard !word.isEmpty, !functionWords.contains(word.lowercased()) else { return true }
            words.append(word)
            return words.count < limit
        }
        for scalar in title.unicodeScalars where scalar != "\"" {
            if scalar == "/" || scalar == ":" || scalar.properties.isWhitespace {
                guard finish() else { return words }
                continue
            }
            raw.append(scalar)
            if !isRemovedPunctuation(scalar) { bare.append(scalar) }
        }
        _ = finish()
        return words
    }

    /// Dashes and punctuation (Unicode's Pd, Ps, Pe, Pi, Pf and Po), which `shorttitle` takes out
    /// of a word; connector punctuation (`_`) and symbols (`+`, `$`) stay.
    private static func isRemovedPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return "!\"#%&'()*,-./:;?@[\\]{}".unicodeScalars.contains(scalar) }
        switch scalar.properties.generalCategory {
        case .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    /// Accents folded to ASCII letters (`é` → `e`, `ß` → `ss`), case kept; characters with no
    /// Latin letters in them (CJK, Greek) dropped, as Better BibTeX's fallback transliteration
    /// leaves nothing it can keep.
    static func folded(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var output = ""
        for character in text {
            if character.isASCII {
                output.append(character)
            } else {
                let letters = LatinLetters.ascii(for: character)
                output += character.isUppercase ? letters.prefix(1).uppercased() + letters.dropFirst() : letters
            }
        }
        return output
    }

    /// Better BibTeX's default skip words (`skipWords` in its preferences), which `shorttitle`
    /// leaves out.
    static let functionWords: Set<String> = [
        "a", "ab", "aboard", "about", "above", "across", "after", "against", "al", "along", "amid", "among", "an",
        "and", "anti", "around", "as", "at", "before", "behind", "below", "beneath", "beside", "besides", "between",
        "beyond", "but", "by", "d", "da", "das", "de", "del", "dell", "dello", "dei", "degli", "della", "delle", "dem",
        "den", "der", "des", "despite", "die", "do", "down", "du", "during", "ein", "eine", "einem", "einen", "einer",
        "eines", "el", "en", "et", "except", "for", "from", "gli", "i", "il", "in", "inside", "into", "is", "l", "la",
        "las", "le", "les", "like", "lo", "los", "near", "nor", "of", "off", "on", "onto", "or", "over", "past", "per",
        "plus", "round", "save", "since", "so", "some", "sur", "than", "the", "through", "to", "toward", "towards",
        "un", "una", "unas", "under", "underneath", "une", "unlike", "uno", "unos", "until", "up", "upon", "versus",
        "via", "von", "while", "with", "within", "without", "yet", "zu", "zum",
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
