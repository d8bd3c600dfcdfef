import Foundation

/// A user's search, PubMed's syntax compiled into a validated tree: a malformed query is an
/// error that names the offending token, never an FTS5 syntax error or a silent zero.
///
/// - `AND`, `OR`, `NOT` (upper case) are evaluated left to right, as PubMed does, with
///   parentheses nesting; terms side by side mean AND; `-term` is `NOT term`.
/// - A field tag follows its term: `asthma[mh]`, `"hip pain"[tiab]`, `smith j[au]` (the tag
///   takes every word since the last operator or parenthesis), `2015:2020[dp]`,
///   `"hip pain"[tiab:~2]` (proximity). litkb's older prefixes stay: `title:`, `abstract:`,
///   `keywords:`, `mesh:` (the words of MeSH headings).
/// - `word*` truncates, with at least four characters before the `*`, as PubMed requires.
///
/// ```swift
/// try SearchQuery(parsing: "alianza terapeutica -cannabis").pattern
/// // ("alianza" AND "terapeutica") NOT "cannabis"
/// ```
public struct SearchQuery: Hashable, Sendable {
    public indirect enum Node: Hashable, Sendable {
        case term(Term)
        case and(Node, Node)
        case or(Node, Node)
        case not(Node, Node)
    }

    public struct Term: Hashable, Sendable {
        /// The words as written, without quotes, tag or `*`.
        public internal(set) var text: String
        public internal(set) var field: SearchField = .allFields
        /// `term*`: a prefix.
        public internal(set) var prefix = false
        /// `"words in quotes"`.
        public internal(set) var quoted = false
        /// `[tiab:~N]`: the words within N words of each other, any order.
        public internal(set) var proximity: Int?
        /// Character offset in the query (1-based), for messages.
        public internal(set) var position = 1

        /// The term as PubMed's search details print it: `"asthma"[MeSH Terms]`.
        public var translation: String {
            "\"\(text)\(prefix ? "*" : "")\"[\(field.label)\(proximity.map { ":~\($0)" } ?? "")]"
        }
    }

    public let root: Node
    /// The whole query as an FTS5 query, when every term is full text; nil when a term is a
    /// structured field (author, journal, date...), which the store matches against its rows.
    public let pattern: String?
    /// What relevance ranks by and passages are cut from: the full-text terms that are not
    /// excluded, any of them. Nil when the query has none.
    public let rankPattern: String?
    /// Whether a full-text term is a prefix (`cardio*`): FTS5 then merges the doclists of every
    /// term it stands for each time the query is evaluated.
    public let hasPrefix: Bool
    /// The terms in the order written, each with how it joins what came before.
    public let terms: [(operator: String, term: Term)]

    public static func == (lhs: SearchQuery, rhs: SearchQuery) -> Bool { lhs.root == rhs.root }
    public func hash(into hasher: inout Hasher) { hasher.combine(root) }

    /// PubMed's "query translation": every term tagged, every group in parentheses.
    public var translation: String { Self.translate(root, top: true) }

    private static func translate(_ node: Node, top: Bool = false) -> String {
        let text: String
        switch node {
        case .term(let term): return term.translation
        case .and(let a, let b): text = "\(translate(a)) AND \(translate(b))"
        case .or(let a, let b): text = "\(translate(a)) OR \(translate(b))"
        case .not(let a, let b): text = "\(translate(a)) NOT \(translate(b))"
        }
        return top ? text : "(\(text))"
    }

    /// `history` gives the query of an earlier search, for `#3 AND #5 NOT #2`.
    public init(parsing text: String, history: (@Sendable (Int) -> String?)? = nil) throws(StoreError) {
        var parser = QueryParser(text: text, history: history)
        try self.init(root: parser.parseQuery())
    }

    /// The query of the tree `root`.
    init(root: Node) throws(StoreError) {
        self.root = root
        pattern = FullTextPattern.pattern(root)
        rankPattern = FullTextPattern.rankPattern(root)
        var terms: [(String, Term)] = []
        Self.collect(root, operator: "", into: &terms)
        self.terms = terms
        // Values a field cannot hold (a month 13, a PMID of letters) are the query's errors, now.
        for (_, term) in terms where !term.field.isFullText { _ = try TermSQL(term) }
        hasPrefix = terms.contains { $0.1.prefix && $0.1.field.isFullText }
    }

