import Foundation
import LitKBModel
import LitKBParsers
import LitKBStore

/// What happened to one input file.
public struct FileReport: Sendable {
    public enum Status: Sendable, Equatable {
        case ingested
        /// The same content in the same format was ingested before (`--force` ingests it again).
        case unchanged(since: String)
        case failed(String)
    }

    public var path: String
    public var format: SourceFormat?
    public var status: Status
    public var records = 0
    public var outcome = BatchOutcome()
    /// What the parser noticed, with file and line.
    public var warnings: [ParseWarning] = []

    public var failed: Bool {
        if case .failed = status { return true }
        return outcome.failed > 0
    }
}

/// Reads files, directories or standard input, detects each file's format from its content,
/// parses and stores the records batch by batch. A file that cannot be read or parsed is
/// reported and the others go on.
public struct Ingester: Sendable {
    public var store: KnowledgeBase
    /// Ingest files whose content was ingested before, instead of reporting them unchanged.
    public var force = false

    public init(store: KnowledgeBase, force: Bool = false) {
        self.store = store
        self.force = force
    }

    /// The files named by `paths`, directories walked recursively in name order, hidden entries
    /// skipped; `-` stands for standard input. Paths that do not exist come back as failures.
    public static func expand(_ paths: [String]) -> [(path: String, error: String?)] {
        var result: [(String, String?)] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                result.append(("-", nil))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.append((path, "no such file or directory"))
                continue
            }
            guard isDirectory.boolValue else {
                result.append((path, nil))
                continue
            }
            guard let enumerator = manager.enumerator(at: URL(fileURLWithPath: path), includingPropertiesForKeys: [.isRegularFileKey],
                                                      options: [.skipsHiddenFiles]) else {
                result.append((path, "cannot list directory"))
                continue
            }
            var files: [String] = []
            for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                files.append(url.path)
            }
            result += files.sorted().map { ($0, nil) }
        }
        return result
    }

    /// Ingests every file named by `paths`, calling `report` after each.
    public func ingest(_ paths: [String], report: (FileReport) -> Void) {
        for (path, error) in Ingester.expand(paths) {
            if let error {
                report(FileReport(path: path, format: nil, status: .failed(error)))
                continue
            }
            report(ingestFile(path))
        }
    }

    public func ingestFile(_ path: String) -> FileReport {
        let name = path == "-" ? "<stdin>" : path
        let data: Data
        do {
            data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            return FileReport(path: name, format: nil, status: .failed("cannot read: \((error as NSError).localizedDescription)"))
        }
        return ingest(data, name: name)
    }

    /// Ingests one file's bytes; `name` is how messages refer to it.
    public func ingest(_ data: Data, name: String) -> FileReport {
        var report = FileReport(path: name, format: nil, status: .ingested)
        guard !data.isEmpty else {
            report.status = .failed("empty file")
            return report
        }
        let prefix = String(decoding: data.prefix(8192), as: UTF8.self)
        guard let format = FormatDetector.detect(prefix) else {
            report.status = .failed("not a format litkb reads (expected PubMed page text, PubMed XML, MEDLINE, eLink or PMC JATS)")
            return report
        }
        report.format = format
        let digest = SHA256.hex(of: data)
        do {
            if !force, let earlier = try store.ingestedSource(sha256: digest, format: format) {
                report.status = .unchanged(since: earlier.ingestedAt)
                return report
            }
            switch format {
            case .pageText:
                try ingestPageText(data, name: name, digest: digest, into: &report)
            case .pubmedXML, .medline, .elink, .jats:
                report.status = .failed("\(format.rawValue) was recognised, but this version of litkb does not ingest it yet")
            }
        } catch {
            report.status = .failed("\(error)")
        }
        return report
    }

    private func ingestPageText(_ data: Data, name: String, digest: String, into report: inout FileReport) throws {
        guard let text = String(data: data, encoding: .utf8) else {
            report.status = .failed("not valid UTF-8 text at byte \(Ingester.firstInvalidUTF8Offset(in: data).grouped)")
            return
        }
        let parsed: ParsedRecord
        do {
            parsed = try PageTextParser.parse(text, file: name)
        } catch {
            report.status = .failed(error.description)
            return
        }
        report.warnings = parsed.warnings
        let source = try store.registerSource(SourceFileInput(path: name, sha256: digest, format: .pageText, size: data.count))
        report.outcome = try store.write([IncomingRecord(record: parsed.record, location: parsed.location)], from: source)
        report.records = 1
        try store.finishSource(source, records: 1)
    }

    static func firstInvalidUTF8Offset(in data: Data) -> Int {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var offset = 0
        var scalarStart = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                scalarStart = offset
                offset += UTF8.width(scalar)
                _ = scalarStart
            case .emptyInput:
                return offset
            case .error:
                return offset
            }
        }
    }
}
