import LitKBModel
import LitKBParsers

extension WorkDetail {
    /// The work as shown and exported: a stub that no list described (a PubMed XML reference
    /// gives only ids and text) takes its journal, date, volume, issue, pages and, where the text
    /// plainly has one, its title from what the records citing it print. The store keeps that
    /// text as text; it never decides which work a citation names.
    var describedByItsCitations: WorkDetail {
        guard let citedAs else { return self }
        let description = ReferenceCitationParser.describe(citedAs)
        var detail = self
        detail.record.title = detail.record.title ?? description.title
        detail.record.journal.isoAbbreviation = detail.record.journal.isoAbbreviation ?? description.journal
        detail.record.published = detail.record.published ?? description.published
        detail.record.volume = detail.record.volume ?? description.volume
        detail.record.issue = detail.record.issue ?? description.issue
        detail.record.pages = detail.record.pages ?? description.pages
        return detail
    }
}