    /// The query with the filter's conditions ANDed to it as the PubMed terms the history records
    /// them as (`SearchFilter.pubMedTerms`; not retracted is a NOT): the search is then found in
    /// memory as any other query, and gives what its history entry gives when run again.
    func filtered(by filter: SearchFilter) throws(StoreError) -> SearchQuery {
        try SearchQuery(root: Self.root(root, filteredBy: filter))
    }

    static func root(_ root: Node, filteredBy filter: SearchFilter) -> Node {
        func term(_ text: String, _ field: SearchField) -> Node { .term(Term(text: text, field: field, quoted: field == .publicationType)) }
        func any(_ values: [String], _ field: SearchField) -> Node {
            values.dropFirst().reduce(term(values[0], field)) { .or($0, term($1, field)) }
        }
        var node = root
        if let years = filter.years {
            node = .and(node, term(years.count == 1 ? "\(years.lowerBound)" : "\(years.lowerBound):\(years.upperBound)", .publicationDate))
        }
        if !filter.publicationTypes.isEmpty { node = .and(node, any(filter.publicationTypes, .publicationType)) }
        if !filter.languages.isEmpty { node = .and(node, any(filter.languages, .language)) }
        if filter.hasAbstract { node = .and(node, term("hasabstract", .subset)) }
        if let retracted = filter.retracted { node = retracted ? .and(node, term("retracted", .subset)) : .not(node, term("retracted", .subset)) }
        return node
    }

    private static func collect(_ node: Node, operator: String, into terms: inout [(String, Term)]) {
        switch node {
        case .term(let term): terms.append((`operator`, term))
        case .and(let a, let b): collect(a, operator: `operator`, into: &terms); collect(b, operator: "AND", into: &terms)
        case .or(let a, let b): collect(a, operator: `operator`, into: &terms); collect(b, operator: "OR", into: &terms)
        case .not(let a, let b): collect(a, operator: `operator`, into: &terms); collect(b, operator: "NOT", into: &terms)
        }
    }
}

/// The FTS5 text of full-text terms and trees of them. Every word is quoted, so nothing a user
/// types can become FTS5 syntax.
enum FullTextPattern {
    static func term(_ term: SearchQuery.Term) -> String {
        let body: String
        if let distance = term.proximity {
            let words = term.text.split(whereSeparator: \.isWhitespace).map { "\"" + String($0).replacingQuotes + "\"" }
            body = "NEAR(\(words.joined(separator: " ")), \(distance))"
        } else {
            body = "\"" + term.text.replacingQuotes + "\"" + (term.prefix ? " *" : "")
        }
        guard let columns = term.field.columns, !columns.isEmpty else { return body }
        return columns.count == 1 ? "\(columns[0]) : \(body)" : "{\(columns.joined(separator: " "))} : \(body)"
    }

    /// The tree as one FTS5 query, or nil when a term is not full text.
    static func pattern(_ node: SearchQuery.Node, top: Bool = true) -> String? {
        func binary(_ a: SearchQuery.Node, _ op: String, _ b: SearchQuery.Node) -> String? {
            // A chain of one operator needs no parentheses: `a AND b AND c` whatever FTS5's precedence.
            let chained = switch (op, a) {
            case ("AND", .and), ("OR", .or): true
            default: false
            }
            guard let left = pattern(a, top: chained), let right = pattern(b, top: false) else { return nil }
            return top ? "\(left) \(op) \(right)" : "(\(left) \(op) \(right))"
        }
        switch node {
        case .term(let term): return term.field.isFullText ? self.term(term) : nil
        case .and(let a, let b): return binary(a, "AND", b)
        case .or(let a, let b): return binary(a, "OR", b)
        case .not(let a, let b): return binary(a, "NOT", b)
        }
    }

    /// The full-text terms outside every NOT's right side, joined by OR.
    static func rankPattern(_ node: SearchQuery.Node) -> String? {
        var positive: [String] = []
        func walk(_ node: SearchQuery.Node) {
            switch node {
            case .term(let term): if term.field.isFullText { positive.append(self.term(term)) }
            case .and(let a, let b), .or(let a, let b): walk(a); walk(b)
            case .not(let a, _): walk(a)
            }
        }
        walk(node)
        guard !positive.isEmpty else { return nil }
        return positive.count == 1 ? positive[0] : positive.joined(separator: " OR ")
    }
}

