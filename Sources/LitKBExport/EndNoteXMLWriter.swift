import LitKBModel

/// EndNote's XML, the layout EndNote exports and EndNote and Zotero import: a `record` per work
/// inside `<xml><records>`, `ref-type` 17 for a journal article.
public enum EndNoteXMLWriter {
    public static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml><records>\n"
    public static let footer = "</records></xml>\n"

    /// One `<record>` element on one line, ending with a newline.
    public static func record(for work: WorkDetail) -> String {
        let record = work.record
        let (typeNumber, typeName) = type(of: work)
        var xml = "<record><ref-type name=\"\(typeName)\">\(typeNumber)</ref-type>"
        let authors = record.authors.compactMap(CitationFields.invertedName)
        if !authors.isEmpty {
            xml += "<contributors><authors>" + authors.map { element("author", $0) }.joined() + "</authors></contributors>"
        }
        let journal = CitationFields.journal(of: record)
        xml += "<titles>" + element("title", record.citationTitle) + element("secondary-title", journal)
            + element("alt-title", record.journal.isoAbbreviation) + "</titles>"
        if journal != nil {
            xml += "<periodical>" + element("full-title", journal) + element("abbr-1", record.journal.isoAbbreviation) + "</periodical>"
        }
        xml += element("pages", CitationFields.text(record.pages).map(PageRanges.expanded))
        xml += element("volume", record.volume) + element("number", record.issue)
        let keywords = record.keywords.map(\.term) + record.mesh.map(\.descriptor)
        if !keywords.isEmpty { xml += "<keywords>" + keywords.map { element("keyword", $0) }.joined() + "</keywords>" }
        if let date = record.citationDate, let year = date.year {
            xml += "<dates>" + element("year", String(year))
                + element("pub-dates", CitationFields.printedDate(date).map { escape($0) }.map { "<date>\($0)</date>" }, raw: true) + "</dates>"
        }
        xml += element("isbn", record.journal.issn)
        xml += element("accession-num", record.ids.pmid.map { String($0.value) })
        xml += element("abstract", CitationFields.mainAbstract(record.abstracts).map(CitationFields.abstractText))
        let notes = [CitationFields.statusNote(for: work), record.ids.pmcid.map { "PMCID: \($0.value)" }].compactMap { $0 }
        xml += element("notes", notes.isEmpty ? nil : notes.joined(separator: "\n"))
        xml += element("electronic-resource-num", record.ids.doi?.value)
        if let url = CitationFields.url(for: record) { xml += "<urls><related-urls>" + element("url", url) + "</related-urls></urls>" }
        xml += element("language", record.languages.first)
        return xml + "</record>\n"
    }

    static func type(of work: WorkDetail) -> (Int, String) {
        switch WorkType(work) {
        case .article: (17, "Journal Article")
        case .book: (6, "Book")
        case .chapter: (5, "Book Section")
        case .other: (13, "Generic")
        }
    }

    /// `<name>value</name>`, or nothing without a value; `raw` values are already XML.
    static func element(_ name: String, _ value: String?, raw: Bool = false) -> String {
        guard let value = raw ? value : CitationFields.text(value) else { return "" }
        return "<\(name)>\(raw ? value : escape(value))</\(name)>"
    }

    /// Text as XML character data: the five special characters escaped, and the control
    /// characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        let plain = text.utf8.allSatisfy { byte in
            byte >= 0x20 && byte != UInt8(ascii: "&") && byte != UInt8(ascii: "<") && byte != UInt8(ascii: ">")
                && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != 0xEF   // 0xEF: U+FFFE/U+FFFF start so
        }
        if plain { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20, scalar.value != 0xFFFE, scalar.value != 0xFFFF { output.unicodeScalars.append(scalar) }
            }
        }
        return output
    }
}
