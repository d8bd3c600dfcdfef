public struct Keyword: Hashable, Sendable, Codable {
    public var term: String
    /// ISO 639-2/B code when the source says or the term shows it; nil when unknown.
    public var language: String?
    /// Who assigned it (PubMed's `Owner`: NOTNLM, NLM, KIE, ...).
    public var owner: String?
    public var major: Bool

    public init(term: String, language: String? = nil, owner: String? = nil, major: Bool = false) {
        self.term = term
        self.language = language
        self.owner = owner
        self.major = major
    }
}

public struct MeshQualifier: Hashable, Sendable, Codable {
    public var name: String
    public var ui: String?
    public var major: Bool

    public init(name: String, ui: String? = nil, major: Bool = false) {
        self.name = name
        self.ui = ui
        self.major = major
    }
}

public struct MeshHeading: Hashable, Sendable, Codable {
    public var descriptor: String
    public var descriptorUI: String?
    /// Major topic of the work, on the descriptor itself (a qualifier may be major instead).
    public var major: Bool
    public var qualifiers: [MeshQualifier]

    public init(descriptor: String, descriptorUI: String? = nil, major: Bool = false, qualifiers: [MeshQualifier] = []) {
        self.descriptor = descriptor
        self.descriptorUI = descriptorUI
        self.major = major
        self.qualifiers = qualifiers
    }

    /// PubMed's printed form: `Stress Disorders, Post-Traumatic/drug therapy*`.
    public var display: String {
        var text = descriptor + (major ? "*" : "")
        for qualifier in qualifiers { text += "/" + qualifier.name + (qualifier.major ? "*" : "") }
        return text
    }
}

/// A chemical or substance indexed for the work (`Chemical` in PubMed XML, `RN`/`NM` in MEDLINE).
public struct Substance: Hashable, Sendable, Codable {
    public var name: String
    public var registryNumber: String?
    public var ui: String?

    public init(name: String, registryNumber: String? = nil, ui: String? = nil) {
        self.name = name
        self.registryNumber = registryNumber
        self.ui = ui
    }
}

/// A registration of the work's trial or data in a registry (ClinicalTrials.gov NCT number, ...).
public struct TrialRegistration: Hashable, Sendable, Codable {
    public var registry: String
    public var accession: String

    public init(registry: String, accession: String) {
        self.registry = registry
        self.accession = accession
    }
}

public struct Journal: Hashable, Sendable, Codable {
    public var title: String?
    public var isoAbbreviation: String?
    public var issn: String?

    public init(title: String? = nil, isoAbbreviation: String? = nil, issn: String? = nil) {
        self.title = title
        self.isoAbbreviation = isoAbbreviation
        self.issn = issn
    }

    public var isEmpty: Bool { title == nil && isoAbbreviation == nil && issn == nil }
    /// The name to print: the abbreviation a citation would use, else the full title.
    public var display: String? { isoAbbreviation ?? title }
}
