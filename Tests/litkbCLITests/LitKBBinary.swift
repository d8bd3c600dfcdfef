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
}
