import Foundation

/// Where this target's tests find their files (the package declares no resources): the package
/// root, found from this file's path, and `../shared/corpus` beside it (real NCBI files, read in
/// place, never copied in).
enum TestPaths {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { break }
        }
        return url
    }()

    static let sharedCorpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus")
}
