import LitKBModel

/// A work laid out for reading in a terminal.
enum WorkText {
    static func render(_ detail: WorkDetail) -> String {
        let record = detail.record
        var out: [String] = []
        if detail.retracted {
            out.append(Terminal.alert("*** RETRACTED *** " + retractionSummary(detail)))
            out.append("")
        } else if let status = detail.status {
            // The notices below say which and when.
            out.append("*** \(status.words.uppercased()) ***" + (status == .reinstated ? " (a retraction was lifted)" : ""))
            out.append("")
        }
        out.append(Terminal.bold(Terminal.wrap(record.title ?? "(no title known)", indent: 0)))
        if let vernacular = record.vernacularTitle { out.append(Terminal.wrap(vernacular, indent: 0)) }
        var ids: [String] = []
        if let pmid = record.ids.pmid { ids.append("PMID \(pmid)" + (record.ids.pmidVersion.map { $0 > 1 ? " (version \($0))" : "" } ?? "")) }
        if let pmcid = record.ids.pmcid { ids.append(pmcid.value) }
        if let doi = record.ids.doi { ids.append("doi:\(doi)") }
        out.append(ids.joined(separator: " · ") + (detail.isStub ? "  [stub: known only from other records' lists]" : ""))

        var facts: [(String, String)] = []
        if let journal = journalLine(record) { facts.append(("Journal", journal)) }
        if let date = record.published {
            facts.append(("Published", date.text ?? display(date)))
        }
        if let epub = record.electronicPublished { facts.append(("Epub", display(epub))) }
        if !record.languages.isEmpty { facts.append(("Language", record.languages.joined(separator: ", "))) }
        if !record.authors.isEmpty { facts.append(("Authors", record.authors.map(\.displayName).joined(separator: "; "))) }
        if !record.publicationTypes.isEmpty { facts.append(("Types", record.publicationTypes.joined(separator: "; "))) }
        for (label, value) in facts {
            out.append(pad(label) + Terminal.wrap(value, indent: 12, firstIndent: 0))
        }

        for abstract in detail.record.abstracts {
            out.append("")
            out.append(Terminal.bold(heading(abstract)))
            for section in abstract.sections {
                let text = section.label.map { "\($0): " + section.text } ?? section.text
                out.append(Terminal.wrap(text, indent: 2))
            }
            if let copyright = abstract.copyright { out.append(Terminal.wrap(copyright, indent: 2)) }
        }
        if record.abstracts.isEmpty { out += ["", "No abstract."] }

        var subjects: [(String, String)] = []
        if !record.keywords.isEmpty { subjects.append(("Keywords", record.keywords.map(\.term).joined(separator: "; "))) }
        if !record.mesh.isEmpty { subjects.append(("MeSH", record.mesh.map(\.display).joined(separator: "; "))) }
        if !record.substances.isEmpty {
            subjects.append(("Substances", record.substances.map { substance in substance.registryNumber.map { "\(substance.name) (\($0))" } ?? substance.name }.joined(separator: "; ")))
        }
        if !record.registrations.isEmpty {
            subjects.append(("Registered", record.registrations.map { "\($0.registry) \($0.accession)" }.joined(separator: "; ")))
        }
        if let coi = record.conflictOfInterest { subjects.append(("COI", coi)) }
        if !subjects.isEmpty { out.append("") }
        for (label, value) in subjects {
            out.append(pad(label) + Terminal.wrap(value, indent: 12, firstIndent: 0))
        }

        if !detail.notices.isEmpty {
            out.append("")
            out.append(Terminal.bold("Notices"))
            for notice in detail.notices {
                var text = notice.kind.noticeLabel + ": " + (notice.citation ?? "")
                if notice.citation == nil || !(notice.citation!.lowercased().contains(notice.doi?.value ?? "\u{0}")) {
                    if let pmid = notice.pmid { text += " PMID \(pmid)" }
                    if let doi = notice.doi { text += " doi:\(doi)" }
                }
                out.append(Terminal.wrap(text, indent: 4, firstIndent: 2))
                if let detail = notice.detail { out.append(Terminal.wrap(detail, indent: 4, firstIndent: 4)) }
            }
        }
        if !detail.retractionEvidence.isEmpty {
            out.append("")
            out.append(Terminal.bold("Retraction evidence"))
            for evidence in detail.retractionEvidence {
                out.append(Terminal.wrap(RetractionText.describe(evidence), indent: 4, firstIndent: 2))
            }
        }
        if !record.uninterpreted.isEmpty {
            out.append("")
            out.append("Kept but not interpreted: \(record.uninterpreted.count) line(s) (see --json)")
        }

        out.append("")
        let id = detail.record.ids.pmid.map { "\($0)" } ?? detail.record.ids.pmcid?.value ?? detail.record.ids.doi.map { "doi:\($0)" } ?? ""
        out.append("References \(detail.referenceCount.grouped) · Cited by \(detail.citationCount.grouped) · Similar \(detail.similarCount.grouped)"
                   + (id.isEmpty ? "" : "   (litkb refs|cited-by|similar \(id))"))
        for source in detail.sources {
            out.append("Source: \(source.path) (\(source.format.rawValue))")
        }
        return out.joined(separator: "\n")
    }

