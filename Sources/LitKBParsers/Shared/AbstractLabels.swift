/// The section labels structured abstracts use, in the languages PubMed carries, and the
/// splitting of an abstract's text on them.
///
/// Publishers' pages run a label into the previous sentence without a space
/// (`outcomes.Objective: Examine`), so a label counts only at the start of the text or right
/// after sentence-ending punctuation, and only when it is a known label followed by `": "`.
/// That keeps `n = 22`, `vs. placebo` and `e.g.: ` inside their sentences.
///
/// ```swift
/// AbstractLabels.split("Aim: x.Method: y.")  // [("Aim", "x."), ("Method", "y.")]
/// ```
enum AbstractLabels {
    struct Label: Hashable, Sendable {
        /// PubMed's normalized category (`BACKGROUND`, `OBJECTIVE`, `METHODS`, `RESULTS`, `CONCLUSIONS`).
        let nlmCategory: String?
        let languages: [String]
    }

    struct Segment: Hashable, Sendable {
        var label: String?
        var text: Substring
    }

    /// The label's category and languages; nil when `text` is not a known label.
    static func label(_ text: some StringProtocol) -> Label? {
        vocabulary[text.lowercased()]
    }

    /// Splits `text` at every known label; text before the first label is an unlabelled segment.
    static func split(_ text: Substring) -> [Segment] {
        var starts: [(labelStart: String.Index, label: Substring, textStart: String.Index)] = []
        var previous: Character?
        var beforePrevious: Character?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let atSentenceStart = previous == nil
                || previous!.endsSentence
                || (previous == " " && (beforePrevious?.endsSentence ?? false))
            if atSentenceStart, character.isUppercase, let match = labelMatch(in: text, at: index) {
                starts.append((index, match.label, match.textStart))
                beforePrevious = ":"
                previous = " "
                index = match.textStart
                continue
            }
            beforePrevious = previous
            previous = character
            index = text.index(after: index)
        }
        guard !starts.isEmpty else {
            let body = text.whitespaceTrimmed
            return body.isEmpty ? [] : [Segment(label: nil, text: body)]
        }
        var segments: [Segment] = []
        let lead = text[text.startIndex..<starts[0].labelStart].whitespaceTrimmed
        if !lead.isEmpty { segments.append(Segment(label: nil, text: lead)) }
        for (offset, start) in starts.enumerated() {
            let end = offset + 1 < starts.count ? starts[offset + 1].labelStart : text.endIndex
            segments.append(Segment(label: String(start.label), text: text[start.textStart..<end].whitespaceTrimmed))
        }
        return segments
    }

    private static let longestLabel = 48

    /// A known label starting at `index` and followed by `": "` (or `":"` at the end).
    private static func labelMatch(in text: Substring, at index: String.Index) -> (label: Substring, textStart: String.Index)? {
        var cursor = index
        var length = 0
        while cursor < text.endIndex, length <= longestLabel {
            let character = text[cursor]
            if character == ":" {
                let after = text.index(after: cursor)
                guard after == text.endIndex || text[after] == " " else { return nil }
                let candidate = text[index..<cursor]
                guard vocabulary[candidate.lowercased()] != nil else { return nil }
                var textStart = after
                while textStart < text.endIndex, text[textStart] == " " { textStart = text.index(after: textStart) }
                return (candidate, textStart)
            }
            guard character.isLetter || character == " " || character == "," || character == "-" || character == "&" || character == "/" else {
                return nil
            }
            cursor = text.index(after: cursor)
            length += 1
        }
        return nil
    }

    private static let table: [(String?, [String], [String])] = [
        // English
        ("BACKGROUND", ["eng"], ["background", "introduction", "context", "rationale", "importance"]),
        ("OBJECTIVE", ["eng"], ["objective", "objectives", "aim", "aims", "purpose", "goal", "goals", "aims and objectives",
                                "study objective", "study objectives"]),
        ("METHODS", ["eng"], ["method", "methods", "design", "setting", "participants", "patients", "interventions",
                              "intervention", "measurements", "measures", "materials and methods", "methods and materials",
                              "study design", "design, setting, and participants", "design, setting and participants",
                              "main outcomes and measures", "main outcome measures", "main outcome measure",
                              "patients and methods", "subjects and methods", "methodology", "approach", "exposures"]),
        ("RESULTS", ["eng"], ["results", "findings", "result", "outcomes", "main results"]),
        ("CONCLUSIONS", ["eng"], ["conclusion", "conclusions", "interpretation", "discussion", "conclusions and relevance",
                                  "implications", "clinical relevance", "relevance"]),
        (nil, ["eng"], ["limitations", "trial registration", "clinical trial registration", "registration",
                        "significance", "highlights", "funding", "evidence", "level of evidence", "summary",
                        "plain language summary", "what is known", "what is new"]),
        // Spanish
        ("BACKGROUND", ["spa"], ["antecedentes", "introducción", "contexto", "fundamento", "fundamentos"]),
        ("OBJECTIVE", ["spa", "por"], ["objetivo", "objetivos"]),
        ("OBJECTIVE", ["spa"], ["propósito", "finalidad"]),
        ("METHODS", ["spa", "por"], ["método", "métodos", "metodología", "diseño"]),
        ("METHODS", ["spa"], ["material y métodos", "materiales y métodos", "pacientes y métodos", "participantes"]),
        ("RESULTS", ["spa", "por"], ["resultados"]),
        ("CONCLUSIONS", ["spa"], ["conclusión", "conclusiones", "discusión"]),
        (nil, ["spa"], ["limitaciones", "registro del ensayo"]),
        // German
        ("BACKGROUND", ["ger"], ["hintergrund", "einleitung", "fragestellung", "einführung"]),
        ("OBJECTIVE", ["ger"], ["ziel", "ziele", "zielsetzung", "ziel der studie", "ziel der arbeit"]),
        ("METHODS", ["ger"], ["methode", "methoden", "methodik", "material und methoden", "patienten und methoden"]),
        ("RESULTS", ["ger"], ["ergebnisse", "ergebnis", "befunde"]),
        ("CONCLUSIONS", ["ger"], ["schlussfolgerung", "schlussfolgerungen", "schlußfolgerung", "schlußfolgerungen",
                                  "diskussion", "fazit", "folgerung", "folgerungen"]),
        (nil, ["ger"], ["zusammenfassung", "studienregistrierung"]),
        // French
        ("BACKGROUND", ["fre"], ["contexte", "introduction", "justification"]),
        ("OBJECTIVE", ["fre"], ["objectif", "objectifs", "but", "buts"]),
        ("METHODS", ["fre"], ["méthode", "méthodes", "méthodologie", "matériel et méthodes", "matériels et méthodes", "patients et méthodes"]),
        ("RESULTS", ["fre"], ["résultats", "résultat"]),
        ("CONCLUSIONS", ["fre"], ["conclusion", "conclusions", "discussion"]),
        (nil, ["fre"], ["limites"]),
        // Portuguese
        ("BACKGROUND", ["por"], ["introdução", "contexto", "fundamentos"]),
        ("METHODS", ["por"], ["material e métodos", "materiais e métodos"]),
        ("CONCLUSIONS", ["por"], ["conclusão", "conclusões", "discussão"]),
        // Italian
        ("BACKGROUND", ["ita"], ["introduzione", "premessa", "premesse", "contesto"]),
        ("OBJECTIVE", ["ita"], ["obiettivo", "obiettivi", "scopo"]),
        ("METHODS", ["ita"], ["metodi", "metodo", "materiali e metodi"]),
        ("RESULTS", ["ita"], ["risultati"]),
        ("CONCLUSIONS", ["ita"], ["conclusioni", "conclusione", "discussione"]),
        // Dutch
        ("BACKGROUND", ["dut"], ["achtergrond", "inleiding"]),
        ("OBJECTIVE", ["dut"], ["doel", "doelstelling", "doelstellingen"]),
        ("METHODS", ["dut"], ["methode", "methoden", "methodes"]),
        ("RESULTS", ["dut"], ["resultaten", "uitkomsten"]),
        ("CONCLUSIONS", ["dut"], ["conclusie", "conclusies", "discussie"]),
    ]

    /// Lower-cased label → category and every language it is a label in.
    private static let vocabulary: [String: Label] = {
        var result: [String: Label] = [:]
        for (category, languages, labels) in table {
            for label in labels {
                if let existing = result[label] {
                    let merged = existing.languages + languages.filter { !existing.languages.contains($0) }
                    result[label] = Label(nlmCategory: existing.nlmCategory ?? category, languages: merged)
                } else {
                    result[label] = Label(nlmCategory: category, languages: languages)
                }
            }
        }
        return result
    }()
}
