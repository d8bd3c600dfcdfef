import LitKBModel

/// The back matter's `ref-list`s (nested ones and those inside `sec`s too): each `ref` is a
/// `cites` link to the work its citation describes, kept even without any id (title and year
/// can match it later).
extension JATSArticleReader {
    /// The citation elements JATS and its NLM predecessors use.
    static let citationElements: Set<String> = ["element-citation", "mixed-citation", "citation", "nlm-citation"]

    mutating func readReferenceLists(_ back: Element) {
        for list in back.descendants("ref-list", stoppingAt: JATSArticleReader.otherArticles.union(["ref-list", "ref"])) {
            readReferences(list)
        }
    }

    private mutating func readReferences(_ list: Element) {
        for child in list.elements {
            switch child.name {
            case "ref":
                if let mention = JATSArticleReader.mention(child) {
                    record.links.append(Link(kind: .cites, target: mention))
                } else {
                    warn("reference \(child.attribute("id") ?? "at line \(child.line)") has no citation; skipped")
                }
            case "ref-list":
                readReferences(child)
            default:
                break
            }
        }
    }

    /// The work one `ref` cites. With `citation-alternatives`, the structured
    /// `element-citation` gives the fields and a `mixed-citation` the text.
    static func mention(_ ref: Element) -> WorkMention? {
        let candidates = ref.elements.flatMap { $0.name == "citation-alternatives" ? $0.elements : [$0] }
            .filter { citationElements.contains($0.name) }
        guard let fields = candidates.first(where: { $0.name == "element-citation" }) ?? candidates.first else { return nil }
        let textSource = candidates.first(where: { $0.hasOwnText }) ?? fields
        var mention = WorkMention()
        mention.ids = ids(fields)
        mention.authors = authors(fields)
        let type = (fields.attribute("publication-type") ?? fields.attribute("citation-type") ?? "").lowercased()
        let articleTitle = (fields.child("article-title") ?? fields.child("chapter-title"))?.nonEmptyText
        let source = fields.child("source")?.nonEmptyText
        if articleTitle == nil, type == "book" || type == "report" || type == "thesis" || type == "webpage" || type == "web" {
            mention.title = source  // A whole book or page is the work cited; it has no journal.
        } else {
            mention.title = articleTitle
            mention.journal = source
        }
        if let year = fields.child("year").flatMap({ year($0.text) }) {
            let month = fields.child("month").flatMap { PubMedDates.monthNumber($0.text) }
            let day = fields.child("day").flatMap { Int($0.text) }.flatMap { (1...31).contains($0) ? $0 : nil }
            mention.published = PartialDate(year: year, month: month, day: month == nil ? nil : day)
        }
        mention.volume = fields.child("volume")?.nonEmptyText
        mention.issue = fields.child("issue")?.nonEmptyText
        mention.pages = pages(first: fields.child("fpage"), last: fields.child("lpage"), range: fields.child("page-range"))
            ?? fields.child("elocation-id")?.nonEmptyText
        mention.url = fields.descendants("ext-link").first { $0.attribute("ext-link-type") == "uri" && DOI($0.attribute("xlink:href") ?? "") == nil }
            .flatMap { $0.nonEmptyAttribute("xlink:href") }
        mention.citation = JATSCitationText.text(of: textSource, mention: mention)
        return mention
    }

    /// `pub-id`s: pmid, doi, pmcid (`pmc`); others (`pii`, ...) kept by type. A DOI only given
    /// as a link in a `comment` (`<ext-link xlink:href="http://dx.doi.org/10.1038/...">`) counts.
    static func ids(_ citation: Element) -> Identifiers {
        var ids = Identifiers()
        for id in citation.children("pub-id") {
            guard let value = id.nonEmptyText else { continue }
            switch id.attribute("pub-id-type") ?? "" {
            case "pmid": ids.pmid = ids.pmid ?? PMID(value)
            case "doi": ids.doi = ids.doi ?? DOI(value)
            case "pmcid", "pmc": ids.pmcid = ids.pmcid ?? IdentifierText.pmcid(value)
            case let type:
                let other = ArticleID(type: type, value: value)
                if !ids.others.contains(other) { ids.others.append(other) }
            }
        }
        if ids.doi == nil {
            for link in citation.descendants("ext-link") + citation.descendants("uri") {
                let candidates = [link.attribute("xlink:href"), link.nonEmptyText].compactMap { $0 }
                if let doi = candidates.lazy.filter({ $0.lowercased().contains("doi") }).compactMap({ DOI($0) }).first {
                    ids.doi = doi
                    break
                }
            }
        }
        return ids
    }

    /// The cited work's authors: `person-group person-group-type="author"` (or untyped), or
    /// names written straight into the citation (PLoS); editors and translators are not
    /// authors; `etal` stands for no one.
    static func authors(_ citation: Element) -> [Author] {
        let groups = citation.children("person-group")
        let holders = groups.isEmpty ? [citation]
            : groups.filter { ($0.attribute("person-group-type") ?? "author") == "author" }
        var authors: [Author] = []
        for holder in holders {
            for part in holder.elements {
                switch part.name {
                case "name":
                    authors.append(person(part))
                case "string-name":
                    authors.append(part.child("surname") != nil ? person(part) : Author(family: part.text))
                case "collab":
                    if let name = part.nonEmptyText { authors.append(Author(collective: name)) }
                default:
                    break
                }
            }
        }
        return authors
    }
}
