/// How PubMed writes a person's name parts, for the formats that give only some of them.
enum PersonName {
    /// PubMed's `Initials` from a given name, for sources that do not print them: the first
    /// letter of each part (`James A` → `JA`, `Ing-Nang` → `IN`, `M. J. L.` → `MJL`); a given
    /// name that is already initials (`SV`, `GKH`) is kept as it is. Where a source prints
    /// initials (MEDLINE `AU`, PubMed XML `Initials`), those win: PubMed does not always
    /// derive them this way ("Nicholas P J" is NP).
    static func initials(ofGivenName given: String) -> String? {
        let parts = given.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "\u{2010}" || $0 == "." })
        if parts.count == 1, let only = parts.first, only.count <= 3, only.allSatisfy({ $0.isUppercase }) {
            return String(only)
        }
        let letters = parts.compactMap { part in part.first(where: { $0.isLetter }).map { String($0).uppercased() } }
        return letters.isEmpty ? nil : letters.joined()
    }
}
