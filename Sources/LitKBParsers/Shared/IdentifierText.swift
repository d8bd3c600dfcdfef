import LitKBModel

/// Identifier spellings every format uses, read one way for all of them.
enum IdentifierText {
    /// The bare ORCID iD: `https://orcid.org/0000-0003-1694-1449` → `0000-0003-1694-1449`;
    /// sixteen characters without hyphens get them.
    static func orcid(_ text: String) -> String? {
        var value = Substring(text)
        for prefix in ["https://orcid.org/", "http://orcid.org/", "orcid.org/"] where value.lowercased().hasPrefix(prefix) {
            value = value.dropFirst(prefix.count)
            break
        }
        guard !value.isEmpty else { return nil }
        if value.count == 16, !value.contains("-") {
            let characters = Array(value)
            return stride(from: 0, to: 16, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
        }
        return String(value)
    }

    /// A PMC id as PubMed (`PMC6134338`), PubMed's versioned records (`PMC6134338.4`, the work
    /// is `PMC6134338`) or PMC's own files (bare digits, `2599765`) write it.
    static func pmcid(_ value: String) -> PMCID? {
        if !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) { return PMCID("PMC" + value) }
        return PMCID(value) ?? PMCID(value.prefix { $0 != "." })
    }
}