/// Reads PubMed's syntax, left to right.
private struct QueryParser {
    enum Token {
        case open(Int), close(Int)
        case and(Int), or(Int), not(Int)
        /// `-` before a term.
        case minus(Int)
        /// A bare word, a quoted phrase, or a `name:` prefixed term.
        case word(String, quoted: Bool, prefixField: SearchField?, position: Int)
        case tag(String, position: Int)
        /// `#3`: an earlier search of the history.
        case history(Int, position: Int)

        var position: Int {
            switch self {
            case .open(let p), .close(let p), .and(let p), .or(let p), .not(let p), .minus(let p), .history(_, let p): p
            case .word(_, _, _, let p), .tag(_, let p): p
            }
        }
    }

    let text: String
    let history: (@Sendable (Int) -> String?)?
    private var tokens: [Token] = []
    private var index = 0

    init(text: String, history: (@Sendable (Int) -> String?)?) {
        self.text = text
        self.history = history
    }

    mutating func parseQuery() throws(StoreError) -> SearchQuery.Node {
        tokens = try tokenize()
        guard !tokens.isEmpty else { throw .invalidQuery("no words to look for") }
        let node = try parseSequence(closing: nil)
        guard let node else { throw .invalidQuery("no words to look for") }
        return node
    }

    // MARK: Tokens

    private func tokenize() throws(StoreError) -> [Token] {
        var tokens: [Token] = []
        let characters = Array(text)
        var i = 0
        func isBreak(_ c: Character) -> Bool { c.isWhitespace || c == "(" || c == ")" || c == "[" || c == "\"" }
        while i < characters.count {
            let c = characters[i]
            let position = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "(" { tokens.append(.open(position)); i += 1; continue }
            if c == ")" { tokens.append(.close(position)); i += 1; continue }
            if c == "[" {
                guard let end = characters[(i + 1)...].firstIndex(of: "]") else {
                    throw .invalidQuery("the [ at character \(position) is never closed")
                }
                tokens.append(.tag(String(characters[(i + 1)..<end]), position: position))
                i = end + 1
                continue
            }
            if c == "\"" {
                guard let end = characters[(i + 1)...].firstIndex(of: "\"") else {
                    throw .invalidQuery("the quote at character \(position) is never closed")
                }
                tokens.append(.word(String(characters[(i + 1)..<end]), quoted: true, prefixField: nil, position: position))
                i = end + 1
                continue
            }
            if c == "-", i + 1 < characters.count, !isBreak(characters[i + 1]) || characters[i + 1] == "\"" || characters[i + 1] == "(" {
                tokens.append(.minus(position))
                i += 1
                continue
            }
            var end = i
            while end < characters.count, !isBreak(characters[end]) { end += 1 }
            let word = String(characters[i..<end])
            // A litkb prefix: title:word, mesh:"a phrase".
            if let colon = word.firstIndex(of: ":") {
                let name = word[..<colon].lowercased()
                let rest = word[word.index(after: colon)...]
                if let field = SearchField.prefixes[name] {
                    if rest.isEmpty {
                        guard end < characters.count, characters[end] == "\"" else {
                            throw .invalidQuery("nothing after \(name): at character \(position)")
                        }
                        guard let close = characters[(end + 1)...].firstIndex(of: "\"") else {
                            throw .invalidQuery("the quote at character \(end + 1) is never closed")
                        }
                        tokens.append(.word(String(characters[(end + 1)..<close]), quoted: true, prefixField: field, position: position))
                        i = close + 1
                    } else {
                        tokens.append(.word(String(rest), quoted: false, prefixField: field, position: position))
                        i = end
                    }
                    continue
                }
                if Self.looksLikeField(name, before: rest), end >= characters.count || characters[end] != "[" {
                    throw .invalidQuery("unknown field \(name): at character \(position) (litkb's prefixes are title:, abstract:, keywords:, mesh:; PubMed's tags follow the term: asthma[mh])")
                }
            }
            if word.hasPrefix("#"), word.count > 1, let number = Int(word.dropFirst()), word.dropFirst().allSatisfy(\.isASCII) {
                tokens.append(.history(number, position: position))
                i = end
                continue
            }
            switch word {
            case "AND": tokens.append(.and(position))
            case "OR": tokens.append(.or(position))
            case "NOT": tokens.append(.not(position))
            default: tokens.append(.word(word, quoted: false, prefixField: nil, position: position))
            }
            i = end
        }
        return tokens
    }

