import LitKBModel

/// `AB` with its copyright `CI`, and the other abstracts: `OAB` with its language `OABL` and
/// copyright `OCI`.
///
/// The main abstract's language follows the PubMed XML parser's rule: English when the
/// article's languages include English or are not given (MEDLINE indexes the English abstract
/// of most non-English articles), else the abstract's own words decide between English and
/// the article's languages.
extension MEDLINERecordBuilder {
    mutating func readAbstractField(_ field: MEDLINEField) {
        let value = field.value
        switch field.tag {
        case "AB":
            if !value.isEmpty { mainAbstract = mainAbstract.map { $0 + " " + value } ?? value }
        case "CI":
            if !value.isEmpty { mainCopyright = value }
        case "OAB":
            if !value.isEmpty { otherAbstracts.append((value, nil, nil)) }
        case "OABL":
            // The language is printed after the abstract it belongs to.
            if let last = otherAbstracts.indices.last, otherAbstracts[last].language == nil, !value.isEmpty {
                otherAbstracts[last].language = value
            } else {
                warn(field, "OABL without an OAB before it; dropped: \(value)")
            }
        case "OCI":
            if let last = otherAbstracts.indices.last, !value.isEmpty {
                otherAbstracts[last].copyright = value
            } else if !value.isEmpty {
                record.uninterpreted.append(UninterpretedContent(section: "OCI", line: field.line, text: value))
            }
        default: break
        }
    }

    mutating func finishAbstracts() {
        if mainAbstract != nil || mainCopyright != nil {
            var abstract = Abstract(language: nil, kind: .main, sections: MEDLINEAbstractSections.split(mainAbstract ?? ""),
                                    copyright: mainCopyright)
            abstract.language = LanguageDetector.mainAbstractLanguage(abstract, recordLanguages: record.languages)
            record.abstracts.append(abstract)
        }
        for other in otherAbstracts {
            // MEDLINE prints only the publisher's other-language abstracts with OABL; the
            // abstract's own words decide when the language is missing.
            let sections = MEDLINEAbstractSections.split(other.text)
            let language = other.language ?? LanguageDetector.detect(other.text)
            record.abstracts.append(Abstract(language: language, kind: .publisher, sections: sections, copyright: other.copyright))
        }
    }
}
