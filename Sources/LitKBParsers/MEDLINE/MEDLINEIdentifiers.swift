import LitKBModel

/// `AID`, `LID`, `PMC`, `MID` and `OID`: the record's identifiers, sorted into
/// `Identifiers` as the PubMed XML parser sorts `ArticleIdList`, `ELocationID` and `OtherID`.
extension MEDLINERecordBuilder {
    mutating func readIdentifierField(_ field: MEDLINEField) {
        let value = field.value
        guard !value.isEmpty else { return }
        switch field.tag {
        case "AID":
            // `ArticleIdList`: its DOI and PMC id are the record's own.
            let (id, type) = MEDLINERecordBuilder.typedID(value)
            switch type {
            case "doi":
                if record.ids.doi == nil, let doi = DOI(id) { record.ids.doi = doi } else { addOther(type, id) }
            case "pmc", "pmcid":
                if record.ids.pmcid == nil, let pmcid = IdentifierText.pmcid(id) { record.ids.pmcid = pmcid } else { addOther(type, id) }
            case "pubmed":
                if PMID(id) != record.ids.pmid { addOther(type, id) }
            default:
                addOther(type, id)
            }
        case "LID":
            // `ELocationID`: its DOI stands in when `AID` gives none.
            let (id, type) = MEDLINERecordBuilder.typedID(value)
            if type == "doi", let doi = DOI(id) {
                if locationDOI == nil { locationDOI = doi }
            } else {
                addOther(type, id)
            }
        case "PMC":
            if record.ids.pmcid == nil, let pmcid = IdentifierText.pmcid(value) {
                record.ids.pmcid = pmcid
            } else if IdentifierText.pmcid(value) == nil {
                warn(field, "PMC \"\(value)\" is not a PMC id; kept among the other ids")
                addOther("pmc", value)
            }
        case "MID":
            addOther("mid", value)
        case "OID":
            readOtherID(value)
        default: break
        }
    }

    /// `OID - NLM: PMC4714535 [Available on 01/01/17]`, `OID - NASA: 99A12345`: XML's
    /// `OtherID` with its `Source` before the colon.
    private mutating func readOtherID(_ value: String) {
        guard let colon = value.firstIndex(of: ":") else {
            addOther("other", value)
            return
        }
        let source = String(value[value.startIndex..<colon].whitespaceTrimmed)
        let id = String(value[value.index(after: colon)...].whitespaceTrimmed)
        addOtherID(IdentifierText.otherID(source: source, value: id))
    }

    /// `10.1186/1471-2105-7-10 [doi]` → ("10.1186/1471-2105-7-10", "doi"); no bracket → "unknown".
    static func typedID(_ value: String) -> (String, String) {
        guard value.hasSuffix("]"), let open = value.lastIndex(of: "[") else { return (value, "unknown") }
        let type = value[value.index(after: open)..<value.index(before: value.endIndex)].whitespaceTrimmed.lowercased()
        return (String(value[value.startIndex..<open].whitespaceTrimmed), type)
    }
}
