/// The kind of a link between two works, read from the linking work: `A cites B`,
/// `A similar B`, `A retraction-in B` (B is the notice retracting A), `B retraction-of A`.
/// Kinds PubMed adds later (eLink names, new CommentsCorrections types) are kept by name.
public struct LinkKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let cites = LinkKind(rawValue: "cites")
    /// Only ever parsed, never stored: `A cited-by B` is stored as `B cites A`.
    public static let citedBy = LinkKind(rawValue: "cited-by")
    public static let similar = LinkKind(rawValue: "similar")

    public static let retractionIn = LinkKind(rawValue: "retraction-in")
    public static let retractionOf = LinkKind(rawValue: "retraction-of")
    public static let partialRetractionIn = LinkKind(rawValue: "partial-retraction-in")
    public static let partialRetractionOf = LinkKind(rawValue: "partial-retraction-of")
    public static let erratumIn = LinkKind(rawValue: "erratum-in")
    public static let erratumFor = LinkKind(rawValue: "erratum-for")
    public static let commentIn = LinkKind(rawValue: "comment-in")
    public static let commentOn = LinkKind(rawValue: "comment-on")
    public static let expressionOfConcernIn = LinkKind(rawValue: "expression-of-concern-in")
    public static let expressionOfConcernFor = LinkKind(rawValue: "expression-of-concern-for")
    public static let updateIn = LinkKind(rawValue: "update-in")
    public static let updateOf = LinkKind(rawValue: "update-of")
    public static let republishedIn = LinkKind(rawValue: "republished-in")
    public static let republishedFrom = LinkKind(rawValue: "republished-from")
    public static let reprintIn = LinkKind(rawValue: "reprint-in")
    public static let reprintOf = LinkKind(rawValue: "reprint-of")
    public static let correctedAndRepublishedIn = LinkKind(rawValue: "corrected-and-republished-in")
    public static let correctedAndRepublishedFrom = LinkKind(rawValue: "corrected-and-republished-from")
    public static let retractedAndRepublishedIn = LinkKind(rawValue: "retracted-and-republished-in")
    public static let retractedAndRepublishedFrom = LinkKind(rawValue: "retracted-and-republished-from")
    /// A reinstatement (Retraction Watch's `Reinstatement`) lifts an earlier retraction.
    public static let reinstatementIn = LinkKind(rawValue: "reinstatement-in")
    public static let reinstatementOf = LinkKind(rawValue: "reinstatement-of")
    public static let summaryForPatientsIn = LinkKind(rawValue: "summary-for-patients-in")
    public static let originalReportIn = LinkKind(rawValue: "original-report-in")

    private static let inversePairs: [(LinkKind, LinkKind)] = [
        (.cites, .citedBy),
        (.retractionIn, .retractionOf),
        (.partialRetractionIn, .partialRetractionOf),
        (.erratumIn, .erratumFor),
        (.commentIn, .commentOn),
        (.expressionOfConcernIn, .expressionOfConcernFor),
        (.updateIn, .updateOf),
        (.republishedIn, .republishedFrom),
        (.reprintIn, .reprintOf),
        (.correctedAndRepublishedIn, .correctedAndRepublishedFrom),
        (.retractedAndRepublishedIn, .retractedAndRepublishedFrom),
        (.reinstatementIn, .reinstatementOf),
    ]

    /// `retraction-in` ↔ `retraction-of`, `cites` ↔ `cited-by`, ...; nil for symmetric or unknown kinds.
    public var inverse: LinkKind? {
        for (a, b) in LinkKind.inversePairs {
            if self == a { return b }
            if self == b { return a }
        }
        return nil
    }

    /// Notices are the links PubMed shows as "Retraction in:", "Erratum for:", ...
    public var isNotice: Bool {
        self != .cites && self != .citedBy && self != .similar && !rawValue.hasPrefix("pubmed_")
    }

    /// Maps PubMed's CommentsCorrections `RefType` (`RetractionIn`, `ErratumFor`, ...) or a
    /// page's notice words (`Retraction in`, `Expression of concern for`) to a kind.
    public init(noticeName: String) {
        // PubMed writes two RefTypes with a lower-case "and": CorrectedandRepublishedIn,
        // RetractedandRepublishedFrom. Split there too, so XML, MEDLINE and page agree.
        let name = noticeName.replacing("andRepublished", with: "AndRepublished")
        var words: [String] = []
        var current = ""
        for character in name {
            if character == " " || character == "-" || character == "_" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if character.isUppercase, !current.isEmpty, !(current.last?.isUppercase ?? false) {
                words.append(current)
                current = String(character)
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        self.init(rawValue: words.map { $0.lowercased() }.joined(separator: "-"))
    }

    /// "Retraction in", "Erratum for", ... as PubMed prints the notice.
    public var noticeLabel: String {
        let words = rawValue.split(separator: "-").map(String.init)
        guard let first = words.first else { return rawValue }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }

    /// MEDLINE's comments/corrections tags ("MEDLINE/PubMed Data Element (Field)
    /// Descriptions"), each with the notice name PubMed's page prints for it. RPI/RPF were
    /// NLM's names for corrected-and-republished notices until 2006; later they mean a plain
    /// republication, which is how they are read.
    public static let medlineNoticeTags: [String: String] = [
        "CIN": "Comment in", "CON": "Comment on",
        "EIN": "Erratum in", "EFR": "Erratum for",
        "RIN": "Retraction in", "ROF": "Retraction of",
        "PRIN": "Partial retraction in", "PROF": "Partial retraction of",
        "ECI": "Expression of concern in", "ECF": "Expression of concern for",
        "UIN": "Update in", "UOF": "Update of",
        "RPI": "Republished in", "RPF": "Republished from",
        "CRI": "Corrected and republished in", "CRF": "Corrected and republished from",
        "RRI": "Retracted and republished in", "RRF": "Retracted and republished from",
        "SPIN": "Summary for patients in", "ORI": "Original report in",
        "DDIN": "Dataset described in", "DRIN": "Dataset use reported in",
    ]

    private static let medlineTagsByKind: [LinkKind: String] = Dictionary(
        medlineNoticeTags.map { (LinkKind(noticeName: $0.value), $0.key) }, uniquingKeysWith: { first, _ in first })

    /// The MEDLINE tag of a notice of this kind (`RIN` for `retraction-in`); nil for a kind
    /// MEDLINE has no tag for.
    public var medlineTag: String? { Self.medlineTagsByKind[self] }

    /// Evidence that the work on the `from` side of this link is retracted.
    public var retractsSource: Bool { self == .retractionIn }
    /// Evidence that the work on the `to` side of this link is retracted.
    public var retractsTarget: Bool { self == .retractionOf }
}

/// What one source says about another work it mentions: a list entry (similar, cited-by),
/// a reference, a notice. Usually partial; it becomes a stub until the work's own record arrives.
public struct WorkMention: Hashable, Sendable, Codable {
    public var ids: Identifiers
    public var title: String?
    public var authors: [Author]
    public var journal: String?
    public var published: PartialDate?
    public var electronicPublished: PartialDate?
    public var volume: String?
    public var issue: String?
    public var pages: String?
    public var url: String?
    /// List flags the source printed: `Free PMC article`, `Free article`, `Retracted`,
    /// `No abstract available`.
    public var flags: [String]
    public var publicationTypes: [String]
    /// Notices the source printed about this mentioned work (its `Retraction in:` ...).
    public var notices: [Link]
    /// The raw citation text the source gave, as printed.
    public var citation: String?

    public init(ids: Identifiers = Identifiers(), title: String? = nil, authors: [Author] = [], journal: String? = nil,
                published: PartialDate? = nil, electronicPublished: PartialDate? = nil, volume: String? = nil,
                issue: String? = nil, pages: String? = nil, url: String? = nil, flags: [String] = [],
                publicationTypes: [String] = [], notices: [Link] = [], citation: String? = nil) {
        self.ids = ids
        self.title = title
        self.authors = authors
        self.journal = journal
        self.published = published
        self.electronicPublished = electronicPublished
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.url = url
        self.flags = flags
        self.publicationTypes = publicationTypes
        self.notices = notices
        self.citation = citation
    }

    public static let retractedFlag = "Retracted"
    public var isFlaggedRetracted: Bool { flags.contains(WorkMention.retractedFlag) }
}

/// A link from the record that holds it to a mentioned work.
public struct Link: Hashable, Sendable, Codable {
    public var kind: LinkKind
    public var target: WorkMention
    /// Position in a ranked list (similar articles: 1 is most similar).
    public var rank: Int?
    /// The source's relevance score, when it gives one (eLink `Score`).
    public var score: Double?

    public init(kind: LinkKind, target: WorkMention, rank: Int? = nil, score: Double? = nil) {
        self.kind = kind
        self.target = target
        self.rank = rank
        self.score = score
    }
}
