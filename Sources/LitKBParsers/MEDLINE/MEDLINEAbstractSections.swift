import LitKBModel

/// Splits a MEDLINE abstract back into the labelled sections PubMed XML has.
///
/// PubMed prints a structured abstract in MEDLINE as one paragraph, each section as
/// `LABEL: text` after the previous one's final period (`... datasets. RESULTS: We have ...`).
/// A section starts where a sentence starts with a label and `": "`: a label the shared
/// vocabulary knows in any case (`Background:`), or any label in capitals of four letters or
/// more (`AVAILABILITY:`, `SUPPLEMENTARY INFORMATION:`), since PubMed prints labels as the
/// publisher gave them, mostly in capitals. Short capitals (`DNA:`, `HIV:`) need the
/// vocabulary, so an acronym opening a sentence stays in it.
enum MEDLINEAbstractSections {
    static func split(_ text: String) -> [AbstractSection] {
        let body = Substring(text).whitespaceTrimmed
        guard !body.isEmpty else { return [] }
        var starts: [(labelStart: String.Index, label: Substring, textStart: String.Index)] = []
        var index = body.startIndex
        var atSentenceStart = true
        while index < body.endIndex {
            let character = body[index]
            if atSentenceStart, character.isUppercase, let match = label(in: body, at: index) {
                starts.append((index, match.label, match.textStart))
                index = match.textStart
                atSentenceStart = false
                continue
            }
            // A sentence starts after ". ", "? ", "! " and after a bracket closing one.
            if character == " " {
                let previous = index > body.startIndex ? body[body.index(before: index)] : " "
                atSentenceStart = previous.endsSentence
            } else {
                atSentenceStart = false
            }
            index = body.index(after: index)
        }
        guard !starts.isEmpty else { return [AbstractSection(text: String(body))] }
        var sections: [AbstractSection] = []
        let lead = body[body.startIndex..<starts[0].labelStart].whitespaceTrimmed
        if !lead.isEmpty { sections.append(AbstractSection(text: String(lead))) }
        for (offset, start) in starts.enumerated() {
            let end = offset + 1 < starts.count ? starts[offset + 1].labelStart : body.endIndex
            let label = String(start.label)
            sections.append(AbstractSection(label: label, nlmCategory: AbstractLabels.label(label)?.nlmCategory,
                                            text: String(body[start.textStart..<end].whitespaceTrimmed)))
        }
        return sections
    }

    private static let longestLabel = 60

    private static func label(in text: Substring, at index: String.Index) -> (label: Substring, textStart: String.Index)? {
        var cursor = index
        var letters = 0
        var hasLowercase = false
        while cursor < text.endIndex, text.distance(from: index, to: cursor) <= longestLabel {
            let character = text[cursor]
            if character == ":" {
                let after = text.index(after: cursor)
                guard after == text.endIndex || text[after] == " " else { return nil }
                let candidate = text[index..<cursor].whitespaceTrimmed
                let known = AbstractLabels.label(candidate) != nil
                guard known || (!hasLowercase && letters >= 4) else { return nil }
                var textStart = after
                while textStart < text.endIndex, text[textStart] == " " { textStart = text.index(after: textStart) }
                return (candidate, textStart)
            }
            guard character.isLetter || " ,-&/".contains(character) else { return nil }
            if character.isLetter {
                letters += 1
                if character.isLowercase { hasLowercase = true }
            }
            cursor = text.index(after: cursor)
        }
        return nil
    }
}
