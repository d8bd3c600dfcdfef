import Foundation

/// Where diagnostics go: standard error, a whole line at a time, so a warning never lands in a
/// report, an export or a pipe on standard output.
enum StandardError {
    /// Whether standard error is a terminal (a progress line is drawn only there).
    static let isTerminal = isatty(STDERR_FILENO) != 0

    /// Writes `line` after whatever standard output holds so far, so that with both streams
    /// sent to one file (`2>&1`) each diagnostic follows the report line it belongs to.
    static func write(_ line: String) {
        fflush(nil)   // every output stream: standard output is the one with anything buffered
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
