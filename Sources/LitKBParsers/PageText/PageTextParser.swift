import LitKBModel

/// Reads the plain text of a PubMed article page (see `shared/formats/page-text.md`): title,
/// identifiers, abstracts in every language, keywords, plain-language summary, conflict of
/// interest, similar and citing articles, references, publication types, MeSH terms,
/// substances, associated data and the notices about the work.
///
/// ```swift
/// let parsed = try PageTextParser.parse(text, file: "38174611.txt")
/// parsed.record.ids.pmid           // 38174611
/// parsed.record.abstracts.count    // 2 (English, Spanish)
/// parsed.record.links(of: .similar).first?.target.ids.pmid  // 40331914
/// ```
public enum PageTextParser {
    /// Cheap content sniffing on the first few KB of a file: true when it looks like a PubMed
    /// page text (a title line followed by `- PMID: digits` lines etc.). False for XML,
    /// MEDLINE/nbib (`PMID- 123` tag lines), JSON and binary content.
    public static func looksLikePageText(_ prefix: String) -> Bool {
        if prefix.contains("\u{0}") { return false }
        var sawTitle = false
        var examined = 0
        var rest = Substring(prefix)
        while !rest.isEmpty {
            let end = rest.firstIndex(where: \.isNewline) ?? rest.endIndex
            let text = rest[rest.startIndex..<end].whitespaceTrimmed.drop { $0 == "\u{FEFF}" }
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : rest[rest.endIndex...]
            if text.isEmpty { continue }
            examined += 1
            if examined > 40 { return false }
            if isForeignFormat(text) { return false }
            if let (key, value) = PageHeaderParser.identifierLine(text) {
                guard sawTitle else { return false }
                switch key.uppercased() {
                case "PMID": if PMID(value) != nil { return true }
                case "PMCID": if PMCID(value) != nil { return true }
                case "DOI": if DOI(value) != nil { return true }
                default: continue
                }
                return false
            }
            sawTitle = true
        }
        return false
    }

    /// Parse one whole page-text file. `file` is the name used in locations and warnings.
    ///
    /// Throws when the content is not a page text at all (binary, XML, MEDLINE, JSON, or text
    /// with no identifier line before the first heading, as in a truncated copy). Anything odd
    /// in a page text becomes a warning; content that cannot be interpreted is also kept in
    /// `record.uninterpreted`.
    public static func parse(_ text: String, file: String) throws(ParseError) -> ParsedRecord {
        try rejectForeignContent(text, file: file)
        let lines = PageTextLayout.lines(of: text)
        let sections = PageTextLayout.sections(of: lines)
        var report = PageTextReport(file: file)
        let header = PageHeaderParser.read(sections[0], report: &report)
        guard !header.ids.isEmpty else {
            let line = sections.count > 1 ? sections[1].headingLine ?? 1 : max(1, lines.last(where: { !$0.isBlank })?.number ?? 1)
            let place = sections.count > 1 ? "before the first heading (\"\(sections[1].name)\")" : "in the file"
            throw ParseError(location: SourceLocation(file: file, line: line),
                             message: "not a PubMed page text: no identifier line (\"- PMID: ...\", \"- DOI: ...\") \(place); the file may be truncated")
        }
        var record = WorkRecord(format: .pageText, ids: header.ids, title: header.title, flags: header.flags, links: header.notices)
        var keywordLines = header.keywordLines
        for section in sections.dropFirst() {
            read(section, into: &record, keywordLines: &keywordLines, report: &report)
        }
        warnIfTruncated(sections, lines: lines, report: &report)
        let abstractLanguages = record.abstracts.compactMap(\.language).reduce(into: [String]()) { languages, language in
            if !languages.contains(language) { languages.append(language) }
        }
        for line in keywordLines {
            record.keywords += SubjectSections.keywords(line.text, languages: abstractLanguages) ?? []
        }
        for abstract in record.abstracts {
            for section in abstract.sections {
                for registration in RegistrationScanner.registrations(in: section.text) where !record.registrations.contains(registration) {
                    record.registrations.append(registration)
                }
            }
        }
        let retracted = record.links.contains { $0.kind == .retractionIn } || record.publicationTypes.contains("Retracted Publication")
        if retracted, !record.flags.contains(WorkMention.retractedFlag) { record.flags.append(WorkMention.retractedFlag) }
        record.uninterpreted = report.uninterpreted
        return ParsedRecord(record: record, location: SourceLocation(file: file, pmid: record.ids.pmid), warnings: report.warnings)
    }

