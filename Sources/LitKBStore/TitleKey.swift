import Foundation

/// How a work cited without identifiers is recognised again: its title folded to lower-case
/// letters and digits without diacritics, with its year.
/// `"2013|diagnostic and statistical manual of mental disorders 5th ed"`.
enum TitleKey {
    static func make(title: String?, year: Int?) -> String? {
        guard let title, let year, let words = words(of: title) else { return nil }
        return "\(year)|" + words
    }

    /// For a citation with neither identifier nor parsed title and year: its whole text, folded.
    static func citationKey(_ citation: String) -> String? {
        words(of: citation).map { "cite|" + $0 }
    }

    /// Lower-case words joined by single spaces; nil for fewer than two words. ASCII text (most
    /// titles) is folded byte by byte: Foundation's diacritic folding costs tens of microseconds
    /// a call, which bulk ingest pays for every record and reference.
    private static func words(of text: String) -> String? {
        let utf8 = text.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(utf8.count)
            var words = 0
            var inWord = false
            for byte in utf8 {
                let lower = (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
                if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                    if !inWord {
                        if words > 0 { bytes.append(0x20) }
                        words += 1
                        inWord = true
                    }
                    bytes.append(lower)
                } else {
                    inWord = false
                }
            }
            return words >= 2 ? String(decoding: bytes, as: UTF8.self) : nil
        }
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let parts = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        return parts.count >= 2 ? parts.joined(separator: " ") : nil
    }
}
