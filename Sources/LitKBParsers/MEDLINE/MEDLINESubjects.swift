import LitKBModel

/// `MH` MeSH headings, `RN`/`NM` substances, `OTO`/`OT` keywords and `SI` data-bank
/// registrations.
extension MEDLINERecordBuilder {
    mutating func readSubjectField(_ field: MEDLINEField) {
        let value = field.value
        guard !value.isEmpty else { return }
        switch field.tag {
        case "MH":
            if let heading = MEDLINERecordBuilder.meshHeading(value) { record.mesh.append(heading) }
        case "RN":
            record.substances.append(MEDLINERecordBuilder.substance(value))
        case "NM":
            // Supplementary concepts: a name alone, or a number and a name like `RN`.
            let substance = MEDLINERecordBuilder.substance(value)
            if !record.substances.contains(where: { $0.name == substance.name }) { record.substances.append(substance) }
        case "OTO":
            keywordOwner = value
        case "OT":
            // PubMed marks a major keyword with `*` as it marks a major MeSH heading.
            let major = value.hasPrefix("*")
            let term = major ? String(value.dropFirst().whitespaceTrimmed) : value
            if !term.isEmpty { record.keywords.append(Keyword(term: term, owner: keywordOwner, major: major)) }
        case "SI":
            readRegistration(field)
        default: break
        }
    }

    /// `Information Storage and Retrieval/*methods/*standards`: a `*` before the descriptor
    /// or a qualifier marks that one as a major topic.
    static func meshHeading(_ value: String) -> MeshHeading? {
        let parts = value.split(separator: "/", omittingEmptySubsequences: false).map { $0.whitespaceTrimmed }
        guard let first = parts.first else { return nil }
        let (descriptor, major) = starred(first)
        guard !descriptor.isEmpty else { return nil }
        var heading = MeshHeading(descriptor: descriptor, major: major)
        for part in parts.dropFirst() {
            let (name, qualifierMajor) = starred(part)
            if !name.isEmpty { heading.qualifiers.append(MeshQualifier(name: name, major: qualifierMajor)) }
        }
        return heading
    }

    private static func starred(_ text: Substring) -> (String, Bool) {
        text.hasPrefix("*") ? (String(text.dropFirst().whitespaceTrimmed), true) : (String(text), false)
    }

    /// `0 (Macromolecular Substances)` → no registry number (PubMed's `0` is "none"), name
    /// Macromolecular Substances; `9007-49-2 (DNA)`, `EC 3.4.21.- (Kallikreins)`. The name runs
    /// from the first `" ("` to the last `)`, so names with parentheses of their own stay whole.
    static func substance(_ value: String) -> Substance {
        guard let open = value.firstRange(of: " ("), value.hasSuffix(")") else { return Substance(name: value) }
        let number = value[value.startIndex..<open.lowerBound].whitespaceTrimmed
        let name = value[open.upperBound..<value.index(before: value.endIndex)].whitespaceTrimmed
        guard !name.isEmpty, !number.isEmpty, !number.contains(" ") || number.hasPrefix("EC ") else { return Substance(name: value) }
        return Substance(name: String(name), registryNumber: number == "0" ? nil : String(number))
    }

    /// `SI - ClinicalTrials.gov/NCT01234567`, `SI - GENBANK/AF123456`: data bank and accession,
    /// named as XML's `DataBankName` and `AccessionNumber`.
    mutating func readRegistration(_ field: MEDLINEField) {
        let value = field.value
        guard let slash = value.firstIndex(of: "/") else {
            record.uninterpreted.append(UninterpretedContent(section: "SI", line: field.line, text: value))
            warn(field, "SI without a data bank name (\"BANK/accession\"): \(value)")
            return
        }
        let registry = value[value.startIndex..<slash].whitespaceTrimmed
        let accession = value[value.index(after: slash)...].whitespaceTrimmed
        guard !registry.isEmpty, !accession.isEmpty else { return }
        let registration = TrialRegistration(registry: String(registry), accession: String(accession))
        if !record.registrations.contains(registration) { record.registrations.append(registration) }
    }
}
