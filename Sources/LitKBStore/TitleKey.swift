import Foundation

/// How a work cited without identifiers is recognised again: its title folded to lower-case
/// letters and digits without diacritics, with its year.
/// `"2013|diagnostic and statistical manual of mental disorders 5th ed"`.
enum TitleKey {
    static func make(title: String?, year: Int?) -> String? {
        guard let title, let year else { return nil }
        let folded = title.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard words.count >= 2 else { return nil }
        return "\(year)|" + words.joined(separator: " ")
    }
}

extension TitleKey {
    /// For a citation with neither identifier nor parsed title and year: its whole text, folded.
    static func citationKey(_ citation: String) -> String? {
        let folded = citation.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard words.count >= 2 else { return nil }
        return "cite|" + words.joined(separator: " ")
    }
}
