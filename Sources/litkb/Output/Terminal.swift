import Foundation

/// What the output device is: its width for wrapping and whether it shows ANSI styles.
enum Terminal {
    static let isInteractive = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    static let width: Int = {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 40 { return columns }
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 { return Int(size.ws_col) }
        return 100
    }()

    /// Marks around search matches: bold on a terminal, brackets in a pipe or file.
    static let highlight: (open: String, close: String) = isInteractive ? ("\u{1B}[1m", "\u{1B}[0m") : ("[", "]")

    static func bold(_ text: String) -> String { isInteractive ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func alert(_ text: String) -> String { isInteractive ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text }

    /// `text` wrapped at word boundaries to the terminal width, each line indented.
    static func wrap(_ text: String, indent: Int, firstIndent: Int? = nil) -> String {
        let available = max(30, width - indent)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !current.isEmpty, current.count + 1 + word.count > available {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        let pad = String(repeating: " ", count: indent)
        let firstPad = String(repeating: " ", count: firstIndent ?? indent)
        return lines.enumerated().map { ($0.offset == 0 ? firstPad : pad) + $0.element }.joined(separator: "\n")
    }
}
