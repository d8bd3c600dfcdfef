/// The formats litkb reads, ranked by how much a user should trust their fields when two
/// sources disagree: PubMed XML over MEDLINE over JATS over page text over list entries.
public enum SourceFormat: String, Hashable, Sendable, Codable, CaseIterable {
    case pubmedXML = "pubmed-xml"
    case medline = "medline"
    case jats = "pmc-jats"
    case pageText = "page-text"
    case elink = "elink"
    case retractionWatch = "retraction-watch"
    /// The NIH Open Citation Collection: PMID-to-PMID citation pairs, nothing else.
    case nihOCC = "nih-occ"

    /// Whether one record in this format is all the source says about the work. An eLink result
    /// carries only the link lists that were asked for, so it replaces only those lists.
    public var carriesWholeRecord: Bool { self != .elink }

    /// Whether one file is the whole source at a date, so that a newer file replaces an older
    /// one: the Retraction Watch CSV is (a row gone from it is a notice withdrawn); PubMed's
    /// files are not (each update adds to the baseline).
    public var isSnapshot: Bool { self == .retractionWatch }

    /// Whether a record in this format names the work's PMC id whenever it has one: PubMed
    /// XML's ArticleIdList and MEDLINE's PMC tag do; a page, JATS front matter and the others
    /// may leave it out.
    public var givesEveryPMCID: Bool { self == .pubmedXML || self == .medline }

    /// Higher wins. A mention (list entry, reference) ranks below every full record. An eLink
    /// result gives lists and no fields, so it ranks below every mention too: the work it speaks
    /// for stays a stub whose fields its mentions fill, best source first.
    public var rank: Int {
        switch self {
        case .pubmedXML: 50
        case .medline: 40
        case .jats: 30
        case .pageText: 20
        // A notice known from the Retraction Watch database: its ids, journal and date, no more.
        case .retractionWatch: 15
        case .elink: 1
        // Pairs of PMIDs: no fields at all, so never the best source of any.
        case .nihOCC: 0
        }
    }
}

extension WorkMention {
    /// The rank of fields learnt only from someone else's list or reference: a work whose
    /// stored rank is at most this is a stub.
    public static let rank = 10
}

extension SourceFormat {
    /// The rank of what a record in this format says about the works it mentions (references,
    /// list entries, notices): below every full record, ordered like the formats, so a stub
    /// named by a PubMed XML reference and by a page's similar list takes the XML's title
    /// whichever file came first. PubMed XML 9, MEDLINE 8, JATS 7, page text 6, eLink 5,
    /// Retraction Watch 4, the NIH Open Citation Collection 3 (a PMID and nothing more).
    public var mentionRank: Int {
        switch self {
        case .pubmedXML: 9
        case .medline: 8
        case .jats: 7
        case .pageText: 6
        case .elink: 5
        case .retractionWatch: 4
        case .nihOCC: 3
        }
    }
}

/// Content a parser saw but could not interpret: kept with the record and reported.
public struct UninterpretedContent: Hashable, Sendable, Codable {
    public var section: String
    public var line: Int?
    public var text: String

    public init(section: String, line: Int?, text: String) {
        self.section = section
        self.line = line
        self.text = text
    }
}

/// One full record of a work as one source gives it.
public struct WorkRecord: Hashable, Sendable, Codable {
    public var format: SourceFormat
    public var ids: Identifiers
    public var title: String?
    public var vernacularTitle: String?
    public var journal: Journal
    public var published: PartialDate?
    public var electronicPublished: PartialDate?
    /// When PubMed added the record (its Entrez date, EDAT): PubMed's "date added" sort and [edat].
    public var entrezDate: PartialDate? = nil
    public var volume: String?
    public var issue: String?
    public var pages: String?
    /// ISO 639-2/B codes of the work's text (`eng`, `spa`, ...).
    public var languages: [String]
    public var authors: [Author]
    public var abstracts: [Abstract]
    public var keywords: [Keyword]
    public var mesh: [MeshHeading]
    public var publicationTypes: [String]
    public var substances: [Substance]
    public var registrations: [TrialRegistration]
    public var conflictOfInterest: String?
    /// Flags the source shows for the work itself (`Free PMC article`, `Retracted`).
    public var flags: [String]
    /// Outgoing links as the source lists them: references, similar, cited-by, notices.
    public var links: [Link]
    /// For a source that gives only some lists (eLink, see `SourceFormat.carriesWholeRecord`): the
    /// lists it gave in full, empty ones included, which replace what it said before.
    public var listsGiven: [LinkKind] = []
    public var uninterpreted: [UninterpretedContent]

    public init(format: SourceFormat, ids: Identifiers = Identifiers(), title: String? = nil, vernacularTitle: String? = nil,
                journal: Journal = Journal(), published: PartialDate? = nil, electronicPublished: PartialDate? = nil,
                volume: String? = nil, issue: String? = nil, pages: String? = nil, languages: [String] = [],
                authors: [Author] = [], abstracts: [Abstract] = [], keywords: [Keyword] = [], mesh: [MeshHeading] = [],
                publicationTypes: [String] = [], substances: [Substance] = [], registrations: [TrialRegistration] = [],
                conflictOfInterest: String? = nil, flags: [String] = [], links: [Link] = [],
                uninterpreted: [UninterpretedContent] = []) {
        self.format = format
        self.ids = ids
        self.title = title
        self.vernacularTitle = vernacularTitle
        self.journal = journal
        self.published = published
        self.electronicPublished = electronicPublished
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.languages = languages
        self.authors = authors
        self.abstracts = abstracts
        self.keywords = keywords
        self.mesh = mesh
        self.publicationTypes = publicationTypes
        self.substances = substances
        self.registrations = registrations
        self.conflictOfInterest = conflictOfInterest
        self.flags = flags
        self.links = links
        self.uninterpreted = uninterpreted
    }

    public func links(of kind: LinkKind) -> [Link] { links.filter { $0.kind == kind } }
}
