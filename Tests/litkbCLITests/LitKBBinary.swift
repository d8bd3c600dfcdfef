import Foundation

/// The `litkb` executable the tests run, from the build products of the configuration under
/// test (debug or release), and the package root they run it in.
enum LitKBBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/corpus` beside the package: real NCBI files, read in place, never copied in.
    static let sharedCorpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")

    static var url: URL {
        let beside = Bundle.main.bundleURL.appendingPathComponent("litkb")
        if FileManager.default.fileExists(atPath: beside.path) { return beside }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("litkb")
    }

    /// What a run printed and how it ended.
    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs `litkb arguments` in `directory` (the package root unless told), `input` on its
    /// standard input; `launcher` runs it through another program (`setpriv` to drop root).
    static func run(_ arguments: [String], input: Data? = nil, in directory: URL = packageRoot, launcher: [String] = []) throws -> Result {
        let process = Process()
        if launcher.isEmpty {
            process.executableURL = url
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: launcher[0])
            process.arguments = Array(launcher.dropFirst()) + [url.path] + arguments
        }
        process.currentDirectoryURL = directory
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(input) }
        try standardInput.fileHandleForWriting.close()
        // Standard error is read beside standard output: a command that filled one pipe while
        // the other went unread would wait forever.
        let err = ReadData()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { err.data = errors.fileHandleForReading.readDataToEndOfFile() }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err.data, as: UTF8.self))
    }
}

/// Bytes one thread reads for another, which waits for it.
private final class ReadData: @unchecked Sendable {
    var data = Data()
}
