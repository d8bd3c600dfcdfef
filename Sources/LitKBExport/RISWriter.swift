import LitKBModel

/// RIS, as PubMed's and Zotero's exports write it: one `TAG  - value` line per value, `TY` first
/// and `ER` last, for Zotero, EndNote, Mendeley and screening tools (Rayyan, Covidence, ASReview).
///
/// ```
/// TY  - JOUR
/// AU  - Zeifman, Richard J
/// TI  - Preliminary evidence for the importance of therapeutic alliance ...
/// T2  - European journal of psychotraumatology
/// ...
/// ER  -
/// ```
///
/// RIS has no continuation lines: line breaks inside a value become spaces.
public enum RISWriter {
    /// One record, ending with `ER  - ` and a newline; records are separated by a blank line.
    public static func record(for work: WorkDetail) -> String {
        let record = work.record
        var lines: [(String, String?)] = [("TY", RISWriter.type(of: work))]
        lines += record.authors.map { ("AU", CitationFields.invertedName($0)) }
        lines.append(("TI", record.citationTitle))
        lines.append(("T2", CitationFields.journal(of: record)))
        lines.append(("J2", CitationFields.text(record.journal.isoAbbreviation)))
        if let date = record.citationDate {
            lines.append(("PY", date.year.map { String($0) }))
            lines.append(("DA", risDate(date)))
        }
        lines.append(("VL", record.volume))
        lines.append(("IS", record.issue))
        if let range = CitationFields.pageRange(record.pages) {
            lines.append(("SP", range.first))
            lines.append(("EP", range.last))
        }
        // The main abstract; abstracts in other languages follow as notes, which every RIS
        // reader keeps (a second AB is dropped or overwrites the first).
        let main = CitationFields.mainAbstract(record.abstracts)
        lines.append(("AB", main.map(CitationFields.abstractText)))
        lines += record.keywords.map { ("KW", $0.term) }
        lines += record.mesh.map { ("KW", $0.descriptor) }
        lines.append(("DO", record.ids.doi?.value))
        lines.append(("AN", record.ids.pmid.map { String($0.value) }))
        lines.append(("SN", record.journal.issn))
        lines += record.languages.map { ("LA", $0) }
        lines.append(("UR", CitationFields.url(for: record)))
        lines.append(("N1", CitationFields.statusNote(for: work)))
        lines.append(("N1", record.ids.pmcid.map { "PMCID: \($0.value)" }))
        for abstract in record.abstracts where abstract != main {
            let kind = abstract.kind == .plainLanguageSummary ? "Plain language summary" : "Abstract"
            let label = abstract.language.map { "\(kind) (\($0))" } ?? kind
            lines.append(("N1", "\(label): " + CitationFields.abstractText(abstract)))
        }
        var text = ""
        for (tag, value) in lines {
            guard let value = CitationFields.text(value) else { continue }
            text += "\(tag)  - \(value)\n"
        }
        return text + "ER  - \n"
    }

    /// `JOUR` for a journal article, `BOOK` / `CHAP` for books and their chapters, `GEN` otherwise.
    static func type(of work: WorkDetail) -> String {
        switch WorkType(work) {
        case .article: "JOUR"
        case .book: "BOOK"
        case .chapter: "CHAP"
        case .other: "GEN"
        }
    }

    /// RIS dates: `YYYY/MM/DD/`, parts unknown left empty (`2024///`).
    static func risDate(_ date: PartialDate) -> String? {
        guard let year = date.year else { return nil }
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : String($0) } ?? "" }
        return "\(year)/\(two(date.month))/\(two(date.day))/"
    }
}
