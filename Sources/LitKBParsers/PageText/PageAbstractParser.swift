import LitKBModel

/// The abstracts under a page's "Abstract" heading, and its "Plain language summary".
///
/// One heading can hold several abstracts: the seed has an English one on a single line with
/// labels run into the previous sentence, then a Spanish one with a label starting each line.
/// Lines are grouped into abstracts by their language, decided from the text, and a label
/// that opens a new line the way the current abstract opened starts another abstract.
enum PageAbstractParser {
    private struct Draft {
        var language: String?
        var firstLabel: String?
        var sections: [AbstractSection] = []
        var copyright: String?
        var tally = [Int](repeating: 0, count: LanguageDetector.supportedLanguages.count)

        mutating func add(_ lineTally: [Int]) {
            for index in tally.indices { tally[index] += lineTally[index] }
        }
    }

    /// The abstracts in page order: the first is `.main`, later ones `.publisher`.
    static func abstracts(_ lines: [PageLine], report: inout PageTextReport) -> [Abstract] {
        var drafts: [Draft] = []
        for line in lines {
            let text = line.text.whitespaceTrimmed
            if text.hasPrefix("©") || text.hasPrefix("Copyright") {
                if drafts.isEmpty {
                    report.keep(text, section: "Abstract", line: line.number, reason: "copyright line before any abstract text")
                } else {
                    let existing = drafts[drafts.count - 1].copyright
                    drafts[drafts.count - 1].copyright = existing.map { $0 + " " + text } ?? String(text)
                }
                continue
            }
            let segments = AbstractLabels.split(text)
            guard !segments.isEmpty else { continue }
            let lineTally = LanguageDetector.tally(text)
            let language = LanguageDetector.decide(lineTally)
            let firstLabel = segments.first?.label?.lowercased()
            let startsAnother: Bool = {
                guard let current = drafts.last else { return true }
                if let language, let currentLanguage = current.language, language != currentLanguage { return true }
                if let firstLabel, firstLabel == current.firstLabel { return true }
                return false
            }()
            if startsAnother {
                drafts.append(Draft(language: language, firstLabel: firstLabel))
            } else if drafts[drafts.count - 1].language == nil {
                drafts[drafts.count - 1].language = language
            }
            append(segments, to: &drafts[drafts.count - 1])
            drafts[drafts.count - 1].add(lineTally)
        }
        return drafts.enumerated().map { index, draft in
            Abstract(language: LanguageDetector.decide(draft.tally) ?? draft.language,
                     kind: index == 0 ? .main : .publisher,
                     sections: draft.sections,
                     copyright: draft.copyright)
        }
    }

    /// The plain-language summary as one abstract; its run-together sentences
    /// (`psychotherapy.Therapeutic alliance`) get their space back.
    static func plainLanguageSummary(_ lines: [PageLine]) -> Abstract? {
        var draft = Draft()
        for line in lines {
            let text = line.text.whitespaceTrimmed
            append(AbstractLabels.split(text), to: &draft)
            draft.add(LanguageDetector.tally(text))
        }
        guard !draft.sections.isEmpty else { return nil }
        draft.sections = draft.sections.map { section in
            var repaired = section
            repaired.text = repairRunTogetherSentences(section.text)
            return repaired
        }
        return Abstract(language: LanguageDetector.decide(draft.tally), kind: .plainLanguageSummary, sections: draft.sections)
    }

    /// Labelled segments open sections; unlabelled text continues the previous section (a
    /// further paragraph) or opens the one unlabelled section of an unstructured abstract.
    private static func append(_ segments: [AbstractLabels.Segment], to draft: inout Draft) {
        for segment in segments {
            if let label = segment.label {
                let category = AbstractLabels.label(label)?.nlmCategory
                draft.sections.append(AbstractSection(label: label, nlmCategory: category, text: String(segment.text)))
            } else if !draft.sections.isEmpty {
                draft.sections[draft.sections.count - 1].text += "\n" + segment.text
            } else {
                draft.sections.append(AbstractSection(label: nil, text: String(segment.text)))
            }
        }
    }

    /// Puts a space after a period that ends a sentence (lower-case letter or digit before it)
    /// and runs into the next one (a capital and a lower-case letter after it). `ClinicalTrials.gov`,
    /// `U.S.` and decimals stay as they are.
    static func repairRunTogetherSentences(_ text: String) -> String {
        let characters = Array(text)
        guard characters.count > 3 else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for index in characters.indices {
            result.append(characters[index])
            guard characters[index] == ".", index > 0, index + 2 < characters.count else { continue }
            let before = characters[index - 1]
            let after = characters[index + 1]
            let afterNext = characters[index + 2]
            if before.isLowercase || before == ")", after.isUppercase, afterNext.isLowercase {
                result.append(" ")
            }
        }
        return result
    }
}
