/// What a search term is looked for in: PubMed's field tags, and litkb's own `title:`-style prefixes.
public enum SearchField: String, Hashable, Sendable, CaseIterable {
    // Full text (the FTS5 index): words, phrases, prefixes, proximity.
    case allFields, title, titleAbstract, textWords, abstract, keywords, meshText
    // Structured fields, matched against the stored rows.
    case mesh, majorMesh, subheading
    case author, firstAuthor, lastAuthor, fullAuthor, collective, affiliation
    case journal, publicationType, language, publicationDate, electronicDate, entrezDate
    case pmid, articleID, pmcid, substance, secondaryID, volume, issue, pages, subset

    /// The full-text columns a text field searches; nil for a structured field, empty for all columns.
    public var columns: [String]? {
        switch self {
        case .allFields, .textWords: []
        case .title: ["title"]
        // PubMed's [tiab] is the title, every abstract and the author keywords.
        case .titleAbstract: ["title", "abstract", "keywords"]
        case .abstract: ["abstract"]
        case .keywords: ["keywords"]
        case .meshText: ["mesh"]
        default: nil
        }
    }

    public var isFullText: Bool { columns != nil }

    /// PubMed's name for the field, as its search details print it.
    public var label: String {
        switch self {
        case .allFields: "All Fields"
        case .title: "Title"
        case .titleAbstract: "Title/Abstract"
        case .textWords: "Text Word"
        case .abstract: "Abstract"
        case .keywords: "Other Term"
        case .meshText: "MeSH words"
        case .mesh: "MeSH Terms"
        case .majorMesh: "MeSH Major Topic"
        case .subheading: "MeSH Subheading"
        case .author: "Author"
        case .firstAuthor: "Author - First"
        case .lastAuthor: "Author - Last"
        case .fullAuthor: "Author - Full"
        case .collective: "Corporate Author"
        case .affiliation: "Affiliation"
        case .journal: "Journal"
        case .publicationType: "Publication Type"
        case .language: "Language"
        case .publicationDate: "Date - Publication"
        case .electronicDate: "Date - Electronic Publication"
        case .entrezDate: "Date - Entrez"
        case .pmid: "PMID"
        case .articleID: "Article Identifier"
        case .pmcid: "PMCID"
        case .substance: "Supplementary Concept"
        case .secondaryID: "Secondary Source ID"
        case .volume: "Volume"
        case .issue: "Issue"
        case .pages: "Pagination"
        case .subset: "Filter"
        }
    }

    /// The tag a term carries in the query's translation.
    public var tag: String {
        switch self {
        case .allFields: "all"
        case .title: "ti"
        case .titleAbstract: "tiab"
        case .textWords: "tw"
        case .abstract: "ab"
        case .keywords: "ot"
        case .meshText: "mesh words"
        case .mesh: "mh"
        case .majorMesh: "majr"
        case .subheading: "sh"
        case .author: "au"
        case .firstAuthor: "1au"
        case .lastAuthor: "lastau"
        case .fullAuthor: "fau"
        case .collective: "cn"
        case .affiliation: "ad"
        case .journal: "ta"
        case .publicationType: "pt"
        case .language: "la"
        case .publicationDate: "dp"
        case .electronicDate: "epdat"
        case .entrezDate: "edat"
        case .pmid: "pmid"
        case .articleID: "aid"
        case .pmcid: "pmcid"
        case .substance: "nm"
        case .secondaryID: "si"
        case .volume: "vi"
        case .issue: "ip"
        case .pages: "pg"
        case .subset: "sb"
        }
    }

    /// PubMed's tags, short and long (lower case), and what litkb searches for each.
    static let tags: [String: SearchField] = [
        "all": .allFields, "all fields": .allFields,
        "ti": .title, "title": .title,
        "tiab": .titleAbstract, "title/abstract": .titleAbstract,
        "tw": .textWords, "text word": .textWords, "text words": .textWords,
        "ab": .abstract, "abstract": .abstract,
        "ot": .keywords, "other term": .keywords, "other terms": .keywords, "kw": .keywords, "keyword": .keywords,
        "mh": .mesh, "mesh": .mesh, "mesh terms": .mesh, "mh:noexp": .mesh, "mesh:noexp": .mesh, "mesh terms:noexp": .mesh,
        "majr": .majorMesh, "mesh major topic": .majorMesh, "majr:noexp": .majorMesh, "mesh major topic:noexp": .majorMesh,
        "sh": .subheading, "subheading": .subheading, "sh:noexp": .subheading,
        "au": .author, "author": .author, "auth": .author,
        "1au": .firstAuthor, "author - first": .firstAuthor,
        "lastau": .lastAuthor, "author - last": .lastAuthor,
        "fau": .fullAuthor, "author - full": .fullAuthor,
        "cn": .collective, "corporate author": .collective,
        "ad": .affiliation, "affil": .affiliation, "affiliation": .affiliation,
        "ta": .journal, "journal": .journal, "jour": .journal,
        "pt": .publicationType, "publication type": .publicationType, "ptyp": .publicationType,
        "la": .language, "language": .language, "lang": .language,
        "dp": .publicationDate, "pdat": .publicationDate, "publication date": .publicationDate, "date - publication": .publicationDate,
        "epdat": .electronicDate, "date - electronic publication": .electronicDate,
        "edat": .entrezDate, "entrez date": .entrezDate, "date - entrez": .entrezDate,
        "pmid": .pmid, "uid": .pmid,
        "aid": .articleID, "doi": .articleID, "lid": .articleID, "location id": .articleID, "article identifier": .articleID,
        "pmcid": .pmcid, "pmc": .pmcid,
        "nm": .substance, "substance name": .substance, "supplementary concept": .substance,
        "si": .secondaryID, "secondary source id": .secondaryID,
        "vi": .volume, "volume": .volume,
        "ip": .issue, "issue": .issue,
        "pg": .pages, "pagination": .pages, "page": .pages,
        "sb": .subset, "subset": .subset, "filter": .subset,
    ]

    /// Tags PubMed has whose data litkb does not hold: an error that says so, not a silent zero.
    static let unheld: [String: String] = [
        "crdt": "create dates", "create date": "create dates",
        "mhda": "MeSH dates", "lr": "last revision dates", "dcom": "completion dates",
        "ps": "personal names as subjects", "ir": "investigators", "fir": "investigators", "gr": "grant numbers",
        "pl": "places of publication", "jid": "NLM journal ids", "rn": "EC/RN numbers", "tt": "transliterated titles",
        "pa": "pharmacological actions", "book": "book fields", "ed": "editors",
    ]

    /// litkb's prefixes before PubMed syntax (`title:covid`).
    static let prefixes: [String: SearchField] = [
        "title": .title, "abstract": .abstract, "keyword": .keywords, "keywords": .keywords, "mesh": .meshText,
    ]
}