    private static func pad(_ label: String) -> String {
        label + ":" + String(repeating: " ", count: max(1, 11 - label.count))
    }

    private static func heading(_ abstract: Abstract) -> String {
        let language = abstract.language.map { LanguageNames.name(of: $0) } ?? "language unknown"
        switch abstract.kind {
        case .main: return "Abstract (\(language))"
        case .plainLanguageSummary: return "Plain language summary (\(language))"
        case .publisher: return "Abstract (\(language), publisher's)"
        default: return "Other abstract: \(abstract.kind.rawValue) (\(language))"
        }
    }

    private static func journalLine(_ record: WorkRecord) -> String? {
        guard let name = record.journal.title ?? record.journal.isoAbbreviation else { return nil }
        var text = name
        if let abbreviation = record.journal.isoAbbreviation, record.journal.title != nil, abbreviation != name { text += " (\(abbreviation))" }
        var citation = ""
        if let volume = record.volume { citation += volume }
        if let issue = record.issue { citation += "(\(issue))" }
        if let pages = record.pages { citation += (citation.isEmpty ? "" : ":") + pages }
        if !citation.isEmpty { text += ". " + citation }
        return text
    }

    static func display(_ date: PartialDate) -> String {
        guard let year = date.year else { return date.text ?? "" }
        var parts = [String(year)]
        if let month = date.month { parts.append(PartialDate.monthAbbreviations[month - 1]) }
        if let day = date.day { parts.append(String(day)) }
        return parts.joined(separator: " ")
    }

    private static func retractionSummary(_ detail: WorkDetail) -> String {
        if let notice = detail.notices.first(where: { $0.kind == .retractionIn }) {
            return "Retraction in: " + (notice.citation ?? notice.doi.map { "doi:\($0)" } ?? notice.pmid.map { "PMID \($0)" } ?? "")
        }
        return detail.retractionEvidence.first.map(RetractionText.describe) ?? ""
    }
}

enum LanguageNames {
    static let names: [String: String] = [
        "eng": "English", "spa": "Spanish", "ger": "German", "deu": "German", "fre": "French", "fra": "French",
        "ita": "Italian", "por": "Portuguese", "dut": "Dutch", "nld": "Dutch", "chi": "Chinese", "zho": "Chinese",
        "ara": "Arabic", "jpn": "Japanese", "rus": "Russian", "pol": "Polish", "tur": "Turkish", "kor": "Korean",
    ]

    /// `Spanish (spa)`, or the bare code when the name is unknown.
    static func name(of code: String) -> String {
        names[code].map { "\($0), \(code)" } ?? code
    }
}