    /// A whole page ends with its subject and link-out sections; a copy that stops in the
    /// middle of an abstract or a list was most likely cut short. It is kept, and said so.
    private static func warnIfTruncated(_ sections: [PageSection], lines: [PageLine], report: inout PageTextReport) {
        let closing: [PageHeading] = [.publicationTypes, .meshTerms, .substances, .associatedData, .linkOut, .relatedInformation, .grantsAndFunding]
        if let last = sections.last?.heading, closing.contains(last) { return }
        let name = sections.count > 1 ? "the \"\(sections[sections.count - 1].name)\" section" : "its header"
        let line = lines.last(where: { !$0.isBlank })?.number
        report.warn("the page ends in \(name), before \"Publication types\", \"MeSH terms\" or \"LinkOut - more resources\": the file may be truncated", line: line)
    }

    // MARK: - Sections

    private static func read(_ section: PageSection, into record: inout WorkRecord, keywordLines: inout [PageLine],
                             report: inout PageTextReport) {
        guard let heading = section.heading else { return }
        let content = section.lines.filter { !$0.isBlank && !PageTextLayout.isPageChrome($0.text) }
        switch heading {
        case .abstract, .plainLanguageSummary, .conflictOfInterest:
            var prose: [PageLine] = []
            for line in content {
                if SubjectSections.keywords(line.text, languages: []) != nil {
                    keywordLines.append(line)
                } else if line.text.whitespaceTrimmed.droppingTrailing(".") == "No abstract available" {
                    if !record.flags.contains("No abstract available") { record.flags.append("No abstract available") }
                } else {
                    prose.append(line)
                }
            }
            switch heading {
            case .abstract:
                record.abstracts += PageAbstractParser.abstracts(prose, report: &report)
            case .plainLanguageSummary:
                if let summary = PageAbstractParser.plainLanguageSummary(prose) { record.abstracts.append(summary) }
            default:
                let statement = prose.map { String($0.text.whitespaceTrimmed) }.joined(separator: "\n")
                if !statement.isEmpty {
                    record.conflictOfInterest = record.conflictOfInterest.map { $0 + "\n" + statement } ?? statement
                }
            }
        case .figures, .linkOut, .relatedInformation:
            // Figure captions and link-out providers are not bibliographic data.
            break
        case .similarArticles:
            record.links += CitationListParser.links(section, kind: .similar, ranked: true, report: &report)
        case .citedBy:
            record.links += CitationListParser.links(section, kind: .citedBy, ranked: false, report: &report)
        case .notice(let kind):
            record.links += noticeLinks(section, kind: kind, report: &report)
        case .references:
            record.links += CitationListParser.references(section, report: &report)
        case .publicationTypes:
            for line in content {
                let type = String(line.text.whitespaceTrimmed)
                if !record.publicationTypes.contains(type) { record.publicationTypes.append(type) }
            }
        case .meshTerms:
            for line in content {
                if let heading = SubjectSections.meshHeading(line.text) { record.mesh.append(heading) }
            }
        case .substances:
            for line in content {
                if let substance = SubjectSections.substance(line.text) { record.substances.append(substance) }
            }
        case .associatedData:
            for line in content {
                guard let registrations = SubjectSections.associatedData(line.text) else {
                    report.keep(line.text, section: section.name, line: line.number, reason: "not a data-bank line")
                    continue
                }
                for registration in registrations where !record.registrations.contains(registration) {
                    record.registrations.append(registration)
                }
            }
        case .grantsAndFunding:
            // The record model has no grant field yet: keep each line, reported.
            for line in content {
                report.keep(line.text, section: section.name, line: line.number, reason: "grant line")
            }
        }
    }

