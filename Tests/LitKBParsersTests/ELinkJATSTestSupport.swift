import Foundation
import LitKBModel
import LitKBParsers

/// The shared corpus (`../shared/corpus`, real NCBI files, never copied in) and this target's
/// own eLink and JATS fixtures, found from this file's path.
enum ELinkJATSFiles {
    static let packageRoot = TestPaths.packageRoot

    static let corpus = TestPaths.sharedCorpus
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// True when the shared corpus is beside the package; tests on it are skipped otherwise.
    static let corpusAvailable = FileManager.default.fileExists(atPath: corpus.appendingPathComponent("pmc-jats").path)
        && FileManager.default.fileExists(atPath: corpus.appendingPathComponent("elink").path)
    static let corpusAbsent = "the shared corpus is absent: \(corpus.path) not found"

    static func corpusData(_ relativePath: String) throws -> Data {
        try Data(contentsOf: corpus.appendingPathComponent(relativePath))
    }

    static func fixtureData(_ relativePath: String) throws -> Data {
        try Data(contentsOf: fixtures.appendingPathComponent(relativePath))
    }

    static func jats(_ name: String) throws -> ParsedFile {
        try JATSParser.parse(corpusData("pmc-jats/" + name), file: name)
    }

    /// The only record of a one-article JATS file.
    static func jatsRecord(_ name: String) throws -> WorkRecord {
        let parsed = try jats(name)
        guard parsed.records.count == 1, parsed.failures.isEmpty else {
            throw ParseError(location: SourceLocation(file: name), message: "expected one record, got \(parsed.records.count), failures \(parsed.failures)")
        }
        return parsed.records[0].record
    }
}
