/// Page ranges written out in full: MEDLINE abbreviates the last page of a range to the digits
/// that change (`168-72` is 168–172, `1595-603.e9` is 1595–1603.e9), which reference managers
/// and citation styles read as written, so an export states what the source means.
enum PageRanges {
    /// `pages` with each abbreviated range (`187-94`, `3-10, 13-4`, `Suppl 2:17-8`) written in
    /// full; anything that is not plainly an abbreviation (`E1-13`, `465-e917`, `10-6-19`,
    /// `129-5`) is kept as given.
    static func expanded(_ pages: String) -> String {
        guard pages.contains(where: isDash) else { return pages }
        return pages.split(separator: ",", omittingEmptySubsequences: false).map { expandedRange(Substring($0)) }.joined(separator: ",")
    }

    static func isDash(_ character: Character) -> Bool { "-–—‐‑".contains(character) }

    private static func expandedRange(_ range: Substring) -> String {
        let dashes = range.indices.filter { isDash(range[$0]) }
        guard dashes.count == 1, let dash = dashes.first else { return String(range) }
        let start = range[..<dash], end = range[range.index(after: dash)...]
        // The start's last run of digits, perhaps followed by letters (`160S`).
        let startLetters = start.reversed().prefix { $0.isASCII && $0.isLetter }.count
        let beforeLetters = start.dropLast(startLetters)
        let firstDigits = String(beforeLetters.reversed().prefix { $0.isASCII && $0.isNumber }.reversed())
        // The end: optional letters, digits, then anything (`.e9`, ` contd`).
        let endLetters = end.prefix { $0.isASCII && $0.isLetter }
        let lastDigits = String(end.dropFirst(endLetters.count).prefix { $0.isASCII && $0.isNumber })
        guard !firstDigits.isEmpty, !lastDigits.isEmpty, lastDigits.count < firstDigits.count,
              endLetters.isEmpty || start.dropLast(startLetters).dropLast(firstDigits.count).hasSuffix(endLetters) else {
            return String(range)
        }
        let full = String(firstDigits.prefix(firstDigits.count - lastDigits.count)) + lastDigits
        guard let first = Int(firstDigits), let last = Int(full), last > first else { return String(range) }
        let rest = end.dropFirst(endLetters.count + lastDigits.count)
        return String(start) + String(range[dash]) + endLetters + full + rest
    }
}
