import LitKBModel

/// A reference's citation as readable text.
///
/// A `mixed-citation` carries its own punctuation (PLoS: `Rich KM, Wanyoike F (2010) An
/// assessment ... Am J Trop Med Hyg 83: 52–57`): its text is kept as given, names read
/// `Surname Given`, pub-ids left out unless the text introduces them (`doi: ...`), and a space put between
/// elements the file writes back to back (`<source>...</source><volume>83</volume>`).
///
/// An `element-citation` (and a `mixed-citation` written like one, as BMC's are) has no text
/// between its elements; a Vancouver-style string is built from the fields:
/// `Avery SV. Microbial cell individuality .... Nat Rev Microbiol. 2006;4:577-587.`
enum JATSCitationText {
    static func text(of citation: XMLTree.Element, mention: WorkMention) -> String? {
        citation.hasOwnText ? mixed(citation) : built(citation, mention: mention)
    }

    static func mixed(_ citation: XMLTree.Element) -> String? {
        var output = FlatText()
        appendMixed(citation, to: &output)
        return output.string.nonEmpty
    }

    private static func appendMixed(_ element: XMLTree.Element, to output: inout FlatText) {
        var previousWasElement = false
        var followsText = false
        for child in element.children {
            switch child {
            case .text(let text):
                output.append(text)
                previousWasElement = false
                followsText = !text.allSatisfy(FlatText.isSpace)
            case .element(let inner):
                // A pub-id the file introduces with its own words (`doi: <pub-id>`) is part of
                // the text; one tacked on after the last element (PLoS) is only an id.
                if inner.name == "label" || (inner.name == "pub-id" && !followsText) { continue }
                if previousWasElement { output.append(" ") }
                switch inner.name {
                // A name without a surname (a string-name of free text) is read as text.
                case "name" where inner.child("surname") != nil, "string-name" where inner.child("surname") != nil:
                    output.append(name(inner))
                case "person-group":
                    appendMixed(inner, to: &output)
                default:
                    output.append(element: inner)
                }
                previousWasElement = true
                followsText = false
            }
        }
    }

    /// `Surname GN Suffix`, as reference lists print names.
    static func name(_ name: XMLTree.Element) -> String {
        [name.child("surname"), name.child("given-names"), name.child("suffix")]
            .compactMap { $0?.nonEmptyText }.joined(separator: " ")
    }

    static func built(_ citation: XMLTree.Element, mention: WorkMention) -> String? {
        var sentences: [String] = []
        let groups = citation.children("person-group")
        let holders = groups.isEmpty ? [citation] : groups.filter { ($0.attribute("person-group-type") ?? "author") == "author" }
        var names: [String] = []
        var etAl = false
        for holder in holders {
            for part in holder.elements {
                switch part.name {
                case "name", "string-name": if let text = name(part).nonEmpty ?? part.nonEmptyText { names.append(text) }
                case "collab": if let text = part.nonEmptyText { names.append(text) }
                case "etal": etAl = true
                default: break
                }
            }
        }
        if etAl { names.append("et al") }
        if !names.isEmpty { sentences.append(names.joined(separator: ", ")) }
        let title = (citation.child("article-title") ?? citation.child("chapter-title"))?.nonEmptyText
        let source = citation.child("source")?.nonEmptyText
        if let title { sentences.append(title) }
        if let source { sentences.append(source) }
        if let edition = citation.child("edition")?.nonEmptyText { sentences.append(edition) }
        let publisher = [citation.child("publisher-loc")?.nonEmptyText, citation.child("publisher-name")?.nonEmptyText]
            .compactMap { $0 }.joined(separator: ": ")
        var issueLine = citation.child("year")?.nonEmptyText ?? ""
        if let volume = mention.volume { issueLine += (issueLine.isEmpty ? "" : ";") + volume }
        if let issue = mention.issue { issueLine += "(\(issue))" }
        if let pages = mention.pages { issueLine += (issueLine.isEmpty ? "" : ":") + pages }
        if !publisher.isEmpty {
            sentences.append(issueLine.isEmpty ? publisher : "\(publisher); \(issueLine)")
        } else if !issueLine.isEmpty {
            sentences.append(issueLine)
        }
        if let comment = citation.child("comment")?.nonEmptyText { sentences.append(comment) }
        guard !sentences.isEmpty else { return nil }
        return sentences.map { sentence in
            guard let last = sentence.last, !".?!".contains(last) else { return sentence }
            return sentence + "."
        }.joined(separator: " ")
    }
}