    /// Whether `name:` followed by `rest` reads as a field the user meant (`author:smith`)
    /// rather than text with a colon in it (`10:30`, `http://`, `2015:2020`).
    private static func looksLikeField(_ name: String, before rest: Substring) -> Bool {
        guard name.count >= 2, name.allSatisfy({ $0.isASCII && $0.isLetter }), let next = rest.first else { return false }
        return !next.isWhitespace && next != "/"
    }

    // MARK: Grammar

    /// Operands joined left to right until `closing` (the `(` it closes) or the end.
    private mutating func parseSequence(closing open: Int?) throws(StoreError) -> SearchQuery.Node? {
        var result: SearchQuery.Node?
        var pending: (op: String, position: Int)?
        while index < tokens.count {
            let token = tokens[index]
            switch token {
            case .close(let position):
                guard open != nil else { throw .invalidQuery("the ) at character \(position) closes nothing") }
                if let pending { throw .invalidQuery("\(pending.op) at character \(pending.position) has nothing after it") }
                index += 1
                return result
            case .and(let position), .or(let position), .not(let position):
                let op = token.operatorName
                guard result != nil else { throw .invalidQuery("\(op) at character \(position) has nothing before it") }
                if let pending { throw .invalidQuery("\(pending.op) at character \(pending.position) is followed by \(op)") }
                pending = (op, position)
                index += 1
            case .tag(let tag, let position):
                throw .invalidQuery("the tag [\(tag)] at character \(position) follows no term")
            case .minus(let position):
                index += 1
                guard result != nil else {
                    throw .invalidQuery("-… at character \(position) excludes from nothing: a query needs a term that is not excluded first")
                }
                if let pending { throw .invalidQuery("\(pending.op) at character \(pending.position) is followed by -") }
                guard let operand = try parseOperand() else { continue }
                result = .not(result!, operand)
            case .open, .word, .history:
                guard let operand = try parseOperand() else {
                    if pending != nil, index >= tokens.count { break }
                    continue
                }
                if let left = result {
                    switch pending?.op ?? "AND" {
                    case "OR": result = .or(left, operand)
                    case "NOT": result = .not(left, operand)
                    default: result = .and(left, operand)
                    }
                } else {
                    result = operand
                }
                pending = nil
            }
        }
        if let open { throw .invalidQuery("the parenthesis at character \(open) is never closed") }
        if let pending { throw .invalidQuery("\(pending.op) at character \(pending.position) has nothing after it") }
        return result
    }

    /// A parenthesised group, or a term with its tag; nil for words that hold nothing to search
    /// (punctuation alone).
    private mutating func parseOperand() throws(StoreError) -> SearchQuery.Node? {
        guard index < tokens.count else { return nil }
        switch tokens[index] {
        case .open(let position):
            index += 1
            guard let group = try parseSequence(closing: position) else {
                throw .invalidQuery("nothing between the parentheses at character \(position)")
            }
            return group
        case .word(let word, let quoted, let prefixField, let position):
            index += 1
            if quoted || prefixField != nil {
                let tag = takeTag()
                return try term(word, quoted: quoted, field: prefixField, tag: tag, position: position)
            }
            // Bare words up to a tag: `smith j[au]` is one author, `breast cancer[tiab]` two words in [tiab].
            var words = [(word, position)]
            while index < tokens.count, case .word(let next, false, nil, let nextPosition) = tokens[index] {
                words.append((next, nextPosition))
                index += 1
            }
            if let tag = takeTag() {
                let field = try Self.field(tag.text, position: tag.position)
                if field.isFullText || [.publicationDate, .electronicDate, .entrezDate].contains(field), words.count > 1, tag.proximity == nil {
                    // Each word in the field, all of them (PubMed does this for a phrase it has not indexed).
                    var node: SearchQuery.Node?
                    for (word, position) in words {
                        guard let operand = try term(word, quoted: false, field: nil, tag: tag, position: position) else { continue }
                        node = node.map { .and($0, operand) } ?? operand
                    }
                    return node
                }
                return try term(words.map(\.0).joined(separator: " "), quoted: false, field: nil, tag: tag, position: position)
            }
            var node: SearchQuery.Node?
            for (word, position) in words {
                guard let operand = try term(word, quoted: false, field: nil, tag: nil, position: position) else { continue }
                node = node.map { .and($0, operand) } ?? operand
            }
            return node
        case .history(let number, let position):
            index += 1
            guard let history else { throw .invalidQuery("#\(number) at character \(position): there is no search history to refer to here") }
            guard let stored = history(number) else {
                throw .invalidQuery("#\(number) at character \(position): the search history has no search #\(number) (`litkb history` lists it)")
            }
            do {
                return try SearchQuery(parsing: stored, history: history).root
            } catch {
                throw .invalidQuery("#\(number) at character \(position) no longer reads: \(error.description)")
            }
        default:
            return nil
        }
    }

