import LitKBModel

/// The scalar columns of `work` that a record or a mention fills, in one fixed order.
struct WorkFields: Sendable {
    static let columns = [
        "title", "vernacular_title", "journal_title", "journal_abbrev", "journal_issn",
        "year", "month", "day", "date_text", "epub_date", "volume", "issue", "pages", "url",
        "coi_statement", "title_key", "entrez_date",
    ]
    private static let dateColumns: Set<String> = ["year", "month", "day", "date_text"]

    var title, vernacularTitle, journalTitle, journalAbbreviation, issn: String?
    var year, month, day: Int?
    var dateText, epubDate, volume, issue, pages, url, conflictOfInterest: String?
    var titleKey: String?
    var entrezDate: String?

    init(_ record: WorkRecord) {
        let published = record.published
        title = record.title.nonEmpty
        vernacularTitle = record.vernacularTitle.nonEmpty
        journalTitle = record.journal.title.nonEmpty
        journalAbbreviation = record.journal.isoAbbreviation.nonEmpty
        issn = record.journal.issn.nonEmpty
        year = published?.year
        month = published?.month
        day = published?.day
        dateText = published?.text.nonEmpty
        epubDate = record.electronicPublished?.iso
        volume = record.volume.nonEmpty
        issue = record.issue.nonEmpty
        pages = record.pages.nonEmpty
        conflictOfInterest = record.conflictOfInterest.nonEmpty
        titleKey = TitleKey.make(title: record.title, year: published?.year)
        entrezDate = record.entrezDate?.iso
    }

    init(_ mention: WorkMention) {
        let published = mention.published
        title = mention.title.nonEmpty
        journalAbbreviation = mention.journal.nonEmpty
        year = published?.year
        month = published?.month
        day = published?.day
        dateText = published?.text.nonEmpty
        epubDate = mention.electronicPublished?.iso
        volume = mention.volume.nonEmpty
        issue = mention.issue.nonEmpty
        pages = mention.pages.nonEmpty
        url = mention.url.nonEmpty
        titleKey = TitleKey.make(title: mention.title, year: published?.year)
    }

    /// A mentioned work's columns, with the key an id-less citation is matched by (a
    /// reference's text, when it gives no identifier and no title).
    init(mentioned mention: WorkMention) {
        self.init(mention)
        if titleKey == nil, mention.ids.isEmpty, let citation = mention.citation {
            titleKey = TitleKey.citationKey(citation)
        }
    }

    /// True when the source gave nothing but identifiers (PubMed XML references do).
    var isEmpty: Bool {
        title == nil && vernacularTitle == nil && journalTitle == nil && journalAbbreviation == nil && issn == nil
            && year == nil && dateText == nil && epubDate == nil && volume == nil && issue == nil && pages == nil
            && url == nil && conflictOfInterest == nil && titleKey == nil && entrezDate == nil
    }

    /// Nothing but the title key, if that: what a reference that gives no title, date or journal
    /// leaves (every PubMed XML reference), stored with `stubInsertSQL`. Without identifiers too,
    /// such a reference is only text (`Link.givesOnlyItsText`) and makes no stub.
    var holdsOnlyTitleKey: Bool {
        title == nil && vernacularTitle == nil && journalTitle == nil && journalAbbreviation == nil && issn == nil
            && year == nil && month == nil && day == nil && dateText == nil && epubDate == nil && volume == nil
            && issue == nil && pages == nil && url == nil && conflictOfInterest == nil && entrezDate == nil
    }

    /// Binds the columns in `columns` order.
    func bind(to statement: FastStatement) {
        statement.bind(title).bind(vernacularTitle).bind(journalTitle).bind(journalAbbreviation).bind(issn)
            .bind(year).bind(month).bind(day).bind(dateText).bind(epubDate).bind(volume).bind(issue).bind(pages).bind(url)
            .bind(conflictOfInterest).bind(titleKey).bind(entrezDate)
    }

    /// ?1 = the incoming source wins, ?2 its rank, ?3 its format, ?4 the work; then the columns.
    /// A source that ranks at least as high overwrites what it has; a lower one only fills what is
    /// empty. The date is one unit, never mixed from two sources.
    static let updateSQL: String = {
        let yearParameter = "?\(columns.firstIndex(of: "year")! + 5)"
        let monthParameter = "?\(columns.firstIndex(of: "month")! + 5)"
        // Between mentions, a year alone (a reference's "2018") does not erase the month another
        // mention gave for that year (a page's "2018 Jun"), and such a month fills a bare year
        // whichever came first; a record's date always wins.
        let mention = "?2 <= \(WorkMention.rank)"
        let asPrecise = "(NOT \(mention) OR \(monthParameter) IS NOT NULL OR month IS NULL OR year IS NOT \(yearParameter))"
        let refines = "(\(mention) AND year IS \(yearParameter) AND month IS NULL AND \(monthParameter) IS NOT NULL)"
        let takeDate = "((?1 AND \(yearParameter) IS NOT NULL AND \(asPrecise)) OR \(refines) OR year IS NULL)"
        var assignments: [String] = []
        for (index, column) in columns.enumerated() {
            let parameter = "?\(index + 5)"
            if dateColumns.contains(column) {
                assignments.append("\(column) = CASE WHEN \(takeDate) THEN \(parameter) ELSE \(column) END")
            } else {
                assignments.append("\(column) = CASE WHEN ?1 THEN coalesce(\(parameter), \(column)) ELSE coalesce(\(column), \(parameter)) END")
            }
        }
        assignments.append("source_rank = max(source_rank, ?2)")
        assignments.append("source_format = CASE WHEN ?1 AND ?3 IS NOT NULL THEN ?3 ELSE source_format END")
        return "UPDATE OR FAIL work SET " + assignments.joined(separator: ", ") + " WHERE id = ?4"
    }()

    /// A stub from a bare reference: its identifiers, rank and citation key; every other column
    /// NULL, as `insertSQL` would leave it. Binding the other twenty NULLs was a tenth of each
    /// of pubmed21n1298's 213,000 stub inserts.
    static let stubInsertSQL = "INSERT OR FAIL INTO work (pmid, pmcid, doi, source_rank, title_key) VALUES (?, ?, ?, ?, ?)"
    /// A new work with its identifiers and fields: pmid, pmid_version, pmcid, doi, rank, format, then the columns.
    static let insertSQL = "INSERT OR FAIL INTO work (pmid, pmid_version, pmcid, doi, source_rank, source_format, "
        + columns.joined(separator: ", ") + ") VALUES (" + Array(repeating: "?", count: 6 + columns.count).joined(separator: ", ") + ")"
}

extension Optional where Wrapped == String {
    /// Absent values are NULL, never empty strings.
    var nonEmpty: String? {
        guard let self else { return nil }
        let trimmed = self.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension String {
    var trimmingSpaces: String {
        guard let first = first, let last = last, first.isWhitespace || last.isWhitespace else { return self }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
