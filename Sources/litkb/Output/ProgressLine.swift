import Foundation
import LitKBIngest

/// A one-line progress report for long files, redrawn in place on a terminal's standard error:
/// records, the file's MB/s and the time left. Never drawn into a pipe or a file, nor for a file
/// that takes less than a moment (under 4 MB).
final class ProgressLine: @unchecked Sendable {
    // Touched only from the store's thread, which calls `update`, and the command's thread
    // between files, never both at once.
    private var path = ""
    private var fileSize = 0
    /// When the first part arrived and how much of the file had been read by then: rates count
    /// from there, not from a start whose time the first part does not tell.
    private var started = Date()
    private var startFraction = 0.0
    private var lastDrawn = Date.distantPast
    private var drawn = false

    static let smallestFile = 4 << 20

    func update(_ progress: IngestProgress) {
        if progress.path != path {
            path = progress.path
            fileSize = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
            started = Date()
            startFraction = progress.fractionRead ?? 0
        }
        guard fileSize >= Self.smallestFile else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDrawn) >= 0.25 else { return }
        lastDrawn = now
        let elapsed = now.timeIntervalSince(started)
        var parts = ["\(progress.records.grouped) records"]
        if let fraction = progress.fractionRead {
            parts.append("\(Int(fraction * 100)) %")
            let share = fraction - startFraction
            if elapsed >= 1, share > 0 {
                parts.append(String(format: "%.1f MB/s", Double(fileSize) * share / 1_048_576 / elapsed))
                if fraction < 1 { parts.append("about \(Self.duration(elapsed * (1 - fraction) / share)) left") }
            }
        }
        let line = "\(path): " + parts.joined(separator: " · ")
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
        drawn = true
    }

    /// Erases the line, before a report line takes its place.
    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
        lastDrawn = .distantPast
        path = ""
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 3600 ? String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                             : String(format: "%d:%02d", whole / 60, whole % 60)
    }
}
