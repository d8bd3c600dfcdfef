// Small string helpers the parsers share. Kept internal: they are conveniences, not API.

extension StringProtocol {
    /// The text without leading and trailing whitespace (spaces, tabs, newlines, NBSP).
    var whitespaceTrimmed: SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }

    /// The text without the given trailing characters (`"."` for a sentence's final period).
    func droppingTrailing(_ characters: String) -> SubSequence {
        var end = endIndex
        while end > startIndex, characters.contains(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }

    /// True when the text starts with `prefix`, ignoring case.
    func hasCaseInsensitivePrefix(_ prefix: some StringProtocol) -> Bool {
        guard count >= prefix.count else { return false }
        return self.prefix(prefix.count).lowercased() == prefix.lowercased()
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
    /// Punctuation that ends a sentence or a bracketed aside, after which a new label or
    /// sentence may start without a space (`outcomes.Objective:`).
    var endsSentence: Bool { self == "." || self == "?" || self == "!" || self == ")" || self == "]" }
}

/// A four-digit year (1000–2999) at `index`, not followed by another digit.
func yearStarting(at index: String.Index, in text: Substring) -> Int? {
    var cursor = index
    var digits = ""
    while cursor < text.endIndex, digits.count < 5, text[cursor].isASCIIDigitCharacter {
        digits.append(text[cursor])
        cursor = text.index(after: cursor)
    }
    guard digits.count == 4, let year = Int(digits), (1000...2999).contains(year) else { return nil }
    return year
}

extension Substring {
    /// Every non-overlapping occurrence of `pattern`, found on UTF-8 bytes. `ranges(of:)` from
    /// the string-processing library costs ~10 µs a call here; this is a plain byte scan.
    func occurrences(of pattern: some StringProtocol) -> [Range<String.Index>] {
        let needle = Array(pattern.utf8)
        guard let first = needle.first else { return [] }
        let haystack = utf8
        var result: [Range<String.Index>] = []
        var index = haystack.startIndex
        while index < haystack.endIndex {
            guard haystack[index] == first else {
                index = haystack.index(after: index)
                continue
            }
            var cursor = haystack.index(after: index)
            var matched = 1
            while matched < needle.count, cursor < haystack.endIndex, haystack[cursor] == needle[matched] {
                cursor = haystack.index(after: cursor)
                matched += 1
            }
            if matched == needle.count {
                result.append(index..<cursor)
                index = cursor
            } else {
                index = haystack.index(after: index)
            }
        }
        return result
    }
}

extension String {
    /// The string, nil when empty: absent values are nil, never "".
    var nonEmpty: String? { isEmpty ? nil : self }
}
