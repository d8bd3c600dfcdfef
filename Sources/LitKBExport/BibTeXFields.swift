import Foundation
import LitKBModel

/// One `name = {value}` line of an entry; a macro value (`month = jan`) is written bare.
struct BibTeXField: Hashable, Sendable {
    var name: String
    var value: String
    var isMacro = false
}

/// The fields of one work's entry, in the order they are written, values already escaped.
enum BibTeXFields {
    static func fields(for work: WorkDetail) -> [BibTeXField] {
        let record = work.record
        let date = record.citationDate
        let author = authors(record.authors)
        let fields: [BibTeXField?] = [
            field("author", author),
            // BibTeX sorts and labels by `key` when there is no author; without one, author-year
            // styles label every anonymous work alike and run out of suffix letters.
            field("key", author == nil ? (record.citationTitle ?? journal(of: record)).map(LaTeX.escape) : nil),
            field("title", record.citationTitle.map(LaTeX.escapeTitle)),
            field("journal", journal(of: record).map(LaTeX.escape)),
            field("year", date?.year.map { String($0) }),
            date?.month.flatMap { (1...12).contains($0) ? BibTeXField(name: "month", value: months[$0 - 1], isMacro: true) : nil },
            field("volume", text(record.volume).map(LaTeX.escape)),
            field("number", text(record.issue).map(LaTeX.escape)),
            field("pages", text(record.pages).map { pages(PageRanges.expanded($0)) }),
            field("doi", record.ids.doi.map { verbatim($0.value) }),
            field("pmid", record.ids.pmid.map { String($0.value) }),
            field("pmcid", record.ids.pmcid?.value),
            field("language", language(record.languages)),
            field("keywords", keywords(record.keywords)),
            field("note", CitationFields.statusNote(for: work).map(LaTeX.escape)),
            field("abstract", CitationFields.mainAbstract(record.abstracts).map(CitationFields.abstractText).flatMap(text).map(LaTeX.escape)),
        ]
        return fields.compactMap { $0 }
    }

    private static func field(_ name: String, _ value: String?) -> BibTeXField? {
        value.map { BibTeXField(name: name, value: $0) }
    }

    static func journal(of record: WorkRecord) -> String? { CitationFields.journal(of: record) }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Family, Given and Family, Suffix, Given and {Collective Name}`.
    static func authors(_ authors: [Author]) -> String? {
        let names = authors.compactMap(name)
        return names.isEmpty ? nil : names.joined(separator: " and ")
    }

    static func name(_ author: Author) -> String? {
        guard let family = text(author.family) else {
            return (text(author.collective) ?? text(author.given)).map { "{\(LaTeX.escape($0))}" }
        }
        let given = text(author.given) ?? text(author.initials).map(dottedInitials)
        guard let given else {
            // Without a comma, BibTeX would read `De Souza` as first name `De`, last name `Souza`.
            return family.contains(" ") ? "{\(LaTeX.escape(family))}" : namePart(family)
        }
        return ([namePart(family)] + [text(author.suffix?.trimmingCharacters(in: CharacterSet(charactersIn: ", "))).map(namePart)].compactMap { $0 } + [namePart(given)])
            .joined(separator: ", ")
    }

    /// A part of a name, braced when a comma or the word `and` in it would split the name list.
    private static func namePart(_ part: String) -> String {
        let escaped = LaTeX.escape(part)
        let splits = part.contains(",") || part.split(separator: " ").contains { $0.lowercased() == "and" }
        return splits ? "{\(escaped)}" : escaped
    }

    /// `RJ` → `R. J.`, so BibTeX sees two initials rather than one first name.
    private static func dottedInitials(_ initials: String) -> String {
        guard initials.allSatisfy(\.isLetter) else { return initials }
        return initials.map { "\($0)." }.joined(separator: " ")
    }

    /// Page ranges with an en dash (`--`) whichever dash the source used.
    static func pages(_ pages: String) -> String {
        var output = ""
        var inDash = false
        for character in LaTeX.collapsingWhitespace(pages) {
            if "-–—‐‑".contains(character) {
                if !inDash { output += "--" }
                inDash = true
            } else {
                output += LaTeX.escape(character)
                inDash = false
            }
        }
        return output
    }

    /// biblatex and hyperref read `doi` verbatim; only braces would upset BibTeX itself.
    private static func verbatim(_ value: String) -> String {
        value.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")
    }

    /// Babel names for the ISO 639-2/B codes PubMed uses; other codes are kept as given.
    static func language(_ codes: [String]) -> String? {
        let names = codes.compactMap(text).filter { $0 != "und" && $0 != "mul" }.map { languageNames[$0.lowercased()] ?? $0 }
        return names.isEmpty ? nil : names.map(LaTeX.escape).joined(separator: " and ")
    }

    static let languageNames: [String: String] = [
        "eng": "english", "spa": "spanish", "fre": "french", "ger": "german", "ita": "italian", "por": "portuguese",
        "dut": "dutch", "rus": "russian", "jpn": "japanese", "chi": "chinese", "pol": "polish", "swe": "swedish",
        "dan": "danish", "nor": "norwegian", "fin": "finnish", "cze": "czech", "hun": "hungarian", "tur": "turkish",
        "gre": "greek", "kor": "korean", "heb": "hebrew", "ara": "arabic", "ukr": "ukrainian", "slo": "slovak",
        "slv": "slovenian", "hrv": "croatian", "srp": "serbian", "rum": "romanian", "bul": "bulgarian",
        "cat": "catalan", "ice": "icelandic", "lit": "lithuanian", "lav": "latvian", "est": "estonian",
        "per": "persian", "afr": "afrikaans", "lat": "latin",
    ]

    static func keywords(_ keywords: [Keyword]) -> String? {
        let terms = keywords.compactMap { text($0.term) }
        return terms.isEmpty ? nil : terms.map(LaTeX.escape).joined(separator: ", ")
    }

    static func text(_ value: String?) -> String? { CitationFields.text(value) }
}
