import Foundation
import XCTest
import LitKBModel
import LitKBParsers

/// The page-text files in the package's `corpus/page-text/`, found from this file's path.
enum PageTextCorpus {
    static let directory = TestPaths.packageRoot.appendingPathComponent("corpus/page-text")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
    }

    static func parse(_ name: String) throws -> ParsedRecord {
        try PageTextParser.parse(text(name), file: name)
    }

    static var fileNames: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }
}
