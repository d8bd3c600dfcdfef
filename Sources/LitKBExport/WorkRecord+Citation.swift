import LitKBModel

extension WorkRecord {
    /// The date a citation shows: the print date, else the electronic one.
    var citationDate: PartialDate? { published ?? electronicPublished }

    /// The title to cite: PubMed puts a translated title in square brackets (`[Title in English].`);
    /// a citation shows it without them. Falls back to the vernacular title.
    var citationTitle: String? {
        guard let title = [title, vernacularTitle].compactMap({ $0 }).first(where: { !LaTeX.collapsingWhitespace($0).isEmpty }) else {
            return nil
        }
        var body = Substring(LaTeX.collapsingWhitespace(title))
        let period = body.hasSuffix("].")
        if body.hasPrefix("["), body.hasSuffix("]") || period {
            body = body.dropFirst().dropLast(period ? 2 : 1)
            if body.contains("[") || body.contains("]") { return title }
            return String(body) + (period ? "." : "")
        }
        return String(body)
    }
}
