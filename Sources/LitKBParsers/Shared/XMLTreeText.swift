/// The readable text of an XML element: inline markup (`<italic>`, `<sup>`, `<sub>`, `<xref>`,
/// `<named-content>`, MathML) flattened away, runs of XML whitespace collapsed to one space,
/// ends trimmed.
///
/// ```swift
/// // <article-title>M<italic>m</italic>PPOX Inhibits <italic>M. tb</italic></article-title>
/// title.text   // "MmPPOX Inhibits M. tb"
/// ```
///
/// Inline markup adds no space of its own: the file's own spaces are kept (`M<italic>m</italic>`
/// is one word). Block elements (`p`, `title`, `label`, `list-item`, `addr-line`, ...) are
/// separate runs of text even when the file writes them back to back, so a space goes between
/// them, except before punctuation that closes a phrase (`</addr-line>, <country>`). Inside MathML
/// whitespace between elements is layout and is dropped; TeX alternatives and MathML annotations
/// would repeat the formula and are left out, as are footnotes and footnote markers.
struct FlatText {
    private(set) var string = ""
    private var pendingSpace = false
    private var pendingBreak = false
    private let skipped: Set<String>

    init(skipped: Set<String> = []) {
        self.skipped = skipped
    }

    static let blockElements: Set<String> = [
        "p", "title", "label", "sec", "list", "list-item", "def-list", "def-item", "term", "def", "addr-line",
        "disp-quote", "caption", "fig", "table-wrap", "table", "tr", "td", "th", "break", "kwd", "attrib",
        "statement", "boxed-text", "disp-formula", "verse-line",
    ]

    /// Never part of running text: a formula's TeX twin, MathML's annotations, footnotes.
    static let silentElements: Set<String> = ["tex-math", "annotation", "annotation-xml", "fn", "object-id"]

    /// Footnote and correspondence markers (`*`, `1`) are not words of the text they mark.
    static let silentReferenceTypes: Set<String> = ["fn", "table-fn", "corresp", "author-notes"]

    /// Appends the element's content (its children).
    mutating func append(_ element: XMLTree.Element, inMath: Bool = false) {
        for child in element.children {
            switch child {
            case .text(let text):
                append(text, inMath: inMath)
            case .element(let inner):
                append(element: inner, inMath: inMath)
            }
        }
    }

    /// Appends one element as it would read inside its parent: nothing for a silent or skipped
    /// one, set apart for a block.
    mutating func append(element inner: XMLTree.Element, inMath: Bool = false) {
        if skipped.contains(inner.name) || FlatText.silentElements.contains(inner.name) { return }
        if inner.name == "xref", let type = inner.attribute("ref-type"), FlatText.silentReferenceTypes.contains(type) { return }
        let block = FlatText.blockElements.contains(inner.name)
        if block { pendingBreak = true }
        append(inner, inMath: inMath || inner.name == "math")
        if block { pendingBreak = true }
    }

    mutating func append(_ text: String, inMath: Bool = false) {
        if inMath, text.allSatisfy(FlatText.isSpace) { return }
        for character in text {
            if FlatText.isSpace(character) {
                if !string.isEmpty { pendingSpace = true }
                continue
            }
            if !string.isEmpty, pendingSpace || (pendingBreak && !FlatText.closesPhrase(character)) {
                string.append(" ")
            }
            pendingSpace = false
            pendingBreak = false
            string.append(character)
        }
    }

    /// XML's whitespace: space, tab, line feed, carriage return (not NBSP or thin spaces, which
    /// are the text's own).
    static func isSpace(_ character: Character) -> Bool {
        character == " " || character == "\n" || character == "\t" || character == "\r" || character == "\r\n"
    }

    private static func closesPhrase(_ character: Character) -> Bool {
        character == "," || character == "." || character == ";" || character == ":" || character == ")" || character == "]"
    }
}
