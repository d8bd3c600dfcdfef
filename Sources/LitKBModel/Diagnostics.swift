/// Where in an input something was found: the file, the record within it, and the line.
public struct SourceLocation: Hashable, Sendable, Codable, CustomStringConvertible {
    public var file: String
    /// 1-based ordinal of the record within the file, when the file holds several.
    public var record: Int?
    public var pmid: PMID?
    public var line: Int?

    public init(file: String, record: Int? = nil, pmid: PMID? = nil, line: Int? = nil) {
        self.file = file
        self.record = record
        self.pmid = pmid
        self.line = line
    }

    /// `pubmed21n1298.xml.gz: record 17,012 (PMID 33728380): line 401,226`
    public var description: String {
        var parts = [file]
        if let record {
            parts.append("record \(record.grouped)" + (pmid.map { " (PMID \($0))" } ?? ""))
        } else if let pmid {
            parts.append("PMID \(pmid)")
        }
        if let line { parts.append("line \(line.grouped)") }
        return parts.joined(separator: ": ")
    }
}

/// Something in the input worth telling the user about, that did not stop the record.
public struct ParseWarning: Hashable, Sendable, Codable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// A record or a file that could not be read.
public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

extension Int {
    /// 17012 → "17,012": positions in large files read better grouped.
    public var grouped: String {
        let digits = String(magnitude)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return self < 0 ? "-" + result : result
    }

    /// 67108864 → "64 MB", 4096 → "4,096 bytes": sizes of limits.
    public var megabytes: String { self >= 1 << 20 ? "\((self >> 20).grouped) MB" : "\(grouped) bytes" }
}