    /// A notice heading ("Retraction in", "Erratum in", ...) followed either by list entries
    /// or by `Label: citation` lines.
    private static func noticeLinks(_ section: PageSection, kind: LinkKind, report: inout PageTextReport) -> [Link] {
        var links: [Link] = []
        var entryLines: [PageLine] = []
        for line in section.lines {
            if let (label, citation) = NoticeLabels.split(line.text.whitespaceTrimmed) {
                let (link, problems) = ListEntryParser.noticeLink(label: label, citation: citation)
                links.append(link)
                for problem in problems { report.warn("\(section.name): \(problem)", line: line.number) }
            } else {
                entryLines.append(line)
            }
        }
        var listSection = section
        listSection.lines = entryLines
        return links + CitationListParser.links(listSection, kind: kind, ranked: false, report: &report)
    }

    // MARK: - Not a page text

    private static func isForeignFormat(_ firstLine: Substring) -> Bool {
        if let first = firstLine.first, first == "<" || first == "{" || first == "[" { return true }
        // MEDLINE/nbib tag lines: "PMID- 123", "TI  - Title", "OWN - NLM".
        if firstLine.count >= 6 {
            let dash = firstLine.index(firstLine.startIndex, offsetBy: 4)
            if firstLine[dash] == "-", firstLine.prefix(4).allSatisfy({ ($0.isUppercase && $0.isASCII) || $0 == " " }),
               firstLine.first?.isUppercase == true {
                return true
            }
        }
        return firstLine.hasPrefix("PMID-")
    }

    /// Refuses binary, XML, JSON and MEDLINE content before any parsing. Scans UTF-8 bytes:
    /// walking a page's characters costs more than parsing the rest of it.
    private static func rejectForeignContent(_ text: String, file: String) throws(ParseError) {
        var lineNumber = 1
        var replacements = 0
        var firstLine: (text: Substring, number: Int)?
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0 {
                throw ParseError(location: SourceLocation(file: file, line: lineNumber),
                                 message: "binary content (NUL byte), not a PubMed page text")
            }
            // U+FFFD, what lenient decoding leaves for bytes that are not UTF-8.
            if byte == 0xBD, previous == 0xBF, beforePrevious == 0xEF {
                replacements += 1
                if replacements > 8 {
                    throw ParseError(location: SourceLocation(file: file, line: lineNumber),
                                     message: "binary or non-UTF-8 content, not a PubMed page text")
                }
            }
            let newline = byte == 10 && previous != 13 || byte == 13
            if newline {
                if firstLine == nil {
                    let line = text[lineStart..<index].whitespaceTrimmed.drop { $0 == "\u{FEFF}" }
                    if !line.isEmpty { firstLine = (line, lineNumber) }
                    lineStart = bytes.index(after: index)
                }
                lineNumber += 1
            } else if byte == 10, firstLine == nil {
                lineStart = bytes.index(after: index)
            }
            beforePrevious = previous
            previous = byte
        }
        if firstLine == nil {
            let line = text[lineStart...].whitespaceTrimmed.drop { $0 == "\u{FEFF}" }
            guard !line.isEmpty else {
                throw ParseError(location: SourceLocation(file: file, line: 1), message: "empty file, not a PubMed page text")
            }
            firstLine = (line, lineNumber)
        }
        if let firstLine, isForeignFormat(firstLine.text) {
            throw ParseError(location: SourceLocation(file: file, line: firstLine.number),
                             message: "looks like XML, JSON or MEDLINE, not a PubMed page text: \(PageTextReport.excerpt(firstLine.text))")
        }
    }
}
