import LitKBModel

/// Identifier spellings every format uses, read one way for all of them.
enum IdentifierText {
    /// The bare ORCID iD: `https://orcid.org/0000-0003-1694-1449` → `0000-0003-1694-1449`;
    /// sixteen characters without hyphens get them.
    /// `0000-0002-1825-0097`: four groups of four, digits but for a last `X`, and the ISO
    /// 7064 11,2 check character ORCID defines.
    public static func isValidORCID(_ orcid: String) -> Bool {
        let characters = Array(orcid)
        guard characters.count == 19, [4, 9, 14].allSatisfy({ characters[$0] == "-" }) else { return false }
        let body = characters.filter { $0 != "-" }
        guard body.count == 16, body.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        var total = 0
        for character in body.dropLast() { total = (total + Int(String(character))!) * 2 }
        let result = (12 - total % 11) % 11
        let check: Character = result == 10 ? "X" : Character(String(result))
        return body.last == check
    }

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

    /// What an `OtherID` (MEDLINE `OID`) holds: with `Source="NLM"`, the PMC id
    /// (`PMC4714535 [Available on 01/01/17]`) or an author manuscript id (NIHMS, EMS, HHSPA);
    /// any other source's id (NASA, PIP, KIE, POP) is kept under that source's name.
    enum OtherID: Equatable {
        case pmcid(PMCID)
        case other(type: String, value: String)
    }

    static func otherID(source: String, value: String) -> OtherID {
        let word = value.prefix { $0 != " " }
        if source == "NLM", let pmcid = PMCID(word) { return .pmcid(pmcid) }
        if source == "NLM", word.hasPrefix("NIHMS") || word.hasPrefix("EMS") || word.hasPrefix("HHSPA") {
            return .other(type: "mid", value: String(word))
        }
        return .other(type: source, value: value)
    }
}

/// A record builder of a format that prints PubMed's citation (PubMed XML, MEDLINE): the same
/// identifier rules for both. The record's own `ArticleIdList` (`AID`) ids come first; the
/// location DOI (`ELocationID`, `LID`) and the `OtherID` (`OID`) PMC id only fill what it lacks.
protocol PubMedIdentifierCollector {
    var record: WorkRecord { get set }
    var locationDOI: DOI? { get set }
    var otherPMCID: PMCID? { get set }
}

extension PubMedIdentifierCollector {
    mutating func addOther(_ type: String, _ value: String) {
        let id = ArticleID(type: type, value: value)
        if !record.ids.others.contains(id) { record.ids.others.append(id) }
    }

    mutating func addOtherID(_ id: IdentifierText.OtherID) {
        switch id {
        case .pmcid(let pmcid): otherPMCID = otherPMCID ?? pmcid
        case .other(let type, let value): addOther(type, value)
        }
    }

    /// Once every field is read.
    mutating func fillMissingIdentifiers() {
        if record.ids.doi == nil, let locationDOI { record.ids.doi = locationDOI }
        if record.ids.pmcid == nil, let otherPMCID { record.ids.pmcid = otherPMCID }
    }
}
