import Foundation

/// The rows of a CSV file (RFC 4180: fields quoted with `"`, a quote doubled inside one, quoted
/// fields holding commas and line breaks, lines ending in LF or CRLF), read a line at a time
/// from `LineInput`: a file of any size is held one row at a time. Fields are bytes; what they
/// decode as is the caller's business.
struct CSVRows {
    enum Row {
        /// A row's fields, with the number of the line it starts on.
        case fields([[UInt8]], line: Int)
        /// A row that breaks the quoting (`"` inside an unquoted field, text after a closing
        /// quote, a quote still open at the end of the input), or one that grows past the limit.
        case broken(line: Int, reason: String)
        /// The input cannot be read past this line (truncated gzip).
        case unreadable(line: Int)
    }

    private let input: LineInput
    private let maximumRowSize: Int

    init(_ input: LineInput, maximumRowSize: Int) {
        self.input = input
        self.maximumRowSize = maximumRowSize
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r")

    mutating func next() -> Row? {
        var fields: [[UInt8]] = []
        var field: [UInt8] = []
        var inQuotes = false
        // After a quoted field's closing quote: only a comma or the row's end may follow.
        var afterClosingQuote = false
        var firstLine: Int?
        var size = 0
        var broken: String?
        while let line = input.next() {
            let bytes: [UInt8], number: Int
            switch line {
            case .text(let text, let lineNumber): (bytes, number) = (text, lineNumber)
            case .tooLong(let lineNumber, let length):
                return .broken(line: firstLine ?? lineNumber, reason: "a line of \(length) bytes, larger than a row may be")
            case .unreadable(let lineNumber): return .unreadable(line: lineNumber)
            }
            if firstLine == nil {
                // Blank lines between rows are no rows.
                if bytes.isEmpty || bytes == [Self.cr] { continue }
                firstLine = number
            }
            size += bytes.count + 1
            if size > maximumRowSize { broken = broken ?? "a row larger than \(maximumRowSize) bytes" }
            // A line ending in CRLF: the CR belongs to the line end unless a quoted field goes on.
            var end = bytes.count
            var index = 0
            while index < end {
                let byte = bytes[index]
                if inQuotes {
                    if byte == Self.quote {
                        if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                            field.append(Self.quote)
                            index += 2
                            continue
                        }
                        inQuotes = false
                        afterClosingQuote = true
                    } else if !(byte == Self.cr && index == bytes.count - 1) {
                        field.append(byte)
                    }
                } else if byte == Self.comma {
                    fields.append(field)
                    field = []
                    afterClosingQuote = false
                } else if byte == Self.cr, index == end - 1 {
                    end -= 1
                    continue
                } else if afterClosingQuote {
                    broken = broken ?? "text after a quoted field's closing quote"
                } else if byte == Self.quote {
                    if field.isEmpty { inQuotes = true } else { broken = broken ?? "a quote inside an unquoted field" }
                } else {
                    field.append(byte)
                }
                index += 1
            }
            if inQuotes {
                // The quoted field goes on to the next line, its line break part of it.
                field.append(UInt8(ascii: "\n"))
                continue
            }
            fields.append(field)
            if let broken { return .broken(line: firstLine ?? number, reason: broken) }
            return .fields(fields, line: firstLine ?? number)
        }
        guard let firstLine else { return nil }
        if inQuotes { return .broken(line: firstLine, reason: "a quoted field that is never closed (the input ends inside it)") }
        fields.append(field)
        if let broken { return .broken(line: firstLine, reason: broken) }
        return .fields(fields, line: firstLine)
    }
}
