import LitKBModel

/// Comments/corrections tags (`CIN`, `EIN`, `RIN`, `ECI`, `UOF`, ...; see `MEDLINETags`)
/// as notice links.
///
/// PubMed prints XML's `RefSource` and then the notice's PMID:
/// `RIN - Oncol Lett. 2021 Jul;22(1):545. doi: 10.3892/ol.2021.12806. PMID: 34093767`.
/// The PMID goes into the target's ids and out of the citation, which is then the `RefSource`
/// text the XML parser keeps, so the two sources give the same link.
extension MEDLINERecordBuilder {
    mutating func readNotice(_ field: MEDLINEField, kind: LinkKind) {
        guard !field.value.isEmpty else { return }
        let (citation, pmid) = MEDLINERecordBuilder.splitPMID(field.value)
        var target = WorkMention(citation: citation.isEmpty ? nil : citation)
        target.ids.pmid = pmid
        // Older notices print the DOI in the source: `... doi: 10.1016/...`.
        if let range = citation.firstRange(of: "doi: ") {
            target.ids.doi = DOI(citation[range.upperBound...].prefix { $0 != " " })
        }
        record.links.append(Link(kind: kind, target: target))
    }

    /// `"Lancet. 2010;375:445. PMID: 20137802"` → ("Lancet. 2010;375:445", 20137802).
    static func splitPMID(_ value: String) -> (String, PMID?) {
        guard let range = Substring(value).occurrences(of: "PMID: ").last else { return (value, nil) }
        let digits = value[range.upperBound...].prefix { $0.isASCIIDigitCharacter }
        guard let pmid = PMID(digits) else { return (value, nil) }
        var citation = Substring(value[value.startIndex..<range.lowerBound]).whitespaceTrimmed
        if citation.hasSuffix(".") { citation = citation.dropLast() }
        let after = value[value.index(range.upperBound, offsetBy: digits.count)...].whitespaceTrimmed.droppingTrailing(".")
        let kept = after.isEmpty ? String(citation) : String(citation) + ". " + after
        return (kept, pmid)
    }
}
