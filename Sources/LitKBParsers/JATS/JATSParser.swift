import Foundation
import LitKBModel

/// Reads PubMed Central articles in JATS XML (`.nxml`, NLM Archiving and Interchange DTD 2.x/3.x
/// and JATS 1.x): one record per `<article>`, also inside a `<pmc-articleset>` (efetch db=pmc) or
/// an `<OAI-PMH>` response (PMC's OAI service, `metadataPrefix=pmc` or `pmc_fm`). Front matter
/// (ids, title, journal, dates, authors with affiliations and ORCID iDs, abstracts, keywords,
/// conflict-of-interest statement) and the whole reference list as `cites` links.
///
/// ```swift
/// let parsed = try JATSParser.parse(data, file: "ehp-116-1694.nxml")
/// parsed.records[0].record.ids.pmcid   // PMC2599765
/// ```
///
/// Values match what the PubMed XML parser gives for the same article where JATS says the same
/// thing (initials, dates, bare ORCID iDs), so both records merge. `sub-article`s (reviews,
/// replies, translations inside an article) are not records of their own and are not read.
public enum JATSParser {
    /// Throws when `data` is not JATS (PubMed XML, eLink, MEDLINE, page text, empty, binary);
    /// a broken JATS file yields a failure and no records.
    public static func parse(_ data: Data, file: String) throws(ParseError) -> ParsedFile {
        let tree = XMLTree.parse(data)
        guard let tree, let root = tree.root, ["article", "pmc-articleset", "OAI-PMH"].contains(root.name) else {
            throw XMLTree.wrongFormat(tree, data: data, file: file, expected: "a JATS article")
        }
        guard tree.wellFormed else {
            return ParsedFile(failures: [tree.brokenDocument(file: file, what: "this JATS file")])
        }
        let articles = switch root.name {
        case "article": [root]
        case "OAI-PMH": root.descendants("article", stoppingAt: ["article"])
        default: root.children("article")
        }
        var result = ParsedFile(warnings: tree.problemWarnings(file: file))
        if articles.isEmpty {
            let oaiError = root.children("error").first.map { ": \($0.attribute("code") ?? "error") \($0.text)" } ?? ""
            result.failures.append(ParseError(location: SourceLocation(file: file, line: root.line),
                                              message: "the \(root.name) holds no article\(oaiError)"))
        }
        for (index, article) in articles.enumerated() {
            let location = SourceLocation(file: file, record: articles.count > 1 ? index + 1 : nil, line: article.line)
            result.records.append(JATSArticleReader.read(article, location: location))
        }
        return result
    }
}
