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
                    case .articleIdList: RecordBuilder.readMentionIDs(part, into: &target.ids)
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

    static func readMentionIDs(_ list: XMLNode, into ids: inout Identifiers) {
        for id in list.elements where id.name == .articleId {
            let value = id.text
            guard !value.isEmpty else { continue }
            switch id.attribute(.idType) ?? "" {
            case "pubmed": ids.pmid = ids.pmid ?? PMID(value)
            case "doi": ids.doi = ids.doi ?? DOI(value)
            case "pmc", "pmcid": ids.pmcid = ids.pmcid ?? IdentifierText.pmcid(value)
            case let type: ids.others.append(ArticleID(type: type, value: value))
            }
        }
    }
}
