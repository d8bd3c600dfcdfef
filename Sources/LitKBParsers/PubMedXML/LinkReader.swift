import LitKBModel

/// `CommentsCorrectionsList` (notices: retractions, errata, comments, updates, ... and MEDLINE's
/// `Cites`) and `PubmedData/ReferenceList` (references, nested lists included).
extension RecordBuilder {
    mutating func readCommentsCorrections(_ list: XMLNode) {
        for item in list.elements where item.name == .commentsCorrections {
            guard let refType = item.attribute(.refType), !refType.isEmpty else { continue }
            let kind: LinkKind = refType == "Cites" ? .cites : LinkKind(noticeName: refType)
            var target = WorkMention()
            for child in item.elements {
                switch child.name {
                case .refSource:
                    target.citation = child.nonEmptyText
                case .pmid:
                    target.ids.pmid = PMID(child.text)
                default: break
                }
            }
            // Older notices print the DOI in the source: `Lancet. 2010;375(9713):445. doi: 10.1016/...`.
            if let citation = target.citation, let range = citation.range(of: "doi: ") {
                target.ids.doi = DOI(citation[range.upperBound...].prefix { $0 != " " })
            }
            guard target.ids.pmid != nil || target.citation != nil else { continue }
            record.links.append(Link(kind: kind, target: target))
        }
    }

    /// Each `Reference` is a `cites` link to the work its `ArticleIdList` names, its `Citation`
    /// kept as printed. Some records nest a `ReferenceList` inside theirs (one per section of
    /// the article): those references count too.
    mutating func readReferences(_ list: XMLNode) {
        for child in list.elements {
            switch child.name {
            case .reference:
                var target = WorkMention()
                for part in child.elements {
                    switch part.name {
                    case .citation: target.citation = part.nonEmptyText
                    case .articleIdList:
                        if let doubt = RecordBuilder.readMentionIDs(part, into: &target.ids, citedBy: timelineYear) {
                            let position = record.links.count { $0.kind == .cites } + 1
                            warnings.append(ParseWarning(location: location, message: "reference \(position): \(doubt)"))
                        }
                    default: break
                    }
                }
                record.links.append(Link(kind: .cites, target: target))
            case .referenceList:
                readReferences(child)
            default: break
            }
        }
    }

    /// A reference's ids, checked: someone else's list is not trusted as a record is. A `pmc`
    /// id with the same number as the `pubmed` one (publisher deposits put one number in both
    /// slots; in pubmed21n1298 3,812 references do) means one of them is wrong and nothing
    /// says which: neither is used to find the work, the DOI names it when there is one, and
    /// without one the reference is its text alone, as a reference without ids is. A `pmc` id
    /// that is not a PMC number is not used either, nor a PMID above any PMID assigned by the
    /// year of the citing record's latest date (`PMIDTimeline`). Returns what was doubted, for
    /// the warning that keeps the doubted ids in the ingest's report.
    static func readMentionIDs(_ list: XMLNode, into ids: inout Identifiers, citedBy latestYear: Int? = nil) -> String? {
        var doubts: [String] = []
        var pmcText: String?
        for id in list.elements where id.name == .articleId {
            let value = id.text
            guard !value.isEmpty else { continue }
            switch id.attribute(.idType) ?? "" {
            case "pubmed": ids.pmid = ids.pmid ?? PMID(value)
            case "doi": ids.doi = ids.doi ?? DOI(value)
            case "pmc", "pmcid":
                guard ids.pmcid == nil else { continue }
                if let pmcid = IdentifierText.pmcid(value) {
                    ids.pmcid = pmcid
                    pmcText = value
                } else {
                    doubts.append("pmc id \"\(value)\" is not a PMC number; not used to find the work")
                }
            case let type: ids.others.append(ArticleID(type: type, value: value))
            }
        }
        if let pmid = ids.pmid, let pmcid = ids.pmcid, pmcid.value == "PMC\(pmid.value)" {
            ids.pmid = nil
            ids.pmcid = nil
            doubts.append("its pubmed and pmc ids are the same number (pubmed \(pmid.value), pmc \(pmcText ?? pmcid.value)), so one is wrong; "
                          + "neither is used to find the work" + (ids.doi.map { ", its DOI \($0) is" } ?? ", which is known by its text alone"))
        }
        if let pmid = ids.pmid, let latestYear, pmid.value > PMIDTimeline.highestPlausible(by: latestYear) {
            ids.pmid = nil
            doubts.append("its pubmed id \(pmid.value) is above any PMID assigned by the end of \(latestYear), the year of the record's latest date "
                          + "(about \(PMIDTimeline.highestAssigned(by: latestYear))), so it is not used to find the work")
        }
        return doubts.isEmpty ? nil : doubts.joined(separator: "; ")
    }
}
