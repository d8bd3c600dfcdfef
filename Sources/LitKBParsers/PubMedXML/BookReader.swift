import LitKBModel

/// `PubmedBookArticle`: a book, or a chapter of one (NCBI Bookshelf: GeneReviews, StatPearls,
/// ...). A chapter's title is its `ArticleTitle`, and the book's `BookTitle` stands where a
/// journal would; a whole book's title is its `BookTitle`. Authors are the document's own
/// (`AuthorList Type="authors"`), else the book's authors; editors are not authors and the
/// model has no place for them, so they are left out.
extension RecordBuilder {
    mutating func readBookArticle(_ root: XMLNode) {
        for child in root.elements {
            switch child.name {
            case .bookDocument: readBookDocument(child)
            case .pubmedBookData:
                for part in child.elements where part.name == .articleIdList { readArticleIDs(part) }
            default: break
            }
        }
    }

    private mutating func readBookDocument(_ document: XMLNode) {
        var bookTitle: String?
        var bookAuthors: [Author] = []
        for child in document.elements {
            switch child.name {
            case .pmid: readPMID(child)
            case .articleIdList: readArticleIDs(child)
            case .book:
                for part in child.elements {
                    switch part.name {
                    case .bookTitle: bookTitle = part.nonEmptyText
                    case .pubDate: record.published = PubMedDates.date(part)
                    case .volume: record.volume = part.nonEmptyText
                    case .authorList where !part.attribute(.type, is: "editors"):
                        bookAuthors = part.elements.filter { $0.name == .author }.map(RecordBuilder.author)
                    case .eLocationID: readLocationID(part)
                    default: break
                    }
                }
            case .articleTitle: record.title = child.nonEmptyText
            case .vernacularTitle: record.vernacularTitle = child.nonEmptyText
            case .pagination: record.pages = RecordBuilder.pages(child)
            case .eLocationID: readLocationID(child)
            case .language: addLanguage(child.text)
            case .authorList where !child.attribute(.type, is: "editors"): readAuthors(child)
            case .publicationType: if let type = child.nonEmptyText { record.publicationTypes.append(type) }
            case .abstract: readMainAbstract(child)
            case .keywordList: readKeywords(child)
            case .referenceList: readReferences(child)
            case .coiStatement: record.conflictOfInterest = child.nonEmptyText
            default: break
            }
        }
        if record.title == nil {
            record.title = bookTitle
        } else if let bookTitle {
            record.journal.title = bookTitle
        }
        if record.authors.isEmpty { record.authors = bookAuthors }
    }
}
