import Foundation
import XCTest
import LitKBModel
import LitKBParsers

/// Fixtures beside these tests and the shared corpus of real PubMed files, found from this
/// file's path (the package declares no resources).
enum PubMedXMLFiles {
    static let packageRoot = TestPaths.packageRoot

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/pubmed-xml")
    /// `../shared/corpus/pubmed-xml` beside the package: real NCBI files, never copied in.
    static let corpus = TestPaths.sharedCorpus.appendingPathComponent("pubmed-xml")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static func corpusFile(_ name: String) throws -> String {
        let path = corpus.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("the shared corpus is absent: \(path) not found")
        }
        return path
    }

    /// Every item of a file.
    static func items(_ path: String, displayName: String? = nil) throws -> [PubMedXMLItem] {
        let parser = try PubMedXMLParser(path: path, displayName: displayName ?? URL(fileURLWithPath: path).lastPathComponent)
        var items: [PubMedXMLItem] = []
        while let item = parser.next() { items.append(item) }
        return items
    }

    static func records(_ path: String) throws -> [WorkRecord] {
        try items(path).compactMap { if case .record(let parsed) = $0 { return parsed.record } else { return nil } }
    }
}

extension PubMedXMLItem {
    var parsed: ParsedRecord? { if case .record(let parsed) = self { return parsed } else { return nil } }
    var error: ParseError? { if case .failure(let error) = self { return error } else { return nil } }
    var deleted: [PMID]? { if case .deletion(let pmids, _) = self { return pmids } else { return nil } }

    /// `record 1000001`, `failure: ...`, `deletion 1, 2`: a compact trace to compare in tests.
    var summary: String {
        switch self {
        case .record(let parsed): "record \(parsed.record.ids.pmid.map(String.init(describing:)) ?? "-")"
        case .deletion(let pmids, _): "deletion " + pmids.map(\.description).joined(separator: ", ")
        case .failure(let error): "failure: \(error)"
        case .warning(let warning): "warning: \(warning)"
        }
    }
}
