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
        for case let text? in candidates where !isBlank(text) {
            return .string(text)
        }
        return nil
    }

    /// Whether the text is empty or whitespace alone. A text's first byte nearly always settles
    /// it (a letter); Unicode's whitespace property, looked up for every character, was 2 % of
    /// a JSON export.
    static func isBlank(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte >= 0x80 { return !text.contains(where: { !$0.isWhitespace }) }
            if byte != 0x20 && !(0x09...0x0D).contains(byte) { return false }
        }
        return true
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
        // Rendered as UTF-8 bytes and made a String once: appending to a String piece by piece
        // was most of the cost of an export.
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        render(into: &output, pretty: pretty, indent: 0)
        return String(decoding: output, as: UTF8.self)
    }

    private func render(into output: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .string(let text):
            JSONValue.appendQuoted(text, to: &output)
        case .number(let number):
            output.append(contentsOf: String(number).utf8)
        case .double(let number):
            output.append(contentsOf: (number.isFinite ? "\(number)" : "null").utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let elements):
            renderContainer(open: UInt8(ascii: "["), close: UInt8(ascii: "]"), count: elements.count, into: &output, pretty: pretty,
                            indent: indent) { index, output in
                elements[index].render(into: &output, pretty: pretty, indent: indent + 1)
            }
        case .object(let members):
            renderContainer(open: UInt8(ascii: "{"), close: UInt8(ascii: "}"), count: members.count, into: &output, pretty: pretty,
                            indent: indent) { index, output in
                JSONValue.appendQuoted(members[index].key, to: &output)
                output.append(UInt8(ascii: ":"))
                if pretty { output.append(UInt8(ascii: " ")) }
                members[index].value.render(into: &output, pretty: pretty, indent: indent + 1)
            }
        }
    }

    private func renderContainer(open: UInt8, close: UInt8, count: Int, into output: inout [UInt8], pretty: Bool,
                                 indent: Int, element: (Int, inout [UInt8]) -> Void) {
        output.append(open)
        guard count > 0 else {
            output.append(close)
            return
        }
        func newLine(_ depth: Int) {
            output.append(UInt8(ascii: "\n"))
            output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
        }
        for index in 0..<count {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if pretty { newLine(indent + 1) }
            element(index, &output)
        }
        if pretty { newLine(indent) }
        output.append(close)
    }

    /// Escapes only what JSON requires, plus U+2028/U+2029 (JavaScript line terminators), so
    /// accented and non-Latin text stays readable and `/` in DOIs stays bare.
    private static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        if !needsEscaping(text) {
            // Nothing to escape (0xE2 leads U+2028 and U+2029): copy the string whole.
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: "\\\"".utf8)
            case "\\": output.append(contentsOf: "\\\\".utf8)
            case "\n": output.append(contentsOf: "\\n".utf8)
            case "\r": output.append(contentsOf: "\\r".utf8)
            case "\t": output.append(contentsOf: "\\t".utf8)
            case "\u{08}": output.append(contentsOf: "\\b".utf8)
            case "\u{0C}": output.append(contentsOf: "\\f".utf8)
            case "\u{2028}": output.append(contentsOf: "\\u2028".utf8)
            case "\u{2029}": output.append(contentsOf: "\\u2029".utf8)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    UTF8.encode(scalar) { output.append($0) }
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Whether `text` holds a byte `appendQuoted` must look at: a control character, a quote, a
    /// backslash, or 0xE2, which leads U+2028 and U+2029. A plain loop over the bytes: the
    /// closure form of `contains` was a sixth of an export's rendering.
    private static func needsEscaping(_ text: String) -> Bool {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in bytes where byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2 { return true }
            return false
        }
        if let found = text.utf8.withContiguousStorageIfAvailable(scan) { return found }
        var copy = text
        return copy.withUTF8(scan)
    }
}
