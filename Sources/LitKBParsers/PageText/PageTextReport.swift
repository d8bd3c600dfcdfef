import LitKBModel

/// What the page-text parser noticed: warnings, and content it kept without interpreting.
/// Nothing is dropped silently: whatever is not read into a field comes through here.
struct PageTextReport: Sendable {
    let file: String
    var pmid: PMID?
    var warnings: [ParseWarning] = []
    var uninterpreted: [UninterpretedContent] = []

    init(file: String) { self.file = file }

    func location(line: Int?) -> SourceLocation {
        SourceLocation(file: file, pmid: pmid, line: line)
    }

    mutating func warn(_ message: String, line: Int?) {
        warnings.append(ParseWarning(location: location(line: line), message: message))
    }

    /// Keeps `text` with the record and warns about it.
    mutating func keep(_ text: some StringProtocol, section: String, line: Int?, reason: String) {
        uninterpreted.append(UninterpretedContent(section: section, line: line, text: String(text)))
        warn("\(section): \(reason), kept uninterpreted: \(PageTextReport.excerpt(text))", line: line)
    }

    /// The first 80 characters, for messages.
    static func excerpt(_ text: some StringProtocol) -> String {
        let body = Substring(text).whitespaceTrimmed
        return body.count > 80 ? String(body.prefix(77)) + "..." : String(body)
    }
}
