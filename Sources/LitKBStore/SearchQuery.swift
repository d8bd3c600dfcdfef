import Foundation

/// A user's search text compiled into an FTS5 query that is valid by construction: every term
/// is quoted, so a stray quote, colon or operator in the text can never become an FTS syntax error.
///
/// Grammar: words and `"quoted phrases"` must all match; `OR` between two terms accepts either;
/// `-term` or `NOT term` excludes; `term*` matches a prefix; `title:`, `abstract:`, `keywords:`,
/// `mesh:` restrict a term to one field.
///
/// ```swift
/// try SearchQuery(parsing: "alianza terapeutica -cannabis").pattern
/// // "alianza" AND "terapeutica" NOT ("cannabis")
/// ```
public struct SearchQuery: Hashable, Sendable {
    public let pattern: String
    /// Whether a term is a prefix (`cardio*`): FTS5 then merges the doclists of every term it
    /// stands for each time the query is evaluated.
    public let hasPrefix: Bool
    /// The terms as litkb read them, for `--explain`: groups that must all match (each group
    /// any of its terms: OR), then the terms that exclude.
    public let required: [[Term]]
    public let excluded: [Term]

    public struct Term: Hashable, Sendable {
        public internal(set) var text: String
        public internal(set) var prefix = false
        /// The full-text column it is limited to (title, abstract, keywords, mesh); nil: all.
        public internal(set) var column: String?
        var excluded = false

        /// The term as an FTS5 query of its own.
        public var fts: String {
            let quoted = "\"" + text.replacingQuotes + "\"" + (prefix ? " *" : "")
            return column.map { "\($0) : \(quoted)" } ?? quoted
        }
    }

    private static let columns: [String: String] = [
        "title": "title", "abstract": "abstract", "keyword": "keywords", "keywords": "keywords", "mesh": "mesh",
    ]

    /// Whether `name:` followed by `rest` reads as a field the user meant (`author:smith`,
    /// `year:2019`) rather than text with a colon in it (`10:30`, `http://`, `Note: ...`).
    private static func looksLikeField(_ name: String, before rest: Substring) -> Bool {
        guard name.count >= 2, name.allSatisfy({ $0.isASCII && $0.isLetter }), let next = rest.first else { return false }
        return !next.isWhitespace && next != "/"
    }

    public init(parsing text: String) throws(StoreError) {
        var groups: [[Term]] = []   // AND of ORs
        var excluded: [Term] = []
        var pendingOr = false
        var pendingNot = false
        var index = text.startIndex

        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
                continue
            }
            var term = Term(text: "")
            if pendingNot { term.excluded = true; pendingNot = false }
            if character == "-" {
                term.excluded = true
                index = text.index(after: index)
                guard index < text.endIndex, !text[index].isWhitespace else { continue }
            }
            // An optional field prefix: title:word, mesh:"a phrase".
            if let colon = text[index...].firstIndex(where: { $0 == ":" || $0.isWhitespace || $0 == "\"" }), text[colon] == ":" {
                let name = text[index..<colon].lowercased()
                if let column = Self.columns[name] {
                    term.column = column
                    index = text.index(after: colon)
                    guard index < text.endIndex else { throw .invalidQuery("nothing after \(column): at the end of the query") }
                } else if Self.looksLikeField(name, before: text[text.index(after: colon)...]) {
                    throw .invalidQuery("unknown field \(name): (the fields are title:, abstract:, keywords:, mesh:)")
                }
            }
            if text[index] == "\"" {
                let start = text.index(after: index)
                guard let end = text[start...].firstIndex(of: "\"") else {
                    let offset = text.distance(from: text.startIndex, to: index) + 1
                    throw .invalidQuery("the quote at character \(offset) is never closed")
                }
                term.text = String(text[start..<end])
                index = text.index(after: end)
            } else {
                let end = text[index...].firstIndex(where: \.isWhitespace) ?? text.endIndex
                var word = String(text[index..<end])
                index = end
                if term.column == nil, !term.excluded {
                    if word == "OR" { pendingOr = !groups.isEmpty; continue }
                    if word == "AND" { continue }
                    if word == "NOT" { pendingNot = true; continue }
                }
                if word.hasSuffix("*") {
                    word.removeLast()
                    term.prefix = true
                }
                term.text = word
            }
            // Terms with nothing a tokenizer keeps (punctuation alone) match nothing: drop them.
            guard term.text.contains(where: { $0.isLetter || $0.isNumber }) else { continue }
            if term.excluded {
                excluded.append(term)
            } else if pendingOr, !groups.isEmpty {
                groups[groups.count - 1].append(term)
            } else {
                groups.append([term])
            }
            pendingOr = false
        }
        guard !groups.isEmpty else {
            throw .invalidQuery(excluded.isEmpty ? "no words to look for" : "a query needs at least one word that is not excluded")
        }
        var pattern = groups.map { group in
            group.count == 1 ? group[0].fts : "(" + group.map(\.fts).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
        if !excluded.isEmpty {
            pattern += " NOT (" + excluded.map(\.fts).joined(separator: " OR ") + ")"
        }
        self.pattern = pattern
        hasPrefix = (groups.joined() + excluded).contains { $0.prefix }
        required = groups
        self.excluded = excluded
    }
}

extension String {
    var replacingQuotes: String { replacingOccurrences(of: "\"", with: "\"\"") }
}
