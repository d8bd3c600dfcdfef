import LitKBModel

/// `MedlineCitation/Article`: journal, issue, dates, title, pages, locations, languages,
/// publication types, data banks; its authors and abstract have readers of their own.
extension RecordBuilder {
    mutating func readArticle(_ article: XMLNode) {
        for child in article.elements {
            switch child.name {
            case .journal: readJournal(child)
            case .articleTitle: record.title = child.nonEmptyText
            case .vernacularTitle: record.vernacularTitle = child.nonEmptyText
            case .pagination: record.pages = RecordBuilder.pages(child)
            case .eLocationID: readLocationID(child)
            case .abstract: readMainAbstract(child)
            case .authorList: readAuthors(child)
            case .language: addLanguage(child.text)
            case .dataBankList: readDataBanks(child)
            case .publicationTypeList:
                for type in child.elements where type.name == .publicationType {
                    if let name = type.nonEmptyText { record.publicationTypes.append(name) }
                }
            case .articleDate:
                // PubMed's ArticleDate is the electronic publication date (DateType="Electronic").
                if record.electronicPublished == nil, child.attribute(.dateType).map({ $0 == "Electronic" }) ?? true {
                    record.electronicPublished = PubMedDates.date(child)
                }
            default: break
            }
        }
    }

    mutating func readJournal(_ journal: XMLNode) {
        for child in journal.elements {
            switch child.name {
            case .issn: record.journal.issn = child.nonEmptyText
            case .title: record.journal.title = child.nonEmptyText
            case .isoAbbreviation: record.journal.isoAbbreviation = child.nonEmptyText
            case .journalIssue:
                for part in child.elements {
                    switch part.name {
                    case .volume: record.volume = part.nonEmptyText
                    case .issue: record.issue = part.nonEmptyText
                    case .pubDate: record.published = PubMedDates.date(part)
                    default: break
                    }
                }
            default: break
            }
        }
    }

    /// `MedlineJournalInfo`: `MedlineTA` stands in for a missing ISO abbreviation (they agree
    /// for nearly every journal) and `ISSNLinking` for a missing ISSN.
    mutating func readJournalInfo(_ info: XMLNode) {
        for child in info.elements {
            switch child.name {
            case .medlineTA:
                if record.journal.isoAbbreviation == nil { record.journal.isoAbbreviation = child.nonEmptyText }
            case .issnLinking:
                if record.journal.issn == nil { record.journal.issn = child.nonEmptyText }
            default: break
            }
        }
    }

    /// `MedlinePgn` as printed (`187-94`), else `StartPage-EndPage`.
    static func pages(_ pagination: XMLNode) -> String? {
        var start: String?
        var end: String?
        for child in pagination.elements {
            switch child.name {
            case .medlinePgn: if let pages = child.nonEmptyText { return pages }
            case .startPage: start = child.nonEmptyText
            case .endPage: end = child.nonEmptyText
            default: break
            }
        }
        guard let start else { return end }
        return end.map { "\(start)-\($0)" } ?? start
    }

    /// `ELocationID EIdType="doi"` is the DOI when `ArticleIdList` has none (MEDLINE files have
    /// no `ArticleIdList`); `pii` and others are kept among the other ids.
    mutating func readLocationID(_ node: XMLNode) {
        let value = node.text
        guard !value.isEmpty else { return }
        let type = node.attribute(.eIdType) ?? "elocation"
        if type == "doi", let doi = DOI(value) {
            if locationDOI == nil { locationDOI = doi }
        } else {
            addOther(type, value)
        }
    }

    mutating func addLanguage(_ code: String) {
        guard !code.isEmpty, !record.languages.contains(code) else { return }
        record.languages.append(code)
    }

    /// `DataBankList`: registry (`ClinicalTrials.gov`, `GENBANK`, ...) and accession numbers.
    mutating func readDataBanks(_ list: XMLNode) {
        for bank in list.elements where bank.name == .dataBank {
            guard let registry = bank.child(.dataBankName)?.nonEmptyText else { continue }
            for numbers in bank.elements where numbers.name == .accessionNumberList {
                for number in numbers.elements where number.name == .accessionNumber {
                    guard let accession = number.nonEmptyText else { continue }
                    let registration = TrialRegistration(registry: registry, accession: accession)
                    if !record.registrations.contains(registration) { record.registrations.append(registration) }
                }
            }
        }
    }
}
