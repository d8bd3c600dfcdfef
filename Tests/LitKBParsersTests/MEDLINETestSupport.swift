import Foundation
import LitKBModel
import LitKBParsers

/// The MEDLINE fixtures beside these tests and the shared corpus's real export, found through
/// `TestPaths`.
enum MEDLINEFiles {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/medline")
    /// `../shared/corpus/medline-nbib/pubmed_result2.txt` beside the package: read in place, never copied in.
    static let sample = TestPaths.sharedCorpus.appendingPathComponent("medline-nbib/pubmed_result2.txt")
    static var sampleExists: Bool { FileManager.default.fileExists(atPath: sample.path) }
    static let sampleMissing = "the shared corpus is absent: \(sample.path) not found"

    /// The file's text as its bytes decode, a byte-order mark included
    /// (`String(contentsOf:encoding:)` drops it, hiding it from the parser).
    static func text(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    static func fixture(_ name: String) throws -> String {
        try text(fixtures.appendingPathComponent(name))
    }

    static func parseFixture(_ name: String) throws -> ParsedFile {
        try MEDLINEParser.parse(fixture(name), file: name)
    }
}