    private struct Tag { var text: String; var position: Int; var proximity: Int? }

    private mutating func takeTag() -> Tag? {
        guard index < tokens.count, case .tag(let text, let position) = tokens[index] else { return nil }
        index += 1
        var tag = Tag(text: text.trimmingCharacters(in: .whitespaces).lowercased(), position: position)
        // [tiab:~2]
        if let range = tag.text.range(of: ":~") {
            tag.proximity = Int(tag.text[range.upperBound...].trimmingCharacters(in: .whitespaces)) ?? -1
            tag.text = String(tag.text[..<range.lowerBound])
        }
        return tag
    }

    private static func field(_ tag: String, position: Int) throws(StoreError) -> SearchField {
        if let field = SearchField.tags[tag] { return field }
        if let what = SearchField.unheld[tag] {
            throw .invalidQuery("[\(tag)] at character \(position): litkb does not keep \(what) from the records it reads")
        }
        throw .invalidQuery("unknown field tag [\(tag)] at character \(position)")
    }

    private func term(_ raw: String, quoted: Bool, field prefixField: SearchField?, tag: Tag?, position: Int) throws(StoreError) -> SearchQuery.Node? {
        var term = SearchQuery.Term(text: raw.trimmingCharacters(in: .whitespaces), position: position)
        term.quoted = quoted
        if let prefixField { term.field = prefixField }
        // PubMed's bare filter word.
        if tag == nil, prefixField == nil, !quoted, term.text.lowercased() == "hasabstract" { term.field = .subset }
        if let tag {
            term.field = try Self.field(tag.text, position: tag.position)
            if let distance = tag.proximity {
                guard distance >= 0, let columns = term.field.columns, !columns.isEmpty || term.field == .allFields else {
                    throw .invalidQuery("[\(tag.text):~…] at character \(tag.position): proximity is [ti:~N], [tiab:~N] or [ad:~N] style, N a number")
                }
                guard quoted, term.text.split(whereSeparator: \.isWhitespace).count > 1 else {
                    throw .invalidQuery("proximity at character \(tag.position) needs two or more words in quotes: \"hip pain\"[tiab:~2]")
                }
                term.proximity = distance
            }
        }
        if term.text.hasSuffix("*") {
            term.text.removeLast()
            term.prefix = true
            let stem = term.text.split(whereSeparator: \.isWhitespace).last.map(String.init) ?? ""
            if stem.filter({ $0.isLetter || $0.isNumber }).count < 4 {
                throw .invalidQuery("\(raw) at character \(position): truncation needs at least 4 characters before the * (PubMed's rule)")
            }
        }
        // A full-text term with nothing a tokenizer keeps (punctuation alone) matches nothing: drop it.
        guard term.text.contains(where: { $0.isLetter || $0.isNumber }) else {
            if term.field.isFullText { return nil }
            throw .invalidQuery("\(raw)[\(term.field.tag)] at character \(position) has nothing to look for")
        }
        return .term(term)
    }
}

private extension QueryParser.Token {
    var operatorName: String {
        switch self {
        case .and: "AND"
        case .or: "OR"
        case .not: "NOT"
        default: ""
        }
    }
}

extension String {
    var replacingQuotes: String { replacingOccurrences(of: "\"", with: "\"\"") }
}
