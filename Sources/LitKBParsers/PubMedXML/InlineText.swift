/// The text of an element as a reader sees it: inline markup (`<i>`, `<b>`, `<sup>`, `<sub>`,
/// `<u>`, MathML) flattened away, runs of XML whitespace collapsed to one space, ends trimmed.
///
/// ```swift
/// // <ArticleTitle><i>Escherichia coli</i> O157 and CO<sub>2</sub></ArticleTitle>
/// title.text   // "Escherichia coli O157 and CO2"
/// ```
///
/// Markup adds no spaces of its own: PubMed puts the spaces it means in the text around it,
/// except for a line break before a subscript or superscript, which is its pretty-printing.
/// Inside MathML, whitespace between elements is layout (`<mi>R</mi> <mn>2</mn>` is R²), so
/// whitespace-only text there is dropped.
extension XMLNode {
    var text: String {
        // Most elements hold one plain text node: make the String straight from libxml2's bytes.
        if let only = firstChild, only.nextSibling == nil, only.isText {
            let bytes = only.textBytes
            if !InlineText.needsNormalizing(bytes) { return String(decoding: bytes, as: UTF8.self) }
        }
        var output = InlineText()
        output.append(childrenOf: self, inMath: false)
        return output.string
    }

    /// The text, or nil when it is empty.
    var nonEmptyText: String? {
        let value = text
        return value.isEmpty ? nil : value
    }
}

struct InlineText {
    private var bytes: [UInt8] = []
    private var pendingSpace = false

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(childrenOf node: XMLNode, inMath: Bool) {
        var child = node.firstChild
        while let current = child {
            if current.isText {
                append(current.textBytes, inMath: inMath)
                // PubMed's pretty-printing sometimes breaks a line before <sub> or <sup>
                // ("β\n\t\t<sub>2</sub>-agonist"): that line break is layout, not a space.
                if pendingSpace, let next = current.nextSibling, next.name == .sub || next.name == .sup,
                   current.textBytes.last.map(InlineText.isSpace) == true, current.textBytes.contains(0x0A) {
                    pendingSpace = false
                }
            } else if current.isElement {
                append(childrenOf: current, inMath: inMath || current.name == .math)
            }
            child = current.nextSibling
        }
    }

    private mutating func append(_ text: UnsafeBufferPointer<UInt8>, inMath: Bool) {
        if inMath, text.allSatisfy(InlineText.isSpace) { return }
        for byte in text {
            if InlineText.isSpace(byte) {
                if !bytes.isEmpty { pendingSpace = true }
            } else {
                if pendingSpace {
                    bytes.append(0x20)
                    pendingSpace = false
                }
                bytes.append(byte)
            }
        }
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }

    /// True when the bytes have whitespace to trim or collapse.
    static func needsNormalizing(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = text.first, let last = text.last else { return false }
        if isSpace(first) || isSpace(last) { return true }
        var previousSpace = false
        for byte in text {
            if byte == 0x20 {
                if previousSpace { return true }
                previousSpace = true
            } else if byte == 0x0A || byte == 0x09 || byte == 0x0D {
                return true
            } else {
                previousSpace = false
            }
        }
        return false
    }
}
