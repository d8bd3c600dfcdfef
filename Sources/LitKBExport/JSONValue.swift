/// A JSON value whose objects keep their members in the order they were built: what the
/// exporters produce, public so that commands can wrap entries in their own objects.
///
/// ```swift
/// var members = WorkJSON.entry(for: summary).members
/// members.append(.init(key: "score", value: .double(0.93)))
/// print(JSONValue.object(members).rendered(pretty: false))   // {"pmid":32500209,...,"score":0.93}
/// ```
///
/// Hand-rendered rather than `JSONEncoder`-produced because the contract promises a stable,
/// readable key order, and Foundation's compact output on Linux reorders keys.
public enum JSONValue: Hashable, Sendable {
    case string(String)
    case number(Int)
    /// Written in Swift's shortest round-tripping form; NaN and infinities as `null`.
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([Member])

    public struct Member: Hashable, Sendable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// An object's members in order; empty for any other value.
    public var members: [Member] {
        if case .object(let members) = self { return members }
        return []
    }

    /// An object from members in order; members whose value is nil are left out.
    ///
    /// ```swift
    /// JSONValue.fields(["pmid": .int(38174611), "doi": .text(nil)])   // {"pmid":38174611}
    /// ```
    public static func fields(_ members: KeyValuePairs<String, JSONValue?>) -> JSONValue {
        .object(members.compactMap { key, value in value.map { Member(key: key, value: $0) } })
    }

    /// The first candidate that is present and not blank, as a string; nil when there is none:
    /// the contract never carries empty strings.
    static func text(_ candidates: String?...) -> JSONValue? {
        for case let text? in candidates where text.contains(where: { !$0.isWhitespace }) {
            return .string(text)
        }
        return nil
    }

    static func flag(_ flag: Bool) -> JSONValue? {
        .bool(flag)
    }

    static func list(_ elements: [JSONValue]) -> JSONValue? {
        .array(elements)
    }

    static func int(_ number: Int?) -> JSONValue? {
        number.map(JSONValue.number)
    }

    /// An array of the non-blank strings, always present.
    static func texts(_ texts: [String]) -> JSONValue? {
        .array(texts.compactMap { text($0) })
    }

    /// The value as JSON text: compact on one line, or pretty with two-space indentation.
    public func rendered(pretty: Bool) -> String {
        var output = ""
        render(into: &output, pretty: pretty, indent: 0)
        return output
    }

    private func render(into output: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .string(let text):
            JSONValue.appendQuoted(text, to: &output)
        case .number(let number):
            output += String(number)
        case .double(let number):
            output += number.isFinite ? "\(number)" : "null"
        case .bool(let flag):
            output += flag ? "true" : "false"
        case .array(let elements):
            renderContainer(open: "[", close: "]", count: elements.count, into: &output, pretty: pretty, indent: indent) { index, output in
                elements[index].render(into: &output, pretty: pretty, indent: indent + 1)
            }
        case .object(let members):
            renderContainer(open: "{", close: "}", count: members.count, into: &output, pretty: pretty, indent: indent) { index, output in
                JSONValue.appendQuoted(members[index].key, to: &output)
                output += pretty ? ": " : ":"
                members[index].value.render(into: &output, pretty: pretty, indent: indent + 1)
            }
        }
    }

    private func renderContainer(open: String, close: String, count: Int, into output: inout String, pretty: Bool,
                                 indent: Int, element: (Int, inout String) -> Void) {
        output += open
        guard count > 0 else {
            output += close
            return
        }
        let inner = pretty ? "\n" + String(repeating: "  ", count: indent + 1) : ""
        for index in 0..<count {
            if index > 0 { output += "," }
            output += inner
            element(index, &output)
        }
        if pretty { output += "\n" + String(repeating: "  ", count: indent) }
        output += close
    }

    /// Escapes only what JSON requires, plus U+2028/U+2029 (JavaScript line terminators), so
    /// accented and non-Latin text stays readable and `/` in DOIs stays bare.
    private static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
            // Nothing to escape (0xE2 leads U+2028 and U+2029): copy the string whole.
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
