import LitKBModel

/// `Abstract` and `OtherAbstract`: sections with their labels, copyright, language and kind.
///
/// The main abstract's language: PubMed's main abstract is in English for nearly every record,
/// including most non-English articles (their English abstract is what MEDLINE indexes). So it
/// is `eng` when the article's languages include English or are not given; otherwise the
/// abstract's own words decide between English and the article's languages, and English wins
/// when they cannot tell.
extension RecordBuilder {
    mutating func readMainAbstract(_ node: XMLNode) {
        let abstract = RecordBuilder.abstract(node, language: nil, kind: .main)
        if !abstract.sections.isEmpty || abstract.copyright != nil { record.abstracts.insert(abstract, at: 0) }
    }

    mutating func readOtherAbstract(_ node: XMLNode) {
        let kind = AbstractKind(pubmedType: node.attribute(.type) ?? "other")
        let abstract = RecordBuilder.abstract(node, language: node.attribute(.language), kind: kind)
        if !abstract.sections.isEmpty { otherAbstracts.append(abstract) }
    }

    static func abstract(_ node: XMLNode, language: String?, kind: AbstractKind) -> Abstract {
        var abstract = Abstract(language: language, kind: kind, sections: [])
        for child in node.elements {
            switch child.name {
            case .abstractText:
                guard let text = child.nonEmptyText else { continue }
                let label = child.attribute(.label).flatMap { $0.isEmpty ? nil : $0 }
                let category = child.attribute(.nlmCategory).flatMap { $0.isEmpty ? nil : $0 }
                abstract.sections.append(AbstractSection(label: label, nlmCategory: category, text: text))
            case .copyrightInformation:
                abstract.copyright = child.nonEmptyText
            default: break
            }
        }
        return abstract
    }

    /// Settles the main abstract's language and puts the other abstracts after it.
    mutating func finishAbstracts() {
        if let index = record.abstracts.firstIndex(where: { $0.kind == .main }), record.abstracts[index].language == nil {
            record.abstracts[index].language = LanguageDetector.mainAbstractLanguage(record.abstracts[index], recordLanguages: record.languages)
        }
        record.abstracts.append(contentsOf: otherAbstracts)
        otherAbstracts = []
    }
}
