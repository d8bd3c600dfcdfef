import Foundation

/// Plain text turned into the text of a braced BibTeX field that classic 8-bit `bibtex` and
/// `pdflatex` both accept.
///
/// ```swift
/// LaTeX.escape("5% & {x} – Müller")   // 5\% \& {\textbraceleft}x{\textbraceright} -- M{\"u}ller
/// ```
///
/// Every brace in the output is one the escaper wrote, in a balanced pair: BibTeX counts braces
/// even after a backslash, so a literal `{` can never be written `\{`.
enum LaTeX {
    /// Escapes text, with runs of whitespace (line breaks included) collapsed to one space.
    static func escape(_ text: String) -> String {
        var collapsed = collapsingWhitespace(text)
        // ASCII alone (most abstracts), read as bytes: a `<` or `%` in it no longer sends the
        // whole text through Swift's Characters (a third of the escaping's cost).
        let ascii: String?? = collapsed.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard bytes.contains(where: { isSpecial[Int($0)] }) else { return .some(nil) }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                if isSpecial[Int(byte)] { output.append(contentsOf: asciiSpecials[Character(Unicode.Scalar(byte))]!.utf8) } else { output.append(byte) }
            }
            return .some(String(decoding: output, as: UTF8.self))
        }
        if let ascii { return ascii ?? collapsed }
        var output = ""
        output.reserveCapacity(collapsed.utf8.count)
        for character in collapsed { append(character, to: &output) }
        return output
    }

    /// Appends one escaped character; plain ASCII, nearly all of any abstract, skips the tables.
    private static func append(_ character: Character, to output: inout String) {
        if let ascii = character.asciiValue, !isSpecial[Int(ascii)] {
            output.append(character)
        } else {
            output += escape(character)
        }
    }

    private static let isSpecial: [Bool] = (0..<128).map { asciiSpecials[Character(Unicode.Scalar(UInt8($0)))] != nil }

    /// Escapes a title, bracing words whose capitals a bibliography style must not lower:
    /// acronyms and inner capitals anywhere (`{MDMA}`, `{mRNA}`), and capitalised words that do
    /// not open a sentence (`{Alzheimer}`), since PubMed titles are in sentence case.
    static func escapeTitle(_ text: String) -> String {
        let collapsed = collapsingWhitespace(text)
        if let ascii = escapeASCIITitle(collapsed) { return ascii }
        var output = ""
        var word = ""
        var sentenceStart = true
        func flushWord() {
            guard !word.isEmpty else { return }
            var escaped = ""
            for character in word { append(character, to: &escaped) }
            output += needsProtection(word, sentenceStart: sentenceStart) ? "{\(escaped)}" : escaped
            word = ""
            sentenceStart = false
        }
        for character in collapsed {
            if character.isLetter || character.isNumber {
                word.append(character)
                continue
            }
            flushWord()
            append(character, to: &output)
            if ":.?!".contains(character) { sentenceStart = true }
        }
        flushWord()
        return output
    }

    /// `escapeTitle` for a title of ASCII alone (most of PubMed's), read as bytes: the same
    /// output, without a Unicode property lookup per character (8 % of a BibTeX export). Nil
    /// when the title holds anything else.
    private static func escapeASCIITitle(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            func isWordByte(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
            func isUpper(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) }
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + 16)
            var sentenceStart = true
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if isWordByte(byte) {
                    var end = index + 1
                    while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
                    let word = UnsafeBufferPointer(rebasing: bytes[index..<end])
                    let protect = word.dropFirst().contains(where: isUpper) || (isUpper(word[0]) && !sentenceStart)
                    if protect { output.append(0x7B) }
                    output.append(contentsOf: word)
                    if protect { output.append(0x7D) }
                    sentenceStart = false
                    index = end
                    continue
                }
                if isSpecial[Int(byte)] {
                    output.append(contentsOf: asciiSpecials[Character(Unicode.Scalar(byte))]!.utf8)
                } else {
                    output.append(byte)
                }
                // `:`, `.`, `?`, `!` open a sentence.
                if byte == 0x3A || byte == 0x2E || byte == 0x3F || byte == 0x21 { sentenceStart = true }
                index += 1
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func needsProtection(_ word: String, sentenceStart: Bool) -> Bool {
        guard let first = word.first else { return false }
        if word.dropFirst().contains(where: \.isUppercase) { return true }
        return first.isUppercase && !sentenceStart
    }

    /// The text with whitespace runs as single spaces and no space at either end; a no-break
    /// space is kept, to become `~`.
    ///
    /// Read as UTF-8 bytes: whitespace is ASCII or a scalar whose first byte is 0xC2 (U+0085),
    /// 0xE1 (U+1680), 0xE2 (U+2000–U+205F) or 0xE3 (U+3000), so only those few are decoded and
    /// looked up; appending scalar by scalar was a third of a BibTeX export.
    static func collapsingWhitespace(_ text: String) -> String {
        var text = text
        let collapsed: [UInt8]? = text.withUTF8 { bytes in
            var output: [UInt8] = []
            var pendingSpace = false
            var runStart = 0
            // Text between two whitespace runs is copied whole.
            func space(from start: Int, to end: Int) {
                var start = start
                // A single space left in the run (before a Unicode space) goes with this run.
                while start > runStart && bytes[start - 1] == 0x20 { start -= 1 }
                if start > runStart {
                    if output.isEmpty { output.reserveCapacity(bytes.count) }
                    if pendingSpace { output.append(0x20) }
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<start]))
                }
                pendingSpace = !output.isEmpty
                runStart = end
            }
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    if lead == 0x20 || (0x09...0x0D).contains(lead) {
                        // A single space between words needs no copy yet.
                        let single = lead == 0x20 && index > runStart && index + 1 < bytes.count && !isASCIISpace(bytes[index + 1])
                        if !single { space(from: index, to: index + 1) }
                    }
                    index += 1
                    continue
                }
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                let end = min(index + length, bytes.count)
                if lead == 0xC2 || lead == 0xE1 || lead == 0xE2 || lead == 0xE3 {
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).unicodeScalars.first!
                    if scalar != "\u{00A0}" && scalar.properties.isWhitespace { space(from: index, to: end) }
                }
                index = end
            }
            // Nothing collapsed or trimmed: the text as it is.
            if runStart == 0 { return nil }
            space(from: bytes.count, to: bytes.count)
            return output
        }
        return collapsed.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    /// A character as LaTeX that 8-bit LaTeX can typeset; a compatibility character (`ﬁ`, `Ⅱ`,
    /// a full-width `＜`) as its plain form; anything else as itself, in UTF-8.
    static func escape(_ character: Character) -> String {
        if let known = escapeKnown(character) { return known }
        let plain = String(character).precomposedStringWithCompatibilityMapping
        if plain != String(character) {
            let parts = plain.map(escapeKnown)
            if parts.allSatisfy({ $0 != nil }) { return parts.compactMap { $0 }.joined() }
        }
        return String(character)
    }

    private static func escapeKnown(_ character: Character) -> String? {
        if let ascii = asciiSpecials[character] { return ascii }
        if character.isASCII { return String(character) }
        if let symbol = symbols[character] { return symbol }
        return LatinLetters.latex(for: character)
    }

    private static let asciiSpecials: [Character: String] = [
        "&": #"\&"#, "%": #"\%"#, "$": #"\$"#, "#": ##"\#"##, "_": #"\_"#,
        "{": #"{\textbraceleft}"#, "}": #"{\textbraceright}"#, "\\": #"{\textbackslash}"#,
        "~": #"{\textasciitilde}"#, "^": #"{\textasciicircum}"#,
        "<": #"{\textless}"#, ">": #"{\textgreater}"#,
    ]

    /// Punctuation and the symbols common in biomedical titles and abstracts, which 8-bit LaTeX
    /// cannot take as UTF-8 input.
    private static let symbols: [Character: String] = {
        var table: [Character: String] = [
            "\u{00A0}": "~", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''", "…": #"{\ldots}"#,
            "±": #"{$\pm$}"#, "×": #"{$\times$}"#, "≤": #"{$\leq$}"#, "≥": #"{$\geq$}"#, "≈": #"{$\approx$}"#,
            "·": #"{$\cdot$}"#, "°": #"{$^\circ$}"#, "µ": #"{$\mu$}"#, "²": #"{$^2$}"#, "³": #"{$^3$}"#,
            "→": #"{$\rightarrow$}"#, "′": #"{$'$}"#, "″": #"{$''$}"#, "−": #"{$-$}"#, "∼": #"{$\sim$}"#,
            "⋅": #"{$\cdot$}"#, "∙": #"{$\cdot$}"#, "∆": #"{$\Delta$}"#, "∗": "*", "∞": #"{$\infty$}"#,
            "∑": #"{$\sum$}"#, "∘": #"{$\circ$}"#, "⩾": #"{$\geq$}"#, "⩽": #"{$\leq$}"#, "≧": #"{$\geq$}"#,
            "≦": #"{$\leq$}"#, "ɛ": #"{$\varepsilon$}"#, "ϵ": #"{$\epsilon$}"#, "ɑ": #"{$\alpha$}"#,
            "ɣ": #"{$\gamma$}"#, "‐": "-", "‑": "-", "‒": "-",
            "®": #"{\textregistered}"#, "™": #"{\texttrademark}"#, "©": #"{\textcopyright}"#,
            "•": #"{\textbullet}"#, "€": #"{\texteuro}"#, "£": #"{\pounds}"#, "†": #"{\dag}"#, "‡": #"{\ddag}"#,
            "‰": #"{\textperthousand}"#,
            // Invisible characters that only upset LaTeX.
            "\u{00AD}": "", "\u{200B}": "", "\u{200C}": "", "\u{2060}": "", "\u{2062}": "", "\u{FEFF}": "",
        ]
        for (offset, digit) in "0123456789".enumerated() {
            table[Character(Unicode.Scalar(0x2080 + offset)!)] = "{$_\(digit)$}"
        }
        for (superscript, digit) in zip("⁰¹⁴⁵⁶⁷⁸⁹⁺⁻", "01456789+-") {
            table[superscript] = "{$^\(digit)$}"
        }
        let greek = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda",
                     "mu", "nu", "xi", "o", "pi", "rho", "varsigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"]
        for (offset, name) in greek.enumerated() where name != "o" {
            table[Character(Unicode.Scalar(0x03B1 + offset)!)] = "{$\\\(name)$}"
        }
        for (scalar, name) in [(0x0393, "Gamma"), (0x0394, "Delta"), (0x0398, "Theta"), (0x039B, "Lambda"), (0x039E, "Xi"),
                               (0x03A0, "Pi"), (0x03A3, "Sigma"), (0x03A6, "Phi"), (0x03A8, "Psi"), (0x03A9, "Omega")] {
            table[Character(Unicode.Scalar(scalar)!)] = "{$\\\(name)$}"
        }
        return table
    }()
}
