import LitKBModel

/// `journal-meta`, `article-id`s, `title-group` and the publication dates of `article-meta`.
extension JATSArticleReader {
    /// Journal title (in `journal-title-group` or, in NLM 2.x files, directly), abbreviation, ISSN.
    ///
    /// The abbreviation: `nlm-ta` first, since it is what PubMed's `ISOAbbreviation` and
    /// `MedlineTA` hold today (`Environ Health Perspect`); PMC's `iso-abbrev` keeps the older
    /// dotted form (`Environ. Health Perspect`). The ISSN: print, else electronic, as PubMed's
    /// `ISSNLinking` mostly is the print one.
    mutating func readJournal(_ journal: Element) {
        var abbreviations: [String: String] = [:]
        var issns: [String: String] = [:]
        for child in journal.elements {
            switch child.name {
            case "journal-title": record.journal.title = record.journal.title ?? child.nonEmptyText
            case "journal-title-group":
                for part in child.elements {
                    if part.name == "journal-title" { record.journal.title = record.journal.title ?? part.nonEmptyText }
                    let type = part.attribute("abbrev-type") ?? ""
                    if part.name == "abbrev-journal-title", let value = part.nonEmptyText, abbreviations[type] == nil {
                        abbreviations[type] = value
                    }
                }
            case "abbrev-journal-title", "journal-id":
                let type = child.attribute(child.name == "journal-id" ? "journal-id-type" : "abbrev-type") ?? ""
                if let value = child.nonEmptyText, abbreviations[type] == nil { abbreviations[type] = value }
            case "issn":
                let type = child.attribute("pub-type") ?? child.attribute("publication-format") ?? ""
                if let value = child.nonEmptyText, issns[type] == nil { issns[type] = value }
            default: break
            }
        }
        record.journal.isoAbbreviation = abbreviations["nlm-ta"] ?? abbreviations["iso-abbrev"]
        record.journal.issn = issns["ppub"] ?? issns["print"] ?? issns["epub"] ?? issns["electronic"] ?? issns[""]
    }

    /// `pmid`, `pmc` (`PMC123` or bare `123`), `doi`; the publisher's own id is not an
    /// identifier litkb matches by and is dropped; other types (`pii`, ...) are kept by name.
    mutating func readArticleID(_ node: Element) {
        guard let value = node.nonEmptyText else { return }
        let type = node.attribute("pub-id-type") ?? ""
        switch type {
        case "pmid":
            if record.ids.pmid == nil { record.ids.pmid = PMID(value) }
            if record.ids.pmid != nil, record.ids.pmidVersion == nil { record.ids.pmidVersion = 1 }
        case "pmc", "pmcid":
            if record.ids.pmcid == nil { record.ids.pmcid = IdentifierText.pmcid(value) }
        case "doi":
            if record.ids.doi == nil { record.ids.doi = DOI(value) }
        case "publisher-id", "pmc-uid", "pmcaid":
            break
        default:
            let id = ArticleID(type: type, value: value)
            if !record.ids.others.contains(id) { record.ids.others.append(id) }
        }
    }

    /// The title in English goes to `title`, as PubMed's `ArticleTitle` is English: for an
    /// article in another language with an English `trans-title`, that translation is the
    /// title and the original is the vernacular title. Otherwise `article-title` is the title
    /// and a `trans-title` (first one) the vernacular title.
    mutating func readTitles(_ group: Element) {
        let title = group.child("article-title")?.nonEmptyText
        var translations: [(language: String?, text: String)] = []
        for wrapper in group.children("trans-title-group") {
            let language = wrapper.nonEmptyAttribute("xml:lang").flatMap(JATSLanguage.code)
            for translated in wrapper.children("trans-title") {
                if let text = translated.nonEmptyText {
                    translations.append((translated.nonEmptyAttribute("xml:lang").flatMap(JATSLanguage.code) ?? language, text))
                }
            }
        }
        for translated in group.children("trans-title") {
            if let text = translated.nonEmptyText { translations.append((translated.nonEmptyAttribute("xml:lang").flatMap(JATSLanguage.code), text)) }
        }
        if language != "eng", let english = translations.first(where: { $0.language == "eng" }) {
            record.title = english.text
            record.vernacularTitle = title
        } else {
            record.title = title
            record.vernacularTitle = translations.first?.text
        }
    }

    /// `pub-date`s: print (`ppub`, `print`, or `collection`, the date) → `published`;
    /// electronic (`epub`, `electronic`) → `electronicPublished`. JATS 1.1+ writes
    /// `date-type="pub" publication-format="electronic"` instead of `pub-type`. An article
    /// published only online has its electronic date as its publication date, as in PubMed.
    mutating func readDates(_ meta: Element) {
        var dates: [String: PartialDate] = [:]
        for node in meta.children("pub-date") {
            let type = node.attribute("pub-type") ?? {
                switch (node.attribute("date-type"), node.attribute("publication-format")) {
                case ("collection"?, _): "collection"
                case ("pub"?, "electronic"?), (nil, "electronic"?): "epub"
                case ("pub"?, "print"?), (nil, "print"?): "ppub"
                case (let type?, _): type
                default: ""
                }
            }()
            if let date = JATSArticleReader.date(node), dates[type] == nil { dates[type] = date }
        }
        let electronic = dates["epub"] ?? dates["epub-ppub"]
        record.published = dates["ppub"] ?? dates["collection"] ?? dates["epub-ppub"] ?? dates["pub"] ?? dates[""] ?? electronic
        record.electronicPublished = dates["epub"]
    }

    /// `<day>2</day><month>8</month><year>2011</year>`, month as a number or a name; a
    /// `season` is kept as text (`2001 Spring`), as PubMed's parser keeps it.
    static func date(_ node: Element) -> PartialDate? {
        guard let year = node.child("year").flatMap({ JATSArticleReader.year($0.text) }) else {
            return node.child("string-date").flatMap { PartialDate(parsing: $0.text) }
        }
        let month = node.child("month").flatMap { PubMedDates.monthNumber($0.text) }
        if let season = node.child("season")?.nonEmptyText {
            return PartialDate(year: year, month: month, text: "\(year) \(season)")
        }
        let day = node.child("day").flatMap { Int($0.text) }.flatMap { (1...31).contains($0) ? $0 : nil }
        return PartialDate(year: year, month: month, day: month == nil ? nil : day)
    }

    /// The four-digit year at the start of `text` (`2008`, `2008a`, `2008 [cited 2010]`).
    static func year(_ text: String) -> Int? {
        let digits = text.whitespaceTrimmed.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, let year = Int(digits), (1000...2999).contains(year) else { return nil }
        return year
    }
}
