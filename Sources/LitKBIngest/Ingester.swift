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
        /// Found while walking a directory and not a format litkb reads (a README, say).
        case skipped(String)
    }

    public var path: String
    public var format: SourceFormat?
    public var status: Status
    public var records = 0
    public var outcome = BatchOutcome()
    /// What the parser noticed, with file and line.
    public var warnings: [ParseWarning] = []
    /// Records that could not be read, each named by file, record and line; the others landed.
    public var errors: [ParseError] = []
    /// What an interrupted ingest of the same content had committed, when this one resumed it.
    public var resumedAfter: SourceProgress?
    /// An interrupted ingest of the same content could not be resumed (the file reads
    /// differently now: another record limit or litkb version), and the file was read again.
    public var resumeRefused = false

    public var failed: Bool {
        if case .failed = status { return true }
        return outcome.failed > 0 || !errors.isEmpty
    }
}

/// Reads files, directories or standard input, detects each file's format from its content,
/// parses and stores the records batch by batch. A file that cannot be read or parsed is
/// reported and the others go on.
public struct Ingester: Sendable {
    public var store: KnowledgeBase
    /// Ingest files whose content was ingested before, instead of reporting them unchanged.
    public var force = false
    /// The largest record (and the largest whole file of a format read at once) held in
    /// memory; larger ones are reported and passed over.
    public var maximumRecordSize = InputLimits.maximumRecordSize

    public init(store: KnowledgeBase, force: Bool = false) {
        self.store = store
        self.force = force
    }

    /// The files named by `paths`, directories walked recursively in name order, hidden entries
    /// skipped; `-` stands for standard input. Paths that do not exist come back as failures.
    public static func expand(_ paths: [String]) -> [(path: String, error: String?, inDirectory: Bool)] {
        var result: [(String, String?, Bool)] = []
        let manager = FileManager.default
        for path in paths {
            if path == "-" {
                result.append(("-", nil, false))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                result.append((path, "no such file or directory", false))
                continue
            }
            guard isDirectory.boolValue else {
                result.append((path, nil, false))
                continue
            }
            guard let enumerator = manager.enumerator(atPath: path) else {
                result.append((path, "cannot list directory", false))
                continue
            }
            var files: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { enumerator.skipDescendants() }
                    continue
                }
                // Paths stay as the user wrote them: `corpus/page-text/x.txt`, not an absolute path.
                let full = (path as NSString).appendingPathComponent(relative)
                if (enumerator.fileAttributes?[.type] as? FileAttributeType) == .typeRegular { files.append(full) }
            }
            result += files.sorted().map { ($0, nil, true) }
        }
        return result
    }

    /// Ingests every file named by `paths`, calling `report` after each.
    public func ingest(_ paths: [String], report: (FileReport) -> Void) {
        for (path, error, inDirectory) in Ingester.expand(paths) {
            if let error {
                report(FileReport(path: path, format: nil, status: .failed(error)))
                continue
            }
            var fileReport = ingestFile(path)
            // A directory of records often holds its README or a PDF too: those are passed over
            // (and said so); any other file that is not a known format is a failure.
            if inDirectory, fileReport.format == nil, case .failed(let message) = fileReport.status, Ingester.isDocumentation(path) {
                fileReport.status = .skipped(message)
            }
            report(fileReport)
        }
    }

    static func isDocumentation(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        let stem = ((name as NSString).deletingPathExtension as NSString).lastPathComponent.uppercased()
        let documentationExtensions: Set<String> = ["md", "markdown", "rst", "pdf", "html", "png", "jpg", "jpeg", "gif", "svg", "doc", "docx"]
        return ["README", "LICENSE", "COPYING", "NOTICE", "CHANGELOG", "CHANGES"].contains(stem)
            || documentationExtensions.contains((name as NSString).pathExtension.lowercased())
    }

    public func ingestFile(_ path: String) -> FileReport {
        if path == "-" {
            return ingest(FileHandle.standardInput.readDataToEndOfFile(), name: "<stdin>")
        }
        return ingestPath(path, name: path)
    }

    private func ingestPath(_ path: String, name: String) -> FileReport {
        guard let prefix = InputPrefix.read(path: path) else {
            return FileReport(path: name, format: nil, status: .failed("cannot read the file"))
        }
        return ingest(.file(path), prefix: prefix, name: name)
    }

    /// Ingests bytes held in memory (standard input); `name` is how messages refer to them.
    public func ingest(_ data: Data, name: String) -> FileReport {
        // gzip'd input (`zcat`-less pipes of .xml.gz or .nbib.gz) goes through a temporary file,
        // which libxml2's I/O layer inflates as it does for files named on the command line.
        if data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-stdin-\(UUID().uuidString).gz")
            // Readable by the user alone: standard input may be anything.
            guard FileManager.default.createFile(atPath: temporary.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                return FileReport(path: name, format: nil, status: .failed("cannot hold gzip'd input in a temporary file in \(temporary.deletingLastPathComponent().path)"))
            }
            defer { try? FileManager.default.removeItem(at: temporary) }
            return ingestPath(temporary.path, name: name)
        }
        return ingest(.memory(data), prefix: data.prefix(8192), name: name)
    }

    enum Input {
        case file(String)
        case memory(Data)

        /// SHA-256 of the bytes as stored (compressed or not), read in chunks.
        func digest() throws -> (sha256: String, size: Int) {
            switch self {
            case .memory(let data):
                return (SHA256.hex(of: data), data.count)
            case .file(let path):
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
                defer { try? handle.close() }
                var hasher = SHA256()
                var size = 0
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                    hasher.update(chunk)
                    size += chunk.count
                }
                return (hasher.finalize(), size)
            }
        }
    }

    func ingest(_ input: Input, prefix: Data, name: String) -> FileReport {
        var report = FileReport(path: name, format: nil, status: .ingested)
        guard !prefix.isEmpty else {
            report.status = .failed("empty file")
            return report
        }
        guard let format = FormatDetector.detect(String(decoding: prefix, as: UTF8.self)) else {
            report.status = .failed("not a format litkb reads (expected PubMed page text, PubMed XML, MEDLINE, eLink or PMC JATS)")
            return report
        }
        report.format = format
        do {
            let (digest, size) = try input.digest()
            var resume: SourceProgress?
            switch try store.sourceState(sha256: digest, format: format) {
            case .complete(let earlier) where !force:
                report.status = .unchanged(since: earlier.ingestedAt)
                return report
            case .interrupted(let progress) where !force:
                resume = progress
                report.resumedAfter = progress
            default:
                break
            }
            let file = SourceFileInput(path: name, sha256: digest, format: format, size: size)
            let stream: any ItemStream
            do throws(ParseError) {
                stream = try open(input, format: format, name: name)
            } catch {
                // The report names the file: the error says the rest (record, line).
                let prefix = error.location.file + ": "
                report.status = .failed(error.description.hasPrefix(prefix) ? String(error.description.dropFirst(prefix.count)) : error.message)
                return report
            }
            do {
                try ingestItems(file, resume: resume, into: &report, stream: stream)
            } catch ResumeError.fileReadsDifferently {
                // Nothing after the interrupted ingest's last item was written: read the file
                // again from its start, as `--force` would.
                report = FileReport(path: name, format: format, status: .ingested)
                report.resumeRefused = true
                let again: any ItemStream
                do throws(ParseError) {
                    again = try open(input, format: format, name: name)
                } catch {
                    report.status = .failed(error.message)
                    return report
                }
                try ingestItems(file, resume: nil, into: &report, stream: again)
            }
        } catch {
            report.status = .failed("\(error)")
        }
        return report
    }
}
