/// A parsed BibTeX entry, or the reason the text is not one, checked the way `bibtex` reads it:
/// braces counted even after a backslash, a field is `name = {value}` or `name = macro`.
struct BibTeXStructure: Equatable {
    var type: String
    var key: String
    var fields: [String: String]
    var fieldOrder: [String]

    struct Invalid: Error, CustomStringConvertible {
        var description: String
    }

    init(parsing text: String) throws {
        guard text.hasPrefix("@"), text.hasSuffix("}\n") else { throw Invalid(description: "not @type{...}\\n") }
        var lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst()
        guard let brace = header.firstIndex(of: "{"), header.hasSuffix(",") else { throw Invalid(description: "bad header \(header)") }
        type = String(header[header.index(after: header.startIndex)..<brace])
        key = String(header[header.index(after: brace)..<header.index(before: header.endIndex)])
        guard !type.isEmpty, type.allSatisfy(\.isLetter) else { throw Invalid(description: "bad type \(type)") }
        // What BibTeX and biber take in a key: printable ASCII but for the characters that end
        // or quote one (Better BibTeX's keys keep hyphens: `agin-liebes...`).
        guard !key.isEmpty, key.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"{}(),\"#%'=~\\".contains($0) }) else {
            throw Invalid(description: "bad key \(key)")
        }
        guard lines.removeLast() == "}" else { throw Invalid(description: "entry does not close with }") }
        fields = [:]
        fieldOrder = []
        for (index, line) in lines.enumerated() {
            let isLast = index == lines.count - 1
            guard line.hasPrefix("  "), let equals = line.range(of: " = ") else { throw Invalid(description: "bad field line \(line)") }
            let name = String(line[line.index(line.startIndex, offsetBy: 2)..<equals.lowerBound])
            var value = Substring(line[equals.upperBound...])
            guard isLast || value.hasSuffix(",") else { throw Invalid(description: "missing comma after \(name)") }
            if !isLast { value = value.dropLast() }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLowercase }) else { throw Invalid(description: "bad field name \(name)") }
            guard fields[name] == nil else { throw Invalid(description: "duplicate field \(name)") }
            if value.hasPrefix("{") {
                guard value.hasSuffix("}"), BibTeXStructure.bracesBalance(value.dropFirst().dropLast()) else {
                    throw Invalid(description: "unbalanced braces in \(name): \(value)")
                }
                value = value.dropFirst().dropLast()
                guard !value.isEmpty else { throw Invalid(description: "empty field \(name)") }
            } else {
                guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isLetter }) else { throw Invalid(description: "bad macro in \(name): \(value)") }
            }
            fields[name] = String(value)
            fieldOrder.append(name)
        }
    }

    /// True when every brace closes one opened before it and all are closed by the end.
    static func bracesBalance(_ text: some StringProtocol) -> Bool {
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1 }
            if depth < 0 { return false }
        }
        return depth == 0
    }
}
