import Foundation

/// How accented and special Latin letters read in LaTeX and in plain ASCII: one table shared by
/// BibTeX escaping (`é` → `{\'e}`) and citation keys (`é` → `e`).
enum LatinLetters {
    /// Letters that are not a base letter plus a combining mark, so Unicode cannot decompose them.
    static let special: [Character: (latex: String, ascii: String)] = [
        "ß": (#"\ss"#, "ss"),
        "æ": (#"\ae"#, "ae"), "Æ": (#"\AE"#, "AE"),
        "œ": (#"\oe"#, "oe"), "Œ": (#"\OE"#, "OE"),
        "ø": (#"\o"#, "o"), "Ø": (#"\O"#, "O"),
        "å": (#"\aa"#, "a"), "Å": (#"\AA"#, "A"),
        "ł": (#"\l"#, "l"), "Ł": (#"\L"#, "L"),
        "ı": (#"\i"#, "i"),
    ]

    /// Combining marks and the LaTeX accent command that draws each.
    static let accents: [Unicode.Scalar: String] = [
        "\u{0300}": "`", "\u{0301}": "'", "\u{0302}": "^", "\u{0303}": "~", "\u{0304}": "=",
        "\u{0306}": "u", "\u{0307}": ".", "\u{0308}": "\"", "\u{030A}": "r", "\u{030B}": "H",
        "\u{030C}": "v", "\u{0323}": "d", "\u{0327}": "c", "\u{0328}": "k",
    ]

    /// Accents drawn below the letter, which keep the dot of i and j.
    private static let below: Set<String> = ["c", "d", "k"]

    /// `{\'e}`, `{\c c}`, `{\'\i}`, `{\ss}` for a Latin letter LaTeX can draw from ASCII; nil otherwise.
    static func latex(for character: Character) -> String? {
        if let special = special[character] { return "{\(special.latex)}" }
        let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
        guard scalars.count == 2, scalars[0].isASCIILetter, let command = accents[scalars[1]] else { return nil }
        var base = String(scalars[0])
        if (base == "i" || base == "j"), !below.contains(command) { base = "\\" + base }
        let separator = command.first!.isLetter && !base.hasPrefix("\\") ? " " : ""
        return "{\\\(command)\(separator)\(base)}"
    }

    /// The ASCII letters a Latin letter folds to (`é` → `e`, `ß` → `ss`, `ﬁ` → `fi`); empty for
    /// anything else.
    static func ascii(for character: Character) -> String {
        if let special = special[character] { return special.ascii }
        let letters = String(character).decomposedStringWithCompatibilityMapping.unicodeScalars.filter(\.isASCIILetter)
        return String(String.UnicodeScalarView(letters))
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
