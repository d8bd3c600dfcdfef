import LitKBModel

/// `abstract` and `trans-abstract` (with their language and kind), `kwd-group`s, and the
/// conflict-of-interest statement.
extension JATSArticleReader {
    /// Sections come from `sec`s, labelled by their `title` (`Background:` → `Background`, with
    /// PubMed's category when the label is a known one); paragraphs outside any `sec` make one
    /// unlabelled section. The abstract's own `title` (`Abstract`, `Author Summary`) is a
    /// heading, not a section label.
    ///
    /// Kind: no `abstract-type` → main (a `trans-abstract` without one is a translation:
    /// `publisher`, as PubMed files other-language abstracts); author or plain-language
    /// summaries → `plain-language-summary`; any other type kept by name (`executive-summary`,
    /// `graphical`, `teaser`, ...).
    mutating func readAbstract(_ node: Element) {
        let declared = node.nonEmptyAttribute("xml:lang")
        let language = declared.flatMap(JATSLanguage.code) ?? language
        if let declared, JATSLanguage.code(declared) == nil {
            warn("abstract language \"\(declared)\" is not one litkb knows; \(language) assumed")
        }
        let kind = JATSArticleReader.abstractKind(node.nonEmptyAttribute("abstract-type"), translated: node.name == "trans-abstract")
        var sections: [AbstractSection] = []
        var loose = FlatText()
        for child in node.elements {
            switch child.name {
            case "sec": sections += JATSArticleReader.sections(child)
            case "title", "label", "object-id": break
            default:
                loose.append(element: child)
            }
        }
        if !loose.string.isEmpty { sections.insert(AbstractSection(text: loose.string), at: 0) }
        guard !sections.isEmpty else { return }
        record.abstracts.append(Abstract(language: language, kind: kind, sections: sections))
    }

    static func abstractKind(_ type: String?, translated: Bool) -> AbstractKind {
        guard let type = type?.lowercased() else { return translated ? .publisher : .main }
        switch type {
        case "summary", "author-summary", "plain-language-summary", "lay-summary", "plain-language", "patient-summary":
            return .plainLanguageSummary
        default:
            return AbstractKind(rawValue: type)
        }
    }

    /// A `sec` as one labelled section; a `sec` holding `sec`s gives one section per leaf, its
    /// own paragraphs first.
    static func sections(_ sec: Element) -> [AbstractSection] {
        let label = sec.child("title").map { String($0.text.droppingTrailing(":").whitespaceTrimmed) }.flatMap(\.nonEmpty)
        var text = FlatText()
        var nested: [AbstractSection] = []
        for child in sec.elements {
            switch child.name {
            case "title", "label": break
            case "sec": nested += sections(child)
            default:
                text.append(element: child)
            }
        }
        var result: [AbstractSection] = []
        if !text.string.isEmpty {
            result.append(AbstractSection(label: label, nlmCategory: label.flatMap { AbstractLabels.label($0)?.nlmCategory }, text: text.string))
        }
        return result + nested
    }

    /// Every `kwd-group`, with its `xml:lang` when given (the language is unknown otherwise, as
    /// for PubMed's keywords). `kwd-group-type` (`author`, ...) is not PubMed's owner notion and
    /// is dropped. A `compound-kwd` is read as its parts joined by spaces.
    mutating func readKeywords(_ group: Element) {
        let language = group.nonEmptyAttribute("xml:lang").flatMap(JATSLanguage.code)
        for keyword in group.elements where keyword.name == "kwd" || keyword.name == "compound-kwd" {
            let term = keyword.name == "kwd" ? keyword.text : keyword.elements.map(\.text).joined(separator: " ")
            guard !term.isEmpty else { continue }
            let entry = Keyword(term: term, language: language)
            if !record.keywords.contains(entry) { record.keywords.append(entry) }
        }
    }

    /// `fn fn-type="conflict"` or `"COI-statement"` (in `author-notes` or the back matter's
    /// `fn-group`), without its `Competing Interests:` lead-in.
    mutating func readConflictOfInterest(_ article: Element) {
        for fn in article.descendants("fn", stoppingAt: JATSArticleReader.otherArticles) {
            guard let type = fn.attribute("fn-type")?.lowercased(), type == "conflict" || type == "coi-statement" else { continue }
            var text = FlatText(skipped: ["label", "title"])
            for paragraph in fn.elements {
                if paragraph.name == "label" || paragraph.name == "title" { continue }
                text.append(JATSArticleReader.withoutLeadIn(paragraph))
                text.append(" ")
            }
            if let statement = text.string.nonEmpty {
                record.conflictOfInterest = statement
                return
            }
        }
    }

    /// The paragraph's text without a leading bold or italic `Label:` (`<bold>Competing
    /// Interests: </bold>The authors...`).
    static func withoutLeadIn(_ paragraph: Element) -> String {
        var output = FlatText()
        var first = true
        for child in paragraph.children {
            switch child {
            case .text(let text):
                if first, text.allSatisfy(FlatText.isSpace) { continue }
                output.append(text)
                first = false
            case .element(let element):
                if first, element.name == "bold" || element.name == "italic", element.text.hasSuffix(":") {
                    first = false
                    continue
                }
                first = false
                output.append(element: element)
            }
        }
        return output.string
    }
}
