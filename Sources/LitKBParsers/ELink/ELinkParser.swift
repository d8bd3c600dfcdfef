import Foundation
import LitKBModel

/// Reads an E-utilities eLink result (`<eLinkResult>`, from `elink.fcgi?dbfrom=pubmed&db=pubmed`):
/// one record per `LinkSet` from a single PubMed id, carrying that article's links to other
/// PubMed records: similar articles (`pubmed_pubmed`, ranked), cited-by, references, and the
/// other PubMed-to-PubMed lists kept under their eLink names.
///
/// ```swift
/// let parsed = try ELinkParser.parse(data, file: "elink1.xml")
/// parsed.records[0].record.links(of: .similar).first?.target.ids.pmid   // 8794856
/// ```
///
/// Everything litkb does not store is skipped with a warning rather than guessed at: link sets
/// from or to other databases (pmc, gene, ...), LinkOut URL lists, history-server results, and a
/// `LinkSet` listing several source ids (see `ELinkLinkSet`). Warnings about a link set that
/// yields a record are on that record; the others are on the file. An `ERROR` eLink returned for
/// the whole request is a failure; one inside a link set is a warning.
public enum ELinkParser {
    /// Throws when `data` is not an eLink result (PubMed XML, JATS, MEDLINE, page text, empty,
    /// binary); a broken eLink result yields a failure and no records.
    public static func parse(_ data: Data, file: String) throws(ParseError) -> ParsedFile {
        try parse(data, file: file, linkSetsBefore: 0)
    }

    /// `linkSetsBefore`: link sets that came before these in their file (a large result read
    /// one link set at a time), so that messages number them as the file does.
    static func parse(_ data: Data, file: String, linkSetsBefore: Int) throws(ParseError) -> ParsedFile {
        let tree = XMLTree.parse(data)
        guard let tree, let root = tree.root, root.name == "eLinkResult" else {
            throw XMLTree.wrongFormat(tree, data: data, file: file, expected: "an eLink result")
        }
        guard tree.wellFormed else {
            return ParsedFile(failures: [tree.brokenDocument(file: file, what: "this eLink result")])
        }
        var result = ParsedFile(warnings: tree.problemWarnings(file: file))
        var ordinal = linkSetsBefore
        for child in root.elements {
            switch child.name {
            case "LinkSet":
                ordinal += 1
                let linkSet = ELinkLinkSet(child, ordinal: ordinal, file: file)
                if let record = linkSet.record { add(record, to: &result) }
                result.warnings += linkSet.fileWarnings
            case "ERROR":
                result.failures.append(ParseError(location: SourceLocation(file: file, line: child.line),
                                                  message: "eLink returned an error: \(child.text)"))
            default:
                break
            }
        }
        return result
    }

    /// Link sets for the same PMID (`&id=1&id=1`, or one request per list name saved in one
    /// file) are one record: the store replaces a work's eLink lists record by record, so two
    /// records would erase each other's lists.
    private static func add(_ parsed: ParsedRecord, to result: inout ParsedFile) {
        guard let index = result.records.firstIndex(where: { $0.record.ids.pmid == parsed.record.ids.pmid }) else {
            result.records.append(parsed)
            return
        }
        var merged = result.records[index]
        for kind in parsed.record.listsGiven where !merged.record.listsGiven.contains(kind) {
            merged.record.listsGiven.append(kind)
        }
        for link in parsed.record.links {
            let list = merged.record.links.filter { $0.kind == link.kind }
            guard !list.contains(where: { $0.target.ids.pmid == link.target.ids.pmid }) else { continue }
            var added = link
            if link.rank != nil { added.rank = list.count + 1 }
            merged.record.links.append(added)
        }
        merged.warnings += parsed.warnings
        result.records[index] = merged
    }
}
