import LitKBModel

/// `AuthorList/Author`: people and collectives, in order, with ORCID iDs and affiliations.
extension RecordBuilder {
    mutating func readAuthors(_ list: XMLNode) {
        for node in list.elements where node.name == .author {
            var author = RecordBuilder.author(node)
            // An ORCID iD has a check digit: a malformed one (15 digits, a typo) is no iD, and
            // is said, not kept as if it were one.
            if let orcid = author.orcid, !IdentifierText.isValidORCID(orcid) {
                warnings.append(ParseWarning(location: location, message: "author \(author.displayName): ORCID \"\(orcid)\" is not a valid ORCID iD; not kept"))
                author.orcid = nil
            }
            // PubMed keeps names it has found wrong with ValidYN="N"; keep them in place (the
            // order matters) and say so.
            if node.attribute(.validYN, is: "N") {
                warnings.append(ParseWarning(location: location, message: "author \(author.displayName) is marked not valid (ValidYN=\"N\"); kept"))
            }
            record.authors.append(author)
        }
    }

    static func author(_ node: XMLNode) -> Author {
        var author = Author()
        for child in node.elements {
            switch child.name {
            case .lastName: author.family = child.nonEmptyText
            case .foreName: author.given = child.nonEmptyText
            case .initials: author.initials = child.nonEmptyText
            case .suffix: author.suffix = child.nonEmptyText
            case .collectiveName: author.collective = child.nonEmptyText
            case .identifier:
                if author.orcid == nil, child.attribute(.source, is: "ORCID") { author.orcid = IdentifierText.orcid(child.text) }
            case .affiliationInfo:
                for affiliation in child.elements where affiliation.name == .affiliation {
                    if let text = affiliation.nonEmptyText { author.affiliations.append(text) }
                }
            default: break
            }
        }
        return author
    }
}
