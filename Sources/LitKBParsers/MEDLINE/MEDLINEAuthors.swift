import LitKBModel

/// `FAU`, `AU`, `AUID`, `AD` and `CN`: the ordered author list, people and collectives, with
/// ORCID iDs and affiliations.
///
/// A person is `FAU - Casbon, James A` followed by `AU - Casbon JA`; records before 2002 have
/// `AU` alone. `AUID` and `AD` belong to the author printed before them. Records before 2014
/// print a single `AD` ahead of every author: PubMed XML gives it to the first author, and so
/// does this reader.
extension MEDLINERecordBuilder {
    mutating func readAuthorField(_ field: MEDLINEField) {
        let value = field.value
        guard !value.isEmpty else { return }
        switch field.tag {
        case "FIR", "IR":
            readingInvestigator = true
            return
        case "AUID" where readingInvestigator, "AD" where readingInvestigator:
            return
        default:
            readingInvestigator = false
        }
        switch field.tag {
        case "FAU":
            record.authors.append(MEDLINERecordBuilder.person(fullName: value))
            authorAwaitsShortName = true
        case "AU":
            if authorAwaitsShortName, let last = record.authors.indices.last {
                // AU's initials are the record's own (PubMed XML's `Initials` says the same):
                // "Nicholas P J" is NP there but "Dorothy V M" is DVM, so they cannot be derived
                // from FAU. FAU's derived initials stand only when AU has none.
                let short = MEDLINERecordBuilder.person(shortName: value)
                if let initials = short.initials { record.authors[last].initials = initials }
                if record.authors[last].suffix == nil { record.authors[last].suffix = short.suffix }
            } else {
                record.authors.append(MEDLINERecordBuilder.person(shortName: value))
            }
            authorAwaitsShortName = false
        case "CN":
            record.authors.append(Author(collective: value))
            authorAwaitsShortName = false
        case "AUID":
            guard let last = record.authors.indices.last else {
                warn(field, "author identifier before any author; dropped: \(value)")
                return
            }
            // `ORCID: 0000-0002-1825-0097` (or an orcid.org URL); other schemes are not kept.
            if value.hasCaseInsensitivePrefix("ORCID:"), record.authors[last].orcid == nil,
               let orcid = IdentifierText.orcid(String(value.dropFirst(6).whitespaceTrimmed)) {
                // As the XML reader does: a malformed iD is said, not kept.
                if IdentifierText.isValidORCID(orcid) {
                    record.authors[last].orcid = orcid
                } else {
                    warn(field, "ORCID \"\(orcid)\" is not a valid ORCID iD; not kept")
                }
            }
        case "AD":
            if let last = record.authors.indices.last {
                record.authors[last].affiliations.append(value)
            } else {
                leadingAffiliations.append(value)
            }
        default: break
        }
    }

    /// The affiliation printed before every author goes to the first author, as in PubMed XML.
    mutating func attachLeadingAffiliations() {
        guard !leadingAffiliations.isEmpty else { return }
        if record.authors.isEmpty {
            record.uninterpreted += leadingAffiliations.map { UninterpretedContent(section: "AD", line: nil, text: $0) }
        } else {
            record.authors[0].affiliations.insert(contentsOf: leadingAffiliations, at: 0)
        }
        leadingAffiliations = []
    }

    /// `Casbon, James A` → family Casbon, given James A, initials JA (derived as NLM derives
    /// `Initials` from `ForeName`: PubMed's `AU` cuts them to two, XML does not).
    /// `Kenney, Thomas J Jr`-style suffixes come from `AU`, which ends in them.
    static func person(fullName: String) -> Author {
        guard let comma = fullName.firstIndex(of: ",") else { return Author(family: fullName) }
        let family = String(fullName[fullName.startIndex..<comma].whitespaceTrimmed)
        var rest = fullName[fullName.index(after: comma)...].whitespaceTrimmed
        var suffix: String?
        if let second = rest.firstIndex(of: ",") {
            suffix = String(rest[rest.index(after: second)...].whitespaceTrimmed)
            rest = rest[rest.startIndex..<second].whitespaceTrimmed
        }
        let given = rest.isEmpty ? nil : String(rest)
        return Author(family: family, given: given, initials: given.flatMap(PersonName.initials(ofGivenName:)), suffix: suffix?.isEmpty == true ? nil : suffix)
    }

    /// `Casbon JA` → family Casbon, initials JA; `Kenney TJ Jr` keeps the suffix.
    static func person(shortName: String) -> Author {
        var words = shortName.split(separator: " ").map(String.init)
        var suffix: String?
        if words.count > 2, let last = words.last, suffixes.contains(last) {
            suffix = last
            words.removeLast()
        }
        guard words.count > 1, let last = words.last, last.allSatisfy(\.isUppercase) else {
            return Author(family: shortName, suffix: suffix)
        }
        return Author(family: words.dropLast().joined(separator: " "), initials: last, suffix: suffix)
    }

    private static let suffixes: Set<String> = ["Jr", "Sr", "2nd", "3rd", "4th", "II", "III", "IV", "V"]
}
