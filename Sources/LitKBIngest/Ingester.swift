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
    /// What a file of citation pairs (the NIH Open Citation Collection) added; nil for the
    /// formats of records. Its `records` are the pairs it gave.
    public var pairs: CitationPairOutcome?

    public var failed: Bool {
        if case .failed = status { return true }
        return outcome.failed > 0 || !errors.isEmpty
    }
}

/// One input `Ingester.expand` found: a file to read, or what became of an argument that
/// gave none.
public struct ExpandedPath: Sendable, Equatable {
    public var path: String
    /// Why it cannot be read (it does not exist, a link to nothing).
    public var error: String?
    /// Found while walking a directory rather than named.
    public var inDirectory = false
    /// Nothing to read here, and why (an empty directory, one walked already).
    public var note: String?

    public init(path: String, error: String? = nil, inDirectory: Bool = false, note: String? = nil) {
        self.path = path
        self.error = error
        self.inDirectory = inDirectory
        self.note = note
    }
}

/// A file's device and inode, after symbolic links: what makes two paths one directory.
struct DirectoryIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
    var isDirectory: Bool
    var isRegularFile: Bool

    init?(_ path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
        isRegularFile = (status.st_mode & S_IFMT) == S_IFREG
    }

    static func == (a: Self, b: Self) -> Bool { a.device == b.device && a.inode == b.inode }
    func hash(into hasher: inout Hasher) { hasher.combine(device); hasher.combine(inode) }
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
    /// Called on the store's thread as each part of a streamed file arrives (every few hundred
    /// records).
    public var progress: (@Sendable (IngestProgress) -> Void)?

    public init(store: KnowledgeBase, force: Bool = false) {
        self.store = store
        self.force = force
    }

    /// The files named by `paths`, directories walked recursively in name order, hidden entries
    /// skipped, symbolic links followed (a directory reached twice, as a link back to one of
    /// its parents or to one walked already, is walked once); `-` stands for standard input.
    /// Paths that do not exist come back as failures, directories with nothing in them as
    /// notes, so that every argument says what became of it.
    public static func expand(_ paths: [String]) -> [ExpandedPath] {
        var result: [ExpandedPath] = []
        var walked: [DirectoryIdentity: String] = [:]
        for path in paths {
            if path == "-" {
                result.append(ExpandedPath(path: "-"))
                continue
            }
            guard let identity = DirectoryIdentity(path) else {
                let dangling = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
                result.append(ExpandedPath(path: path, error: dangling ? "a symbolic link to nothing" : "no such file or directory"))
                continue
            }
            guard identity.isDirectory else {
                result.append(ExpandedPath(path: path))
                continue
            }
            var files: [ExpandedPath] = []
            walk(path, identity: identity, walked: &walked, into: &files)
            if files.isEmpty {
                result.append(ExpandedPath(path: path, note: "nothing to ingest: the directory holds no files"))
            }
            result += files.sorted { $0.path < $1.path }
        }
        return result
    }

    private static func walk(_ directory: String, identity: DirectoryIdentity, walked: inout [DirectoryIdentity: String], into files: inout [ExpandedPath]) {
        if let first = walked[identity] {
            files.append(ExpandedPath(path: directory, inDirectory: true, note: "the same directory as \(first), walked once"))
            return
        }
        walked[identity] = directory
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            files.append(ExpandedPath(path: directory, error: "cannot list directory", inDirectory: true))
            return
        }
        for name in names where !name.hasPrefix(".") {
            // Paths stay as the user wrote them: `corpus/page-text/x.txt`, not an absolute path.
            let full = (directory as NSString).appendingPathComponent(name)
            guard let entry = DirectoryIdentity(full) else {
                files.append(ExpandedPath(path: full, error: "a symbolic link to nothing", inDirectory: true))
                continue
            }
            if entry.isDirectory {
                walk(full, identity: entry, walked: &walked, into: &files)
            } else if entry.isRegularFile {
                files.append(ExpandedPath(path: full, inDirectory: true))
            }
        }
    }

    /// Ingests every file named by `paths`, calling `report` after each.
    public func ingest(_ paths: [String], report: (FileReport) -> Void) {
        for input in Ingester.expand(paths) {
            if let error = input.error {
                report(FileReport(path: input.path, format: nil, status: .failed(error)))
                continue
            }
            if let note = input.note {
                report(FileReport(path: input.path, format: nil, status: .skipped(note)))
                continue
            }
            var fileReport = ingestFile(input.path)
            // A directory of records often holds its README or a PDF too: those are passed over
            // (and said so); any other file that is not a known format is a failure.
            if input.inDirectory, fileReport.format == nil, case .failed(let message) = fileReport.status, Ingester.isDocumentation(input.path) {
                fileReport.status = .skipped(message)
            }
            report(fileReport)
        }
        // A file that failed part way left the fielded-search indexes its ingest dropped (each
        // complete file builds them); the run builds them now, as opening the base would.
        try? store.buildFieldedIndexes()
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
        let isGzip = data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
        // A zip (the NIH Open Citation Collection's) is read from a file as well.
        let isZip = data.starts(with: [0x50, 0x4B, 0x03, 0x04])
        if isGzip || isZip {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("litkb-stdin-\(UUID().uuidString).\(isZip ? "zip" : "gz")")
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
            report.status = .failed("not a format litkb reads (expected PubMed page text, PubMed XML, MEDLINE, eLink, PMC JATS, the Retraction Watch CSV or the NIH Open Citation Collection's CSV)")
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
            if format == .nihOCC {
                let pairs: CitationPairStream
                do throws(ParseError) {
                    pairs = switch input {
                    case .file(let path): try CitationPairStream(path: path, displayName: name)
                    case .memory(let data): try CitationPairStream(data: data, displayName: name)
                    }
                } catch {
                    report.status = .failed(error.message)
                    return report
                }
                try ingestCitationPairs(file, resume: resume, into: &report, stream: pairs)
                return report
            }
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
