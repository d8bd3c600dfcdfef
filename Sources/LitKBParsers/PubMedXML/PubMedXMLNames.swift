/// The element and attribute names of PubMed XML that litkb reads. The XML layer interns each
/// once in libxml2's name dictionary, so recognising an element is a pointer comparison, not a
/// string comparison: the parse visits about 300 elements a record.
enum XMLName: String, CaseIterable {
    // Records and their wrappers
    case pubmedArticle = "PubmedArticle"
    case pubmedBookArticle = "PubmedBookArticle"
    case medlineCitation = "MedlineCitation"
    case deleteCitation = "DeleteCitation"
    case bookDocument = "BookDocument"
    case pubmedBookData = "PubmedBookData"
    case pubmedData = "PubmedData"
    case history = "History"
    case pubMedPubDate = "PubMedPubDate"
    case dateCompleted = "DateCompleted"
    case dateRevised = "DateRevised"

    // Identifiers
    case pmid = "PMID"
    case articleIdList = "ArticleIdList"
    case articleId = "ArticleId"
    case eLocationID = "ELocationID"
    case otherID = "OtherID"

    // Article and journal
    case article = "Article"
    case journal = "Journal"
    case issn = "ISSN"
    case journalIssue = "JournalIssue"
    case volume = "Volume"
    case issue = "Issue"
    case pubDate = "PubDate"
    case year = "Year"
    case month = "Month"
    case day = "Day"
    case season = "Season"
    case medlineDate = "MedlineDate"
    case title = "Title"
    case isoAbbreviation = "ISOAbbreviation"
    case articleTitle = "ArticleTitle"
    case vernacularTitle = "VernacularTitle"
    case pagination = "Pagination"
    case medlinePgn = "MedlinePgn"
    case startPage = "StartPage"
    case endPage = "EndPage"
    case language = "Language"
    case articleDate = "ArticleDate"
    case publicationTypeList = "PublicationTypeList"
    case publicationType = "PublicationType"
    case medlineJournalInfo = "MedlineJournalInfo"
    case medlineTA = "MedlineTA"
    case issnLinking = "ISSNLinking"
    case coiStatement = "CoiStatement"

    // Books
    case book = "Book"
    case bookTitle = "BookTitle"

    // Abstracts
    case abstract = "Abstract"
    case abstractText = "AbstractText"
    case copyrightInformation = "CopyrightInformation"
    case otherAbstract = "OtherAbstract"

    // Authors
    case authorList = "AuthorList"
    case author = "Author"
    case lastName = "LastName"
    case foreName = "ForeName"
    case initials = "Initials"
    case suffix = "Suffix"
    case collectiveName = "CollectiveName"
    case identifier = "Identifier"
    case affiliationInfo = "AffiliationInfo"
    case affiliation = "Affiliation"

    // Subjects and registrations
    case meshHeadingList = "MeshHeadingList"
    case meshHeading = "MeshHeading"
    case descriptorName = "DescriptorName"
    case qualifierName = "QualifierName"
    case chemicalList = "ChemicalList"
    case chemical = "Chemical"
    case registryNumber = "RegistryNumber"
    case nameOfSubstance = "NameOfSubstance"
    case keywordList = "KeywordList"
    case keyword = "Keyword"
    case dataBankList = "DataBankList"
    case dataBank = "DataBank"
    case dataBankName = "DataBankName"
    case accessionNumberList = "AccessionNumberList"
    case accessionNumber = "AccessionNumber"

    // Links
    case commentsCorrectionsList = "CommentsCorrectionsList"
    case commentsCorrections = "CommentsCorrections"
    case refSource = "RefSource"
    case referenceList = "ReferenceList"
    case reference = "Reference"
    case citation = "Citation"

    // Inline markup that changes how text is flattened (MathML's local name)
    case math
    case sub = "sub"
    case sup = "sup"

    // Attributes
    case versionAttribute = "Version"
    case idType = "IdType"
    case eIdType = "EIdType"
    case label = "Label"
    case nlmCategory = "NlmCategory"
    case type = "Type"
    case owner = "Owner"
    case majorTopicYN = "MajorTopicYN"
    case ui = "UI"
    case source = "Source"
    case dateType = "DateType"
    case refType = "RefType"
    case validYN = "ValidYN"
    case pubStatus = "PubStatus"
}
