import LitKBModel

/// Builds one `WorkRecord` from a parsed `PubmedArticle`, `MedlineCitation` or
/// `PubmedBookArticle`. Each kind of element has its reader in an extension, one file a concept:
/// `ArticleReader`, `AuthorReader`, `AbstractReader`, `SubjectReader`, `LinkReader`, `BookReader`.
///
/// Elements litkb does not use (History but its Entrez date, PublicationStatus, DateCompleted/Revised,
/// CitationSubset, GrantList, InvestigatorList, GeneralNote, SpaceFlightMission,
/// PersonalNameSubjectList, SupplMeshList, NumberOfReferences, ...) are passed over silently.
struct RecordBuilder: PubMedIdentifierCollector {
    var record = WorkRecord(format: .pubmedXML)
    var location: SourceLocation
    var warnings: [ParseWarning] = []
    /// `ELocationID EIdType="doi"`: the DOI when the article's `ArticleIdList` gives none.
    var locationDOI: DOI?
    /// `OtherID Source="NLM"` PMC ids (MEDLINE files have no `ArticleIdList`).
    var otherPMCID: PMCID?
    var otherAbstracts: [Abstract] = []
    /// The year of the record's latest date (DateCompleted, DateRevised, History): its
    /// reference list cannot name a PMID assigned after it (`PMIDTimeline`).
    var latestYear: Int?

    init(location: SourceLocation) {
        self.location = location
    }

    /// Reads a record element; the record's PMID also goes into `location`.
    static func read(_ root: XMLNode, location: SourceLocation) -> ParsedRecord {
        var builder = RecordBuilder(location: location)
        switch root.name {
        case .pubmedArticle:
            for child in root.elements {
                switch child.name {
                case .medlineCitation: builder.readMedlineCitation(child)
                case .pubmedData: builder.readPubmedData(child)
                default: break
                }
            }
        case .medlineCitation:
            builder.readMedlineCitation(root)
        case .pubmedBookArticle:
            builder.readBookArticle(root)
        default:
            break
        }
        builder.finish()
        return ParsedRecord(record: builder.record, location: builder.location, warnings: builder.warnings)
    }

    /// The PMIDs a `DeleteCitation` lists.
    static func deletedPMIDs(_ root: XMLNode) -> [PMID] {
        root.elements.compactMap { $0.name == .pmid ? PMID($0.text) : nil }
    }

    /// The PMID of a record, read from a tree that may be broken, for an error message.
    static func pmid(of root: XMLNode) -> PMID? {
        let holders: [XMLNode] = switch root.name {
        case .pubmedArticle: [root.child(.medlineCitation)].compactMap { $0 }
        case .pubmedBookArticle: [root.child(.bookDocument)].compactMap { $0 }
        default: [root]
        }
        return holders.lazy.compactMap { $0.child(.pmid).flatMap { PMID($0.text) } }.first
    }

    mutating func readMedlineCitation(_ citation: XMLNode) {
        for child in citation.elements {
            switch child.name {
            case .pmid: readPMID(child)
            case .article: readArticle(child)
            case .medlineJournalInfo: readJournalInfo(child)
            case .chemicalList: readChemicals(child)
            case .meshHeadingList: readMesh(child)
            case .keywordList: readKeywords(child)
            case .commentsCorrectionsList: readCommentsCorrections(child)
            case .otherAbstract: readOtherAbstract(child)
            case .otherID: readOtherID(child)
            case .coiStatement: record.conflictOfInterest = child.nonEmptyText
            case .dateCompleted, .dateRevised: noteDate(child)
            default: break
            }
        }
    }

    mutating func readPubmedData(_ data: XMLNode) {
        // History comes before ReferenceList, but the references need every date first.
        for history in data.elements where history.name == .history {
            for date in history.elements where date.name == .pubMedPubDate { noteDate(date) }
        }
        for child in data.elements {
            switch child.name {
            case .articleIdList: readArticleIDs(child)
            case .referenceList: readReferences(child)
            case .history:
                // The Entrez date: when PubMed added the record ("date added").
                for date in child.elements where date.name == .pubMedPubDate && date.attribute(.pubStatus) == "entrez" {
                    record.entrezDate = PubMedDates.date(date)
                }
            default: break
            }
        }
    }

    /// `latestYear`, when `PMIDTimeline` explains the record's own PMID by it: a PMID beyond
    /// the timeline (a replicated benchmark file's, shifted by 100,000,000s; PMIDs of years the
    /// table has not seen) says the timeline does not apply, and nothing is doubted by it.
    var timelineYear: Int? {
        guard let year = latestYear, (record.ids.pmid?.value ?? 0) <= PMIDTimeline.highestPlausible(by: year) else { return nil }
        return year
    }

    mutating func noteDate(_ node: XMLNode) {
        guard let year = node.child(.year).flatMap({ Int($0.text) }), (1800...3000).contains(year) else { return }
        latestYear = max(latestYear ?? year, year)
    }

    mutating func readPMID(_ node: XMLNode) {
        record.ids.pmid = PMID(node.text)
        record.ids.pmidVersion = node.attribute(.versionAttribute).flatMap { Int($0) } ?? 1
        location.pmid = record.ids.pmid
    }

    /// The record's own `ArticleIdList` (never a reference's): pubmed, doi, pmc; the rest kept
    /// by type (pii, mid, bookaccession, ...).
    mutating func readArticleIDs(_ list: XMLNode) {
        for id in list.elements where id.name == .articleId {
            let value = id.text
            guard !value.isEmpty else { continue }
            let type = id.attribute(.idType) ?? ""
            switch type {
            case "pubmed":
                if record.ids.pmid == nil { record.ids.pmid = PMID(value) }
            case "doi":
                if record.ids.doi == nil, let doi = DOI(value) { record.ids.doi = doi } else { addOther(type, value) }
            case "pmc", "pmcid":
                if record.ids.pmcid == nil, let pmcid = IdentifierText.pmcid(value) { record.ids.pmcid = pmcid } else { addOther(type, value) }
            default:
                addOther(type, value)
            }
        }
    }

    /// `OtherID`, read as `IdentifierText.otherID` says.
    mutating func readOtherID(_ node: XMLNode) {
        let value = node.text
        guard !value.isEmpty else { return }
        addOtherID(IdentifierText.otherID(source: node.attribute(.source) ?? "other", value: value))
    }

    private mutating func finish() {
        fillMissingIdentifiers()
        if record.ids.pmid != nil, record.ids.pmidVersion == nil { record.ids.pmidVersion = 1 }
        finishAbstracts()
        location.pmid = record.ids.pmid
    }
}
