import LitKBModel

/// CSL-JSON items, what Pandoc, Zotero and every CSL processor (citeproc-js, citeproc-py) read:
/// `article-journal` for journal articles, with `id` the work's citation key.
///
/// ```json
/// {"id": "zeifmanPreliminaryEvidenceImportance2024", "type": "article-journal",
///  "title": "Preliminary evidence ...", "author": [{"family": "Zeifman", "given": "Richard J"}],
///  "issued": {"date-parts": [[2024]]}, "container-title": "European journal of psychotraumatology", ...}
/// ```
public enum CSLJSONWriter {
    public static func item(for work: WorkDetail, id: String) -> JSONValue {
        let record = work.record
        let date = record.citationDate
        let dateParts = date?.year.map { year in [year, date?.month, date?.month == nil ? nil : date?.day].compactMap { $0 }.map(JSONValue.number) }
        let notes = [CitationFields.statusNote(for: work)].compactMap { $0 }
        return .fields([
            "id": .string(id),
            "type": .string(type(of: work)),
            "title": JSONValue.text(record.citationTitle),
            "author": record.authors.isEmpty ? nil : .array(record.authors.compactMap(name)),
            "issued": dateParts.map { .fields(["date-parts": .array([.array($0)])]) },
            "container-title": JSONValue.text(CitationFields.journal(of: record)),
            "container-title-short": JSONValue.text(record.journal.isoAbbreviation),
            "volume": JSONValue.text(record.volume),
            "issue": JSONValue.text(record.issue),
            "page": JSONValue.text(CitationFields.text(record.pages).map(PageRanges.expanded)),
            "DOI": JSONValue.text(record.ids.doi?.value),
            "PMID": JSONValue.text(record.ids.pmid.map { String($0.value) }),
            "PMCID": JSONValue.text(record.ids.pmcid?.value),
            "ISSN": JSONValue.text(record.journal.issn),
            "abstract": JSONValue.text(CitationFields.mainAbstract(record.abstracts).map(CitationFields.abstractText)),
            "language": JSONValue.text(record.languages.first),
            "keyword": JSONValue.text((record.keywords.map(\.term) + record.mesh.map(\.descriptor)).joined(separator: ", ")),
            "URL": JSONValue.text(CitationFields.url(for: record)),
            "note": notes.isEmpty ? nil : .string(notes.joined(separator: "\n")),
        ])
    }

    static func type(of work: WorkDetail) -> String {
        switch WorkType(work) {
        case .article: "article-journal"
        case .book: "book"
        case .chapter: "chapter"
        case .other: "article"
        }
    }

    /// `family`/`given` (and `suffix`) for a person, `literal` for a collective author.
    static func name(_ author: Author) -> JSONValue? {
        if let family = CitationFields.text(author.family) {
            return .fields([
                "family": .string(family),
                "given": JSONValue.text(author.given, author.initials),
                "suffix": JSONValue.text(author.suffix),
            ])
        }
        return JSONValue.text(author.collective, author.given).map { .fields(["literal": $0]) }
    }
}
