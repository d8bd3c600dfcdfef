import Foundation
import LitKBModel

/// What every export format says of a work, before the format's own syntax: plain text with
/// whitespace collapsed, the journal, the abstract to cite, the page range in full, the
/// retraction note, links.
enum CitationFields {
    /// The text with whitespace collapsed, or nil when nothing is left.
    static func text(_ value: String?) -> String? {
        guard let value else { return nil }
        let collapsed = LaTeX.collapsingWhitespace(value)
        return collapsed.isEmpty ? nil : collapsed
    }

    /// The full journal title, else its abbreviation.
    static func journal(of record: WorkRecord) -> String? {
        text(record.journal.title) ?? text(record.journal.isoAbbreviation)
    }

    /// The first and last page of the work's first range, written in full (`168-72` → 168, 172);
    /// a single page or an article number has no last page.
    static func pageRange(_ pages: String?) -> (first: String, last: String?)? {
        guard let pages = text(pages) else { return nil }
        let first = PageRanges.expanded(pages).split(separator: ",")[0]
        let parts = first.split(whereSeparator: PageRanges.isDash).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let start = parts.first else { return nil }
        return (start, parts.count == 2 ? parts[1] : nil)
    }

    /// The work's PubMed page, else its DOI's resolver.
    static func url(for record: WorkRecord) -> String? {
        if let pmid = record.ids.pmid { return "https://pubmed.ncbi.nlm.nih.gov/\(pmid.value)/" }
        return record.ids.doi.map { "https://doi.org/\($0.value)" }
    }

    /// Authors as `Family, Given` (initials when no given name), a collective author by name.
    static func invertedName(_ author: Author) -> String? {
        if let family = text(author.family) {
            let given = text(author.given) ?? text(author.initials)
            let suffix = text(author.suffix).map { ", " + $0 } ?? ""
            return given.map { "\(family), \($0)\(suffix)" } ?? family + suffix
        }
        return text(author.collective) ?? text(author.given)
    }

    /// The main abstract, the English one when there are several; else any English abstract,
    /// else the first.
    static func mainAbstract(_ abstracts: [Abstract]) -> Abstract? {
        let main = abstracts.filter { $0.kind == .main }
        let pool = main.isEmpty ? abstracts : main
        return pool.first { $0.language?.lowercased() == "eng" } ?? pool.first
    }

    /// Sections as running text, `Label: text` each, separated by a space.
    static func abstractText(_ abstract: Abstract) -> String {
        abstract.sections.compactMap { section in
            guard let body = text(section.text) else { return nil }
            return text(section.label).map { "\($0): \(body)" } ?? body
        }.joined(separator: " ")
    }

    /// A note on where the work stands: `RETRACTED. Retraction in: <notice citation>. doi: ...`,
    /// `EXPRESSION OF CONCERN. Expression of concern in: ...`, `CORRECTED. Erratum in: ...`,
    /// `REINSTATED. Reinstatement in: ...`; nil when no notice says anything.
    static func statusNote(for work: WorkDetail) -> String? {
        guard let status = work.status else { return nil }
        let heading = status.words.uppercased()
        let notice: Notice?
        switch status {
        case .retracted:
            let evidenceNotice = work.retractionEvidence.lazy.compactMap { evidence -> Notice? in
                guard evidence.kind == .retractionOf, let notice = evidence.assertedBy else { return nil }
                return Notice(kind: .retractionIn, citation: notice.citation ?? notice.title, pmid: notice.pmid, doi: notice.doi)
            }.first
            notice = work.notices.first(where: { $0.kind == .retractionIn }) ?? evidenceNotice
                ?? work.notices.first(where: { $0.kind == .partialRetractionIn })
        case .reinstated: notice = work.notices.first { $0.kind == .reinstatementIn }
        case .expressionOfConcern: notice = work.notices.first { $0.kind == .expressionOfConcernIn }
        case .corrected: notice = work.notices.first { $0.kind == .erratumIn }
        }
        guard let notice else { return heading }
        let citation = text(notice.citation)
        let mentions = citation?.lowercased() ?? ""
        var parts = [citation].compactMap { $0 }
        if let doi = notice.doi, !mentions.contains(doi.value) { parts.append("doi: \(doi.value)") }
        if let pmid = notice.pmid, !mentions.contains(String(pmid.value)) { parts.append("PMID: \(pmid.value)") }
        guard !parts.isEmpty else { return heading }
        let trimmed = parts.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
        return "\(heading). \(notice.kind.noticeLabel): " + trimmed.joined(separator: ". ")
    }

    static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date as PubMed prints it, `2024 Jan 3`, or the source's own wording when it says
    /// more (`1998 Dec-1999 Jan`).
    static func printedDate(_ date: PartialDate) -> String? {
        if let text = text(date.text) { return text }
        guard let year = date.year else { return nil }
        var parts = [String(year)]
        if let month = date.month, (1...12).contains(month) {
            parts.append(monthAbbreviations[month - 1])
            if let day = date.day { parts.append(String(day)) }
        }
        return parts.joined(separator: " ")
    }
}

/// What kind of publication a work is, as the export formats name kinds.
enum WorkType {
    case article, book, chapter, other

    init(_ work: WorkDetail) {
        let types = Set(work.record.publicationTypes.map { $0.lowercased() })
        if CitationFields.journal(of: work.record) != nil || types.contains("journal article") {
            self = .article
        } else if types.contains("book") || types.contains("monograph") {
            self = .book
        } else if types.contains("book chapter") || types.contains("chapter") {
            self = .chapter
        } else {
            self = .other
        }
    }
}
