import LitKBExport
import LitKBStore

/// `search --explain`: PubMed's "search details" for a litkb query.
enum SearchDetails {
    static func text(_ explanation: SearchExplanation, query: String, filter: SearchFilter) -> String {
        var out = ["Search details for: \(query)"]
        for line in explanation.lines {
            let operation = line.excluded ? "NOT " : line.alternative ? "OR " : ""
            out.append("  \(operation)\(term(line.term)): \(IngestText.plural(line.count, "work"))")
        }
        out.append("  the words together: \(IngestText.plural(explanation.matches, "work"))")
        for condition in filters(filter) { out.append("  AND \(condition)") }
        out.append("Total: \(IngestText.plural(explanation.total, "work"))")
        out.append("FTS5 query: \(explanation.pattern)")
        return out.joined(separator: "\n")
    }

    static func json(_ explanation: SearchExplanation, query: String, filter: SearchFilter) -> String {
        JSONValue.fields([
            "query": .string(query),
            "fts": .string(explanation.pattern),
            "terms": .array(explanation.lines.map { line in
                JSONValue.fields([
                    "term": .string(line.term.text),
                    "field": .string(line.term.column ?? "all"),
                    "prefix": .bool(line.term.prefix),
                    "operator": .string(line.excluded ? "NOT" : line.alternative ? "OR" : "AND"),
                    "count": .number(line.count),
                ])
            }),
            "wordsMatch": .number(explanation.matches),
            "filters": .array(filters(filter).map { .string($0) }),
            "count": .number(explanation.total),
        ]).rendered(pretty: true)
    }

    /// `"hip pain"` in title, `cardio*` in all fields.
    static func term(_ term: SearchQuery.Term) -> String {
        let text = term.text.contains(" ") ? "\"\(term.text)\"" : term.text
        return "\(text)\(term.prefix ? "*" : "") in \(field(term))"
    }

    static func field(_ term: SearchQuery.Term) -> String {
        term.column ?? "all fields (title, abstracts, keywords, MeSH)"
    }

    static func filters(_ filter: SearchFilter) -> [String] {
        var conditions: [String] = []
        if let years = filter.years {
            let span = years.lowerBound == years.upperBound ? "\(years.lowerBound)" : "\(years.lowerBound) to \(years.upperBound)"
            conditions.append("published \(span) (in print, else electronically)")
        }
        if !filter.publicationTypes.isEmpty { conditions.append("publication type " + filter.publicationTypes.joined(separator: " or ")) }
        if !filter.languages.isEmpty { conditions.append("language " + filter.languages.joined(separator: " or ")) }
        if filter.hasAbstract { conditions.append("has an abstract") }
        if let retracted = filter.retracted { conditions.append(retracted ? "retracted" : "not retracted") }
        return conditions
    }
}
