import LitKBModel

/// MEDLINE's two date shapes, read into the partial dates PubMed XML gives for the same record.
extension MEDLINERecordBuilder {
    /// `DP`: `2006`, `2006 Mar 1`, `2006 Spring`, `1998 Dec-1999 Jan`. PubMed prints here
    /// what XML gives as `PubDate` (Year/Month/Day, Season or MedlineDate), so the same
    /// reading applies: a range keeps its first year and month and its text.
    static func publicationDate(_ value: String) -> PartialDate? {
        guard !value.isEmpty else { return nil }
        return PartialDate(parsing: value) ?? PartialDate(text: value)
    }

    /// `DEP - 20060110` → 2006-01-10; `200601` and `2006` are read as far as they go.
    /// `2024/01/04 06:42` (EDAT, MHDA, CRDT): the date, the time left out.
    static func slashedDate(_ value: String) -> PartialDate? {
        let date = value.whitespaceTrimmed.prefix { !$0.isWhitespace }
        let parts = date.split(separator: "/")
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
        return compactDate(parts.map { $0.count == 1 ? "0" + $0 : String($0) }.joined())
    }

    static func compactDate(_ value: String) -> PartialDate? {
        let digits = Array(value.whitespaceTrimmed)
        guard [4, 6, 8].contains(digits.count), digits.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(digits[range])) }
        guard let year = number(0..<4), (1000...2999).contains(year) else { return nil }
        let month = digits.count >= 6 ? number(4..<6).flatMap { (1...12).contains($0) ? $0 : nil } : nil
        let day = digits.count == 8 && month != nil ? number(6..<8).flatMap { (1...31).contains($0) ? $0 : nil } : nil
        return PartialDate(year: year, month: month, day: day)
    }
}
