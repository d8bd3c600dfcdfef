import GRDB
import LitKBModel

/// The scalar columns of `work` that a record or a mention fills, in one fixed order.
struct WorkFields {
    static let columns = [
        "title", "vernacular_title", "journal_title", "journal_abbrev", "journal_issn",
        "year", "month", "day", "date_text", "epub_date", "volume", "issue", "pages", "url",
        "coi_statement", "title_key",
    ]
    private static let dateColumns: Set<String> = ["year", "month", "day", "date_text"]

    var values: [(any DatabaseValueConvertible)?]
    let titleKey: String?

    init(_ record: WorkRecord) {
        let published = record.published
        titleKey = TitleKey.make(title: record.title, year: published?.year)
        values = [
            record.title.nonEmpty, record.vernacularTitle.nonEmpty, record.journal.title.nonEmpty,
            record.journal.isoAbbreviation.nonEmpty, record.journal.issn.nonEmpty,
            published?.year, published?.month, published?.day, published?.text.nonEmpty,
            record.electronicPublished?.iso, record.volume.nonEmpty, record.issue.nonEmpty, record.pages.nonEmpty,
            nil, record.conflictOfInterest.nonEmpty, titleKey,
        ]
    }

    init(_ mention: WorkMention) {
        let published = mention.published
        titleKey = TitleKey.make(title: mention.title, year: published?.year)
        values = [
            mention.title.nonEmpty, nil, nil, mention.journal.nonEmpty, nil,
            published?.year, published?.month, published?.day, published?.text.nonEmpty,
            mention.electronicPublished?.iso, mention.volume.nonEmpty, mention.issue.nonEmpty, mention.pages.nonEmpty,
            mention.url.nonEmpty, nil, titleKey,
        ]
    }

    /// ?1 = the incoming source wins, ?2 its rank, ?3 its format, ?4 the work; then the columns.
    static let updateSQL: String = {
        let yearParameter = "?\(columns.firstIndex(of: "year")! + 5)"
        let takeDate = "((?1 AND \(yearParameter) IS NOT NULL) OR year IS NULL)"
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
        return "UPDATE work SET " + assignments.joined(separator: ", ") + " WHERE id = ?4"
    }()
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
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return String(slice)
    }
}
