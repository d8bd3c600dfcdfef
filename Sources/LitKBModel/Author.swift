/// One author in a work's ordered author list: a person, or a collective (a group or consortium).
public struct Author: Hashable, Sendable, Codable {
    public var family: String?
    public var given: String?
    public var initials: String?
    public var suffix: String?
    /// A collective author's name (`<CollectiveName>`, MEDLINE `CN`); people have none.
    public var collective: String?
    /// Bare ORCID iD, `0000-0002-1825-0097`, without the orcid.org prefix.
    public var orcid: String?
    public var affiliations: [String]

    public init(family: String? = nil, given: String? = nil, initials: String? = nil, suffix: String? = nil,
                collective: String? = nil, orcid: String? = nil, affiliations: [String] = []) {
        self.family = family
        self.given = given
        self.initials = initials
        self.suffix = suffix
        self.collective = collective
        self.orcid = orcid
        self.affiliations = affiliations
    }

    public var isCollective: Bool { collective != nil && family == nil }

    /// "Family, Given" for people, the collective name otherwise.
    public var displayName: String {
        if let family {
            if let given, !given.isEmpty { return "\(family), \(given)" }
            if let initials, !initials.isEmpty { return "\(family), \(initials)" }
            return family
        }
        return collective ?? given ?? ""
    }
}
