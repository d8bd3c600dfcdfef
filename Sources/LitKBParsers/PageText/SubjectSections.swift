import LitKBModel

/// The one-item-a-line sections: keywords, publication types, MeSH terms, substances and
/// associated data.
enum SubjectSections {
    /// `Keywords: MDMA; Posttraumatic stress disorder; alianza terapéutica.` → ordered keywords,
    /// the line's final period removed, each with its language where the words show it
    /// (chosen among the record's abstract languages when known).
    static func keywords(_ line: Substring, languages: [String]) -> [Keyword]? {
        let text = line.whitespaceTrimmed
        var body: Substring?
        for prefix in ["Keywords:", "Key words:", "Keywords :"] where text.hasCaseInsensitivePrefix(prefix) {
            body = text.dropFirst(prefix.count)
        }
        guard var body else { return nil }
        body = body.whitespaceTrimmed
        if body.last == "." { body = body.dropLast() }
        let candidates = languages.isEmpty ? nil : languages
        return body.split(separator: ";").compactMap { raw in
            let term = raw.whitespaceTrimmed
            guard !term.isEmpty else { return nil }
            return Keyword(term: String(term), language: LanguageDetector.detect(term, among: candidates))
        }
    }

    /// `Stress Disorders, Post-Traumatic / drug therapy*`, `Humans`, `MDMA* / therapeutic use`.
    static func meshHeading(_ line: Substring) -> MeshHeading? {
        let text = line.whitespaceTrimmed
        guard !text.isEmpty else { return nil }
        let parts: [Substring] = text.contains(" / ")
            ? text.split(separator: " / ").map { $0.whitespaceTrimmed }
            : text.split(separator: "/").map { $0.whitespaceTrimmed }
        guard let first = parts.first, !first.isEmpty else { return nil }
        func starred(_ part: Substring) -> (String, Bool) {
            let name = part.droppingTrailing("*").whitespaceTrimmed
            return (String(name), name.count != part.count)
        }
        let (descriptor, major) = starred(first)
        let qualifiers = parts.dropFirst().filter { !$0.isEmpty }.map { part -> MeshQualifier in
            let (name, major) = starred(part)
            return MeshQualifier(name: name, major: major)
        }
        return MeshHeading(descriptor: descriptor, major: major, qualifiers: qualifiers)
    }

    /// `N-Methyl-3,4-methylenedioxyamphetamine`, or with a registry number in parentheses
    /// when the page shows one: `Ethanol (3K9958V90M)`, `Aspirin (50-78-2)`.
    static func substance(_ line: Substring) -> Substance? {
        let text = line.whitespaceTrimmed
        guard !text.isEmpty else { return nil }
        if text.last == ")", let open = text.lastIndex(of: "(") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let name = text[text.startIndex..<open].whitespaceTrimmed
            if !name.isEmpty, looksLikeRegistryNumber(inside) {
                return Substance(name: String(name), registryNumber: String(inside))
            }
        }
        return Substance(name: String(text))
    }

    /// A CAS number (`50-78-2`), a UNII (`3K9958V90M`) or an EC number (`EC 3.4.21.5`).
    private static func looksLikeRegistryNumber(_ text: Substring) -> Bool {
        if text.hasPrefix("EC ") { return text.dropFirst(3).allSatisfy { $0.isASCIIDigitCharacter || $0 == "." } }
        let cas = text.split(separator: "-")
        if cas.count == 3, cas.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }), cas[2].count == 1 { return true }
        return text.count == 10 && text.allSatisfy { ($0.isUppercase && $0.isASCII) || $0.isASCIIDigitCharacter }
            && text.contains(where: \.isASCIIDigitCharacter)
    }

    /// `ClinicalTrials.gov/NCT00090064`, `figshare/10.6084/m9.figshare.123`: a data bank and an
    /// accession; a bare registry number is recognised too. nil when the line is neither.
    static func associatedData(_ line: Substring) -> [TrialRegistration]? {
        let text = line.whitespaceTrimmed
        if let slash = text.firstIndex(of: "/") {
            let bank = text[text.startIndex..<slash].whitespaceTrimmed
            let accession = text[text.index(after: slash)...].whitespaceTrimmed
            if !bank.isEmpty, !accession.isEmpty, !bank.contains(" ") {
                let registry = RegistrationScanner.registry(ofAccession: accession) ?? String(bank)
                return [TrialRegistration(registry: registry, accession: String(accession))]
            }
        }
        let found = RegistrationScanner.registrations(in: text)
        return found.isEmpty ? nil : found
    }
}
