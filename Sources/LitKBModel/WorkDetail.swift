/// A work as another work's list shows it: enough to recognise it and follow it.
public struct WorkSummary: Hashable, Sendable, Codable {
    public var pmid: PMID?
    public var pmcid: PMCID?
    public var doi: DOI?
    public var title: String?
    public var journal: String?
    public var year: Int?
    /// Retracted, reinstated, under an expression of concern, corrected; nil when no notice says.
    public var status: WorkStatus?
    public var retracted: Bool { status == .retracted }
    /// The raw citation text the listing source gave for this entry.
    public var citation: String?
    /// Position in a ranked list (similar articles).
    public var rank: Int?
    /// True while only mentions of the work are known, not its own record.
    public var isStub: Bool

    public init(pmid: PMID? = nil, pmcid: PMCID? = nil, doi: DOI? = nil, title: String? = nil, journal: String? = nil,
                year: Int? = nil, retracted: Bool = false, status: WorkStatus? = nil, citation: String? = nil, rank: Int? = nil,
                isStub: Bool = true) {
        self.pmid = pmid
        self.pmcid = pmcid
        self.doi = doi
        self.title = title
        self.journal = journal
        self.year = year
        self.status = status ?? (retracted ? .retracted : nil)
        self.citation = citation
        self.rank = rank
        self.isStub = isStub
    }

    /// `PMID 32500209`, else `PMC…`, else `doi:…`, else nil.
    public var primaryIdentifier: String? {
        if let pmid { return "PMID \(pmid)" }
        if let pmcid { return pmcid.value }
        if let doi { return "doi:\(doi)" }
        return nil
    }
}

/// A notice about a work (retraction, erratum, comment, expression of concern, update, ...),
/// seen from the work it is about: `retraction-in` names the notice that retracts it.
public struct Notice: Hashable, Sendable, Codable {
    public var kind: LinkKind
    public var citation: String?
    public var pmid: PMID?
    public var doi: DOI?
    /// When the notice appeared, as far as known (its own record's date).
    public var date: PartialDate?
    /// What a database of notices says of it beyond a citation: Retraction Watch's record id,
    /// date, nature and reasons.
    public var detail: String?

    public init(kind: LinkKind, citation: String? = nil, pmid: PMID? = nil, doi: DOI? = nil, date: PartialDate? = nil,
                detail: String? = nil) {
        self.kind = kind
        self.citation = citation
        self.pmid = pmid
        self.doi = doi
        self.date = date
        self.detail = detail
    }
}

/// Where a work stands, from every notice any source gave about it (PubMed's notices and
/// publication types, a page's flags, the Retraction Watch database).
public enum WorkStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case retracted
    /// Retracted, then reinstated: the retraction no longer stands.
    case reinstated
    /// The publisher warns about it; it stands.
    case expressionOfConcern = "expression-of-concern"
    /// An erratum or correction amends it; it stands.
    case corrected

    /// The gravest that applies: a retraction over an expression of concern over a correction;
    /// a reinstatement lifts a retraction (a source may give the reinstatement alone: Retraction
    /// Watch rows come one per notice, and a file may hold the later one only).
    public static func derive(retractionEvidence: Bool, notices: [LinkKind]) -> WorkStatus? {
        if notices.contains(.reinstatementIn) { return .reinstated }
        if retractionEvidence { return .retracted }
        if notices.contains(.expressionOfConcernIn) { return .expressionOfConcern }
        if notices.contains(.erratumIn) { return .corrected }
        return nil
    }

    /// The notices, read from the work's side, that give this status.
    public var noticeKinds: [LinkKind] {
        switch self {
        case .retracted: [.retractionIn, .partialRetractionIn]
        case .reinstated: [.reinstatementIn, .retractionIn]
        case .expressionOfConcern: [.expressionOfConcernIn]
        case .corrected: [.erratumIn]
        }
    }

    /// Every kind of notice that gives a status, the gravest first.
    public static let noticeKindsByGravity: [LinkKind] = [.retractionIn, .partialRetractionIn, .reinstatementIn, .expressionOfConcernIn, .erratumIn]

    /// `expression of concern`, as a sentence says it.
    public var words: String { rawValue.replacing("-", with: " ") }
}

