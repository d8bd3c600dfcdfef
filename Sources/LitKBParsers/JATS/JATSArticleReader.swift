import LitKBModel

/// Builds one `WorkRecord` from a JATS `<article>`. Each part has its reader in an extension, one
/// file a concept: `JATSFrontReader` (ids, title, journal, issue, dates), `JATSContributorReader`,
/// `JATSAbstractReader` (abstracts, keywords, COI statement), `JATSReferenceReader`.
///
/// Body text, figures, tables, funding, history dates, permissions and `sub-article`s are passed
/// over: litkb stores bibliographic records, not full text.
struct JATSArticleReader {
    typealias Element = XMLTree.Element

    var record = WorkRecord(format: .jats)
    var location: SourceLocation
    var warnings: [ParseWarning] = []
    /// The article's language (ISO 639-2/B), from its `xml:lang`; JATS's default is English.
    let language: String

    /// Elements whose insides belong to another article: never searched for this one's parts.
    static let otherArticles: Set<String> = ["sub-article", "response"]

    init(location: SourceLocation, language: String) {
        self.location = location
        self.language = language
    }

    static func read(_ article: Element, location: SourceLocation) -> ParsedRecord {
        let declared = article.nonEmptyAttribute("xml:lang")
        var reader = JATSArticleReader(location: location, language: declared.flatMap(JATSLanguage.code) ?? "eng")
        if let declared, JATSLanguage.code(declared) == nil {
            reader.warn("article language \"\(declared)\" is not one litkb knows; English assumed")
        }
        reader.record.languages = [reader.language]
        let front = article.child("front")
        if let journal = front?.child("journal-meta") { reader.readJournal(journal) }
        if let meta = front?.child("article-meta") {
            reader.readArticleMeta(meta)
        } else {
            reader.warn("the article has no front/article-meta: no ids, title or authors")
        }
        reader.readConflictOfInterest(article)
        if let back = article.child("back") { reader.readReferenceLists(back) }
        reader.location.pmid = reader.record.ids.pmid
        return ParsedRecord(record: reader.record, location: reader.location, warnings: reader.warnings)
    }

    mutating func readArticleMeta(_ meta: Element) {
        for child in meta.elements {
            switch child.name {
            case "article-id": readArticleID(child)
            case "title-group": readTitles(child)
            case "volume": record.volume = record.volume ?? child.nonEmptyText
            case "issue": record.issue = record.issue ?? child.nonEmptyText
            case "elocation-id": if record.pages == nil { record.pages = child.nonEmptyText }
            case "abstract", "trans-abstract": readAbstract(child)
            case "kwd-group": readKeywords(child)
            default: break
            }
        }
        if let pages = JATSArticleReader.pages(first: meta.child("fpage"), last: meta.child("lpage"), range: meta.child("page-range")) {
            record.pages = pages
        }
        readDates(meta)
        readContributors(meta)
    }

    mutating func warn(_ message: String) {
        warnings.append(ParseWarning(location: location, message: message))
    }

    /// `fpage`-`lpage` as the file gives them (`1694-1699`); one page when both are the same
    /// (BMC's `174`-`174`), as PubMed prints it; `page-range` when there is no first page.
    static func pages(first: Element?, last: Element?, range: Element?) -> String? {
        guard let start = first?.nonEmptyText else { return range?.nonEmptyText ?? last?.nonEmptyText }
        guard let end = last?.nonEmptyText, end != start else { return start }
        return "\(start)-\(end)"
    }
}
