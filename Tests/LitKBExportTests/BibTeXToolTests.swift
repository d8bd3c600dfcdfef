import Foundation
import LitKBExport
import LitKBModel
import XCTest

/// Runs exported entries through the real tools when they are installed: `bibtex` with the
/// classic `plain` and `plainnat` styles, then `pdflatex` on a document citing every entry.
final class BibTeXToolTests: XCTestCase {
    private static let works = [Fixtures.seed, Fixtures.retracted, Fixtures.nasty, Fixtures.anonymous, Fixtures.undated, Fixtures.seed]

    private func tool(_ name: String) throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw XCTSkip("\(name) is not installed")
    }

    private func bibliography() -> String {
        var writer = BibTeXWriter()
        return Self.works.map { writer.entry(for: $0) }.joined(separator: "\n")
    }

    private func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-bibtex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    @discardableResult
    private func run(_ executable: URL, _ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testBibTeXReadsEveryEntryWithoutErrors() throws {
        let bibtex = try tool("bibtex")
        for style in ["plain", "plainnat"] {
            let directory = try directory()
            try bibliography().write(to: directory.appendingPathComponent("refs.bib"), atomically: true, encoding: .utf8)
            try "\\citation{*}\n\\bibstyle{\(style)}\n\\bibdata{refs}\n"
                .write(to: directory.appendingPathComponent("doc.aux"), atomically: true, encoding: .utf8)
            let (status, output) = try run(bibtex, ["doc"], in: directory)
            XCTAssertEqual(status, 0, "\(style): \(output)")
            XCTAssertFalse(output.contains("error message"), "\(style): \(output)")
            // Only the warnings the data earns: the anonymous entries lack an author, one a year.
            let warnings = output.split(separator: "\n").filter { $0.hasPrefix("Warning--") }
            let unexpected = warnings.filter { warning in
                !["empty author in anon", "need author or key in anon", "empty year in anoncosts"].contains { warning.contains($0) }
            }
            XCTAssertEqual(unexpected, [], "\(style): \(output)")
            let bbl = try String(contentsOf: directory.appendingPathComponent("doc.bbl"), encoding: .utf8)
            for key in ["zeifman2024preliminary", "zeifman2024preliminarya", "jerome2020long", "gomeznunez2019costs",
                        "anon2019costs", "anoncosts"] {
                XCTAssertTrue(bbl.contains("{\(key)}"), "\(style): \(key) missing from .bbl")
            }
        }
    }

    /// Both font encodings: classic OT1 (the default) and T1 (what most preambles load).
    func testPDFLaTeXBuildsADocumentCitingEveryEntry() throws {
        for encoding in ["OT1", "T1"] { try buildDocument(fontEncoding: encoding) }
    }

    private func buildDocument(fontEncoding: String) throws {
        let bibtex = try tool("bibtex")
        let pdflatex = try tool("pdflatex")
        let directory = try directory()
        try bibliography().write(to: directory.appendingPathComponent("refs.bib"), atomically: true, encoding: .utf8)
        try #"""
            \documentclass{article}
            \usepackage[\#(fontEncoding)]{fontenc}
            \usepackage{url}
            \usepackage{natbib}
            \begin{document}
            \nocite{*}
            \bibliographystyle{plainnat}
            \bibliography{refs}
            \end{document}
            """#.write(to: directory.appendingPathComponent("doc.tex"), atomically: true, encoding: .utf8)
        let latex = ["-interaction=nonstopmode", "-halt-on-error", "doc.tex"]
        for step in [(pdflatex, latex), (bibtex, ["doc"]), (pdflatex, latex), (pdflatex, latex)] {
            let (status, output) = try run(step.0, step.1, in: directory)
            XCTAssertEqual(status, 0, "\(fontEncoding) \(step.0.lastPathComponent): \(output.suffix(2000))")
            guard status == 0 else { return }
        }
        let log = try String(contentsOf: directory.appendingPathComponent("doc.log"), encoding: .utf8)
        XCTAssertFalse(log.contains("! "), String(log.suffix(2000)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("doc.pdf").path))
    }
}
