import Foundation
import LitKBModel

/// Reading a whole file's bytes into an `XMLTree`, and the errors every whole-document XML
/// parser (eLink, JATS) reports the same way.
extension XMLTree {
    /// Parses `data`; nil when it cannot be XML at all (empty, or its first non-blank byte is
    /// not `<`: MEDLINE text, page text, binary), so libxml2 never sees it.
    static func parse(_ data: Data) -> XMLTree? {
        guard let first = data.firstIndex(where: { !XMLTree.isLeadingBlank($0) }), data[first] == UInt8(ascii: "<")
              || XMLTree.startsWithByteOrderMark(data) else { return nil }
        return data.withUnsafeBytes { XMLTree.parse($0) }
    }

    private static func isLeadingBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func startsWithByteOrderMark(_ data: Data) -> Bool {
        data.starts(with: [0xEF, 0xBB, 0xBF]) || data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0xFF, 0xFE])
    }

    /// `not an eLink result: the document element is <PubmedArticleSet>` and the like, naming
    /// the file. `expected` says what the parser reads ("an eLink result").
    static func wrongFormat(_ tree: XMLTree?, data: Data, file: String, expected: String) -> ParseError {
        let reason: String
        if data.isEmpty {
            reason = "the file is empty"
        } else if let root = tree?.root {
            reason = "the document element is <\(root.name)>"
        } else if tree == nil {
            reason = "it is not XML"
        } else {
            reason = "it is not XML" + (tree?.firstFatalProblem.map { " (line \($0.line): \($0.message))" } ?? "")
        }
        return ParseError(location: SourceLocation(file: file), message: "not \(expected): \(reason)")
    }

    /// The failure for a document of the right kind that is broken: the first fatal problem.
    func brokenDocument(file: String, what: String) -> ParseError {
        let problem = firstFatalProblem
        return ParseError(location: SourceLocation(file: file, line: problem?.line),
                          message: "\(what) is not well-formed XML: \(problem?.message ?? "libxml2 gave up"); nothing read from it")
    }

    /// libxml2's non-fatal reports (an entity left unexpanded) as warnings on the file.
    func problemWarnings(file: String) -> [ParseWarning] {
        problems.filter { !$0.fatal }.map {
            ParseWarning(location: SourceLocation(file: file, line: $0.line > 0 ? $0.line : nil), message: $0.message)
        }
    }
}