/// One reason to believe a work is retracted, and who said so.
public struct RetractionEvidence: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A `Retracted.` flag on the work's entry in someone's list.
        case flag
        /// A `Retraction in:` notice on the work.
        case retractionNotice = "retraction-notice"
        /// Another record declares itself the `Retraction of` this work.
        case retractionOf = "retraction-of"
        /// The work's publication types include `Retracted Publication`.
        case publicationType = "publication-type"
    }

    public var kind: Kind
    public var detail: String?
    /// The work whose record gave the evidence (the list owner, the notice).
    public var assertedBy: WorkSummary?

    public init(kind: Kind, detail: String? = nil, assertedBy: WorkSummary? = nil) {
        self.kind = kind
        self.detail = detail
        self.assertedBy = assertedBy
    }
}

/// A file that contributed to a work.
public struct SourceFile: Hashable, Sendable, Codable {
    public var path: String
    public var sha256: String
    public var format: SourceFormat
    public var ingestedAt: String

    public init(path: String, sha256: String, format: SourceFormat, ingestedAt: String) {
        self.path = path
        self.sha256 = sha256
        self.format = format
        self.ingestedAt = ingestedAt
    }
}

/// Everything the knowledge base holds about one work: its merged fields, its standing and its
/// neighbourhood. What `show` prints and `export` writes.
public struct WorkDetail: Hashable, Sendable, Codable {
    /// The merged fields; `record.format` is the best source that contributed.
    public var record: WorkRecord
    public var isStub: Bool
    /// Retracted while a retraction stands: a reinstatement lifts it.
    public var retracted: Bool { status == .retracted }
    /// From the evidence and the notices, as `WorkStatus.derive` says.
    public var status: WorkStatus? { WorkStatus.derive(retractionEvidence: !retractionEvidence.isEmpty, notices: notices.map(\.kind)) }
    public var retractionEvidence: [RetractionEvidence]
    public var notices: [Notice]
    public var similar: [WorkSummary]
    public var citedBy: [WorkSummary]
    public var references: [WorkSummary]
    public var sources: [SourceFile]
    /// For a stub whose lists gave no title, journal or date: the text the records that cite it
    /// print for it most often (a PubMed XML reference gives only ids and text), for a reader
    /// that can make a description of it.
    public var citedAs: String?
    /// The lengths of the three lists when they were counted instead of read (`show`'s text
    /// prints only these, and a work may be cited hundreds of thousands of times); the lists
    /// are then empty.
    public var listCounts: ListCounts?

    public struct ListCounts: Hashable, Sendable, Codable {
        public var similar: Int
        public var citedBy: Int
        public var references: Int

        public init(similar: Int, citedBy: Int, references: Int) {
            self.similar = similar
            self.citedBy = citedBy
            self.references = references
        }
    }

    /// Distinct works citing this one, every source counted.
    public var citationCount: Int { listCounts?.citedBy ?? citedBy.count }
    /// Entries of its reference list, text-only references included.
    public var referenceCount: Int { listCounts?.references ?? references.count }
    public var similarCount: Int { listCounts?.similar ?? similar.count }

    public init(record: WorkRecord, isStub: Bool, retractionEvidence: [RetractionEvidence] = [], notices: [Notice] = [],
                similar: [WorkSummary] = [], citedBy: [WorkSummary] = [], references: [WorkSummary] = [],
                sources: [SourceFile] = [], citedAs: String? = nil) {
        self.citedAs = citedAs
        self.record = record
        self.isStub = isStub
        self.retractionEvidence = retractionEvidence
        self.notices = notices
        self.similar = similar
        self.citedBy = citedBy
        self.references = references
        self.sources = sources
    }
}
