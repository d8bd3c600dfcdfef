import Foundation
import LitKBModel

/// PubMed's own "PubMed format" (MEDLINE, `.nbib`): a four-character tag, `- `, the value,
/// and continuation lines indented by six spaces, wrapped near 80 columns as PubMed wraps
/// them; records separated by a blank line. Zotero, EndNote and Mendeley import it, and
/// litkb's MEDLINE reader and Biopython's `Bio.Medline` read it back to the same fields.
public enum MEDLINEWriter {
    /// One record, ending with a newline.
    public static func record(for work: WorkDetail) -> String {
        let record = work.record
        var fields: [(String, String?)] = []
        fields.append(("PMID", record.ids.pmid.map { String($0.value) }))
        fields.append(("IS", record.journal.issn))
        fields.append(("VI", record.volume))
        fields.append(("IP", record.issue))
        fields.append(("DP", record.published.flatMap(CitationFields.printedDate)))
        fields.append(("TI", record.title))
        fields.append(("TT", record.vernacularTitle))
        fields.append(("PG", record.pages))
        fields.append(("LID", record.ids.doi.map { "\($0.value) [doi]" }))
        let main = record.abstracts.first { $0.kind == .main }
        if let main {
            fields.append(("AB", text(main)))
            fields.append(("CI", main.copyright))
        }
        fields.append(("COIS", record.conflictOfInterest))
        for author in record.authors {
            if let family = CitationFields.text(author.family) {
                fields.append(("FAU", CitationFields.invertedName(author)))
                fields.append(("AU", [family, CitationFields.text(author.initials) ?? initials(of: author.given)].compactMap { $0 }.joined(separator: " ")))
            } else {
                fields.append(("CN", author.collective ?? author.given))
            }
            fields.append(("AUID", author.orcid.map { "ORCID: \($0)" }))
            fields += author.affiliations.map { ("AD", $0) }
        }
        fields += record.languages.map { ("LA", $0) }
        fields += record.registrations.map { ("SI", "\($0.registry)/\($0.accession)") }
        fields += record.publicationTypes.map { ("PT", $0) }
        fields.append(("DEP", record.electronicPublished.flatMap(compactDate)))
        fields.append(("TA", record.journal.isoAbbreviation))
        fields.append(("JT", record.journal.title))
        fields += record.substances.map { ("RN", "\($0.registryNumber ?? "0") (\($0.name))") }
        fields += record.mesh.map { ("MH", heading($0)) }
        if let owner = record.keywords.first?.owner { fields.append(("OTO", owner)) }
        fields += record.keywords.map { ("OT", ($0.major ? "*" : "") + $0.term) }
        for abstract in record.abstracts where abstract.kind != .main {
            fields.append(("OAB", text(abstract)))
            fields.append(("OABL", abstract.language))
            fields.append(("OCI", abstract.copyright))
        }
        // Notices as PubMed prints them: the notice's source, then its PMID.
        for notice in work.notices {
            guard let tag = notice.kind.medlineTag, let citation = CitationFields.text(notice.citation) ?? notice.doi.map({ "doi: \($0.value)" }) else { continue }
            let trimmed = citation.hasSuffix(".") ? String(citation.dropLast()) : citation
            fields.append((tag, trimmed + (notice.pmid.map { ". PMID: \($0.value)" } ?? "")))
        }
        fields.append(("PMC", record.ids.pmcid?.value))
        fields.append(("AID", record.ids.doi.map { "\($0.value) [doi]" }))
        fields.append(("SO", source(of: record)))
        var output = ""
        for (tag, value) in fields {
            guard let value = CitationFields.text(value) else { continue }
            output += line(tag: tag, value: value)
        }
        return output
    }

    /// Tags whose continuation lines every reader joins to the line before. Biopython's
    /// `Bio.Medline` joins only these (and appends `MH` and `AD` continuations to the value
    /// before); a continued `FAU`, `CN`, `OT` or `OAB` would come back as two values. Those are
    /// written on one line, however long: litkb's reader and PubMed's import take any length.
    static let wrappedTags: Set<String> = [
        "PMID", "SO", "TA", "IS", "TT", "IP", "VI", "DP", "PG", "LID", "DEP", "PMC", "AB", "TI", "JT", "MH", "AD",
    ]

    /// `TAG - value`, wrapped where the tag allows: continuation lines start with six spaces.
    static func line(tag: String, value: String) -> String {
        let prefix = tag + String(repeating: " ", count: max(0, 4 - tag.count)) + "- "
        guard wrappedTags.contains(tag), value.utf8.count > 80 - 6 else { return prefix + value + "\n" }
        // In bytes: a line's width counts scalars (bytes that do not continue one).
        var output = Array(prefix.utf8)
        output.reserveCapacity(prefix.utf8.count + value.utf8.count + value.utf8.count / 64 * 7 + 1)
        var width = 0   // scalars on the current line, after its indentation
        for word in value.utf8.split(separator: UInt8(ascii: " ")) {
            let length = word.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
            if width > 0, width + 1 + length > 80 - 6 {
                output += "\n      ".utf8
                width = 0
            } else if width > 0 {
                output.append(UInt8(ascii: " "))
                width += 1
            }
            output += word
            width += length
        }
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    /// The abstract's sections as MEDLINE prints them: `LABEL: text`, labels in capitals.
    static func text(_ abstract: Abstract) -> String {
        abstract.sections.compactMap { section in
            guard let body = CitationFields.text(section.text) else { return nil }
            return CitationFields.text(section.label).map { "\($0.uppercased()): \(body)" } ?? body
        }.joined(separator: " ")
    }

    /// `20240103`, as `DEP` has it; only a full date.
    static func compactDate(_ date: PartialDate) -> String? {
        guard let year = date.year, let month = date.month, let day = date.day else { return nil }
        return String(format: "%04d%02d%02d", year, month, day)
    }

    static func initials(of given: String?) -> String? {
        guard let given = CitationFields.text(given) else { return nil }
        let letters = given.split(whereSeparator: { $0 == " " || $0 == "-" }).compactMap(\.first).map(String.init)
        return letters.isEmpty ? nil : letters.joined()
    }

    /// `Information Storage and Retrieval/*methods`: `*` marks a major topic.
    static func heading(_ heading: MeshHeading) -> String {
        ([(heading.major ? "*" : "") + heading.descriptor] + heading.qualifiers.map { ($0.major ? "*" : "") + $0.name }).joined(separator: "/")
    }

    /// `Eur J Psychotraumatol. 2024;15(1):2297536. doi: 10.1080/...`.
    static func source(of record: WorkRecord) -> String? {
        guard let journal = CitationFields.text(record.journal.isoAbbreviation) ?? CitationFields.text(record.journal.title) else { return nil }
        var source = journal + "."
        if let date = record.published.flatMap(CitationFields.printedDate) { source += " " + date }
        if let volume = CitationFields.text(record.volume) {
            source += ";" + volume + (CitationFields.text(record.issue).map { "(\($0))" } ?? "")
        }
        if let pages = CitationFields.text(record.pages) { source += ":" + pages }
        source += "."
        if let doi = record.ids.doi { source += " doi: \(doi.value)." }
        return source
    }
}
