import LitKBModel

/// PubMed's date elements (`PubDate`, `ArticleDate`, a book's `PubDate`) as partial dates.
enum PubMedDates {
    /// `<Year>2000</Year><Month>Feb</Month><Day>24</Day>`: Month may be `Feb` or `02`;
    /// `<Season>Spring</Season>` keeps the season in `text`;
    /// `<MedlineDate>1998 Dec-1999 Jan</MedlineDate>`: year 1998, month 12, the text kept.
    static func date(_ node: XMLNode) -> PartialDate? {
        var year: Int?
        var month: Int?
        var day: Int?
        var season: String?
        var medlineDate: String?
        for child in node.elements {
            switch child.name {
            case .year: year = Int(child.text)
            case .month: month = monthNumber(child.text)
            case .day: day = Int(child.text).flatMap { (1...31).contains($0) ? $0 : nil }
            case .season: season = child.nonEmptyText
            case .medlineDate: medlineDate = child.nonEmptyText
            default: break
            }
        }
        if let medlineDate, year == nil {
            return PartialDate(parsing: medlineDate) ?? PartialDate(text: medlineDate)
        }
        guard let year else { return nil }
        if let season {
            return PartialDate(year: year, month: month, text: "\(year) \(season)")
        }
        return PartialDate(year: year, month: month, day: month == nil ? nil : day)
    }

    /// `Jan`, `January`, `01`, `1` → 1.
    static func monthNumber(_ text: String) -> Int? {
        if let number = Int(text) { return (1...12).contains(number) ? number : nil }
        return PartialDate.month(named: text)
    }
}
