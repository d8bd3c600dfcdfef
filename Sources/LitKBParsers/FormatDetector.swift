import LitKBModel

/// Decides a file's format from its content, never its name.
public enum FormatDetector {
    /// The format of a file whose first bytes (a few KB, decoded leniently) are `prefix`.
    public static func detect(_ prefix: String) -> SourceFormat? {
        let head = prefix.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if head.hasPrefix("<") {
            if head.contains("<PubmedArticleSet") || head.contains("<MedlineCitationSet") || head.contains("<PubmedArticle>")
                || head.contains("<PubmedBookArticle") || head.contains("<MedlineCitation ") {
                return .pubmedXML
            }
            if head.contains("<eLinkResult") { return .elink }
            if containsTag("article", in: head) || head.contains("JATS") || head.contains("<pmc-articleset") || head.contains("<OAI-PMH") {
                return .jats
            }
            return nil
        }
        if RetractionWatchStream.looksLikeRetractionWatch(head) { return .retractionWatch }
        if CitationPairStream.looksLikeCitationPairs(head) { return .nihOCC }
        if looksLikeMEDLINE(head) { return .medline }
        if PageTextParser.looksLikePageText(String(head)) { return .pageText }
        return nil
    }

    /// `<name` followed by a space, a line break or `>`: NLM 2.x/3.0 articles often break the
    /// line after `<article`.
    static func containsTag(_ name: String, in text: Substring) -> Bool {
        var rest = text[...]
        while let range = rest.range(of: "<" + name) {
            let next = rest[range.upperBound...].first
            if next == nil || next == ">" || next!.isWhitespace { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    /// MEDLINE/nbib: tag lines (`PMID- 123`); `MEDLINEParser` decides.
    static func looksLikeMEDLINE(_ text: Substring) -> Bool {
        MEDLINEParser.looksLikeMEDLINE(text)
    }
}
