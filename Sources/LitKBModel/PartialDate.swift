/// A publication date as precise as its source: a year alone, a month, or a full day, with the
/// source's own wording kept when it cannot be reduced to one date ("1998 Dec-1999 Jan").
public struct PartialDate: Hashable, Sendable, Codable {
    public var year: Int?
    public var month: Int?
    public var day: Int?
    /// The date as the source wrote it, kept when it says more than year/month/day can.
    public var text: String?

    public init(year: Int? = nil, month: Int? = nil, day: Int? = nil, text: String? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.text = text
    }

    /// `2024`, `2024-11` or `2024-11-03`; nil without a year.
    public var iso: String? {
        guard let year else { return nil }
        var result = String(format4: year)
        if let month {
            result += "-" + String(format2: month)
            if let day { result += "-" + String(format2: day) }
        }
        return result
    }

    /// `2021`, `2021-06` or `2021-06-07`, as `iso` writes them; nil for anything else.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        let numbers = parts.dropFirst().map { $0.count == 2 ? Int($0) : nil }
        guard numbers.allSatisfy({ $0 != nil }) else { return nil }
        let month = numbers.first.flatMap { $0 }, day = numbers.dropFirst().first.flatMap { $0 }
        if let month, !(1...12).contains(month) { return nil }
        if let day, !(1...31).contains(day) { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses the forms PubMed prints: `2025 Dec`, `2025 Jan 23`, `2024 Nov;`, `2020`,
    /// `1998 Dec-1999 Jan`, `2001 Spring`. Unknown words leave the month empty but keep the text.
    public init?(parsing raw: some StringProtocol) {
        let text = String(raw).trimmingCharacters(in: " .;,")
        let words = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" })
        guard let first = words.first, first.count == 4, let year = Int(first), (1000...2999).contains(year) else { return nil }
        var month: Int?
        var day: Int?
        if words.count > 1 {
            month = PartialDate.month(named: words[1]) ?? Int(words[1]).flatMap { (1...12).contains($0) ? $0 : nil }
            if month != nil, words.count > 2, let number = Int(words[2]), (1...31).contains(number) { day = number }
        }
        let reconstructed = [String(year), month.map { PartialDate.monthAbbreviations[$0 - 1] }, day.map { String($0) }]
            .compactMap { $0 }.joined(separator: " ")
        self.init(year: year, month: month, day: day, text: reconstructed == text ? nil : text)
    }

    public static let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// 1–12 for an English month name or its three-letter abbreviation, any case.
    public static func month(named word: some StringProtocol) -> Int? {
        let lowered = word.lowercased()
        guard lowered.count >= 3 else { return nil }
        let prefix = lowered.prefix(3)
        guard let index = monthAbbreviations.firstIndex(where: { $0.lowercased() == prefix }) else { return nil }
        let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][index]
        return (lowered.count == 3 || full == lowered || lowered == prefix + ".") ? index + 1 : nil
    }
}

extension String {
    init(format4 value: Int) {
        let digits = "\(value)"
        let padding = digits.count < 4 ? 4 - digits.count : 0
        self = String(repeating: "0", count: padding) + digits
    }

    init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }

    func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
