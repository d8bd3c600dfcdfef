import Foundation
import LitKBModel

/// Reads the entries of a BibTeX `.bib`, an RIS `.ris`, a MEDLINE `.nbib`, or a plain list of
/// DOIs, PMIDs and PMCIDs (one or more per line), whichever the text is.
///
/// ```swift
/// let (format, entries) = try BibliographyReader.read(text, file: "refs.bib")
/// ```
public enum BibliographyReader {
    public static func read(_ text: String, file: String) throws(ParseError) -> (BibliographyFormat, [BibliographyEntry]) {
        let format = detect(text)
        let entries: [BibliographyEntry]
        switch format {
        case .bibtex: entries = bibtex(text, file: file)
        case .ris: entries = ris(text, file: file)
        case .medline: entries = try medline(text, file: file)
        case .identifiers: entries = identifiers(text, file: file)
        }
        return (format, entries)
    }

    static func detect(_ text: String) -> BibliographyFormat {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.whitespaceTrimmed }.filter { !$0.isEmpty }.prefix(50)
        if lines.contains(where: { $0.hasPrefix("@") && $0.contains("{") }) { return .bibtex }
        if lines.contains(where: { $0.hasPrefix("TY  -") }) { return .ris }
        if lines.contains(where: { $0.hasPrefix("PMID-") }) { return .medline }
        return .identifiers
    }

    // MARK: Plain lists

    static func identifiers(_ text: String, file: String) -> [BibliographyEntry] {
        var entries: [BibliographyEntry] = []
        // By Character: a CRLF is one Character, which `split(separator: "\n")` would not split at.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let content = line.whitespaceTrimmed
            if content.isEmpty || content.hasPrefix("#") { continue }
            // Several ids on a line, separated by spaces, commas or semicolons.
            for word in content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" }) {
                var entry = BibliographyEntry(file: file, line: index + 1)
                switch WorkIdentifier(parsing: word) {
                case .pmid(let pmid)?: entry.ids.pmid = pmid
                case .pmcid(let pmcid)?: entry.ids.pmcid = pmcid
                case .doi(let doi)?: entry.ids.doi = doi
                case nil: entry.problems.append("'\(word)' is not a DOI, PMID or PMCID")
                }
                entries.append(entry)
            }
        }
        return entries
    }

    // MARK: BibTeX

    /// Entries `@type{key, name = {value} | "value" | bare, ...}`; `@comment`, `@string` and
    /// `@preamble` are passed over. Values keep their inner braces' text, without the braces.
    static func bibtex(_ text: String, file: String) -> [BibliographyEntry] {
        let characters = Array(text)
        var entries: [BibliographyEntry] = []
        var index = 0
        var line = 1
        func advance() {
            if characters[index].isNewline { line += 1 }
            index += 1
        }
        while index < characters.count {
            guard characters[index] == "@" else { advance(); continue }
            let startLine = line
            advance()
            var type = ""
            while index < characters.count, characters[index].isLetter { type.append(characters[index]); advance() }
            while index < characters.count, characters[index].isWhitespace { advance() }
            guard index < characters.count, characters[index] == "{" || characters[index] == "(" else { continue }
            let close: Character = characters[index] == "{" ? "}" : ")"
            advance()
            if ["comment", "string", "preamble"].contains(type.lowercased()) {
                var depth = 1
                while index < characters.count, depth > 0 {
                    if characters[index] == "{" { depth += 1 } else if characters[index] == "}" { depth -= 1 }
                    advance()
                }
                continue
            }
            var key = ""
            while index < characters.count, characters[index] != ",", characters[index] != close { key.append(characters[index]); advance() }
            var fields: [String: String] = [:]
            var broken = false
            while index < characters.count, characters[index] != close {
                advance()  // the comma
                while index < characters.count, characters[index].isWhitespace || characters[index] == "," { advance() }
                if index >= characters.count || characters[index] == close { break }
                var name = ""
                while index < characters.count, characters[index] != "=", characters[index] != close, characters[index] != "," {
                    name.append(characters[index]); advance()
                }
                guard index < characters.count, characters[index] == "=" else { broken = !name.whitespaceTrimmed.isEmpty; continue }
                advance()
                while index < characters.count, characters[index].isWhitespace { advance() }
                var value = ""
                // A value is parts joined by `#`: braced, quoted or bare.
                while index < characters.count {
                    if characters[index] == "{" {
                        var depth = 0
                        repeat {
                            if characters[index] == "{" { depth += 1; if depth > 1 { value.append("{") } }
                            else if characters[index] == "}" { depth -= 1; if depth > 0 { value.append("}") } }
                            else { value.append(characters[index]) }
                            advance()
                        } while index < characters.count && depth > 0
                    } else if characters[index] == "\"" {
                        advance()
                        var depth = 0
                        while index < characters.count, !(characters[index] == "\"" && depth == 0) {
                            if characters[index] == "{" { depth += 1 } else if characters[index] == "}" { depth -= 1 }
                            value.append(characters[index]); advance()
                        }
                        if index < characters.count { advance() }
                    } else {
                        while index < characters.count, characters[index] != ",", characters[index] != close, characters[index] != "#",
                              !characters[index].isNewline {
                            value.append(characters[index]); advance()
                        }
                    }
                    while index < characters.count, characters[index].isWhitespace { advance() }
                    if index < characters.count, characters[index] == "#" { advance(); while index < characters.count, characters[index].isWhitespace { advance() }; continue }
                    break
                }
                fields[name.whitespaceTrimmed.lowercased()] = value.replacing("{", with: "").replacing("}", with: "")
                    .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            if index < characters.count { advance() }
            var entry = BibliographyEntry(file: file, line: startLine, key: String(key.whitespaceTrimmed).nonEmpty)
            if broken { entry.problems.append("a field without a value") }
            fill(&entry, doi: fields["doi"], pmid: fields["pmid"] ?? (fields["eprinttype"]?.lowercased() == "pubmed" ? fields["eprint"] : nil),
                 pmcid: fields["pmcid"], title: fields["title"], year: fields["year"] ?? fields["date"].map { String($0.prefix(4)) })
            if entry.ids.doi == nil, let url = fields["url"], url.lowercased().contains("doi.org/"), let doi = DOI(url) { entry.ids.doi = doi }
            entries.append(entry)
        }
        return entries
    }

    // MARK: RIS

    /// Records `TY  - ... ER  -`: `DO` (DOI), `AN` or `C1`/`M1` holding a PMID, `C2` a PMCID,
    /// `TI`/`T1` the title, `PY`/`Y1`/`DA` the year, `ID` the key.
    static func ris(_ text: String, file: String) -> [BibliographyEntry] {
        var entries: [BibliographyEntry] = []
        var fields: [String: [String]] = [:]
        var start = 0
        func finish() {
            guard !fields.isEmpty else { return }
            var entry = BibliographyEntry(file: file, line: start, key: fields["ID"]?.first)
            let pmid = (fields["AN"] ?? []).first { PMID($0) != nil }
            let year = (fields["PY"] ?? fields["Y1"] ?? fields["DA"])?.first.map { String($0.prefix(4)) }
            fill(&entry, doi: fields["DO"]?.first, pmid: pmid, pmcid: (fields["C2"] ?? []).first { $0.uppercased().hasPrefix("PMC") },
                 title: (fields["TI"] ?? fields["T1"])?.first, year: year)
            entries.append(entry)
            fields = [:]
        }
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            guard line.count >= 5, line.dropFirst(2).hasPrefix("  -") else { continue }
            let tag = String(line.prefix(2))
            let value = String(line.dropFirst(5).whitespaceTrimmed)
            if tag == "TY" { finish(); start = index + 1 }
            if tag == "ER" { finish(); continue }
            fields[tag, default: []].append(value)
        }
        finish()
        return entries
    }

    // MARK: MEDLINE

    static func medline(_ text: String, file: String) throws(ParseError) -> [BibliographyEntry] {
        let parsed = try MEDLINEParser.parse(text, file: file)
        var entries = parsed.records.map { parsed in
            BibliographyEntry(file: file, line: parsed.location.line ?? 0, ids: Identifiers(pmid: parsed.record.ids.pmid, pmcid: parsed.record.ids.pmcid,
                                                                                          doi: parsed.record.ids.doi),
                              title: parsed.record.title, year: parsed.record.published?.year)
        }
        for failure in parsed.failures {
            entries.append(BibliographyEntry(file: file, line: failure.location.line ?? 0, problems: [failure.message]))
        }
        return entries.sorted { $0.line < $1.line }
    }

    /// An entry's fields, each checked: a DOI or PMID that is not one is a problem, not an id.
    private static func fill(_ entry: inout BibliographyEntry, doi: String?, pmid: String?, pmcid: String?, title: String?, year: String?) {
        if let doi = doi?.whitespaceTrimmed, !doi.isEmpty {
            if let value = DOI(doi) { entry.ids.doi = value } else { entry.problems.append("doi '\(doi)' is not a DOI") }
        }
        if let pmid = pmid?.whitespaceTrimmed, !pmid.isEmpty {
            if let value = PMID(pmid) { entry.ids.pmid = value } else { entry.problems.append("pmid '\(pmid)' is not a PMID") }
        }
        if let pmcid = pmcid?.whitespaceTrimmed, !pmcid.isEmpty {
            if let value = PMCID(pmcid) { entry.ids.pmcid = value } else { entry.problems.append("pmcid '\(pmcid)' is not a PMCID") }
        }
        entry.title = title.flatMap { String($0.whitespaceTrimmed).nonEmpty }
        entry.year = year.flatMap { Int($0.whitespaceTrimmed) }
    }
}
