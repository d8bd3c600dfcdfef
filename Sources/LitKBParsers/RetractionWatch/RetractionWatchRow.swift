import LitKBModel

/// One row of the Retraction Watch database, its columns by name.
struct RetractionWatchRow {
    private let values: [String]
    private let columns: RetractionWatchColumns

    init(_ values: [String], columns: RetractionWatchColumns) {
        self.values = values
        self.columns = columns
    }

    subscript(_ name: String) -> String {
        guard let index = columns.index[name], index < values.count else { return "" }
        return String(values[index].whitespaceTrimmed)
    }

    /// What a notice of this nature is, as a link from the notice to the paper and as the
    /// publication type PubMed gives such a notice.
    static let natures: [String: (kind: LinkKind, publicationType: String?)] = [
        "retraction": (.retractionOf, "Retraction of Publication"),
        "expression of concern": (.expressionOfConcernFor, "Expression of Concern"),
        "correction": (.erratumFor, "Published Erratum"),
        "reinstatement": (.reinstatementOf, nil),
    ]

    func notice(location: SourceLocation) -> Result<ParsedRecord, ParseError> {
        let recordID = self["Record ID"]
        let natureText = self["RetractionNature"]
        guard let nature = Self.natures[natureText.lowercased()] else {
            return .failure(ParseError(location: location, message: natureText.isEmpty
                ? "record \(recordID) has no RetractionNature: row skipped"
                : "record \(recordID) has RetractionNature '\(natureText)', none of Retraction, Expression of concern, Correction, Reinstatement: row skipped"))
        }
        var warnings: [ParseWarning] = []
        let original = identifiers(pmidColumn: "OriginalPaperPubMedID", doiColumn: "OriginalPaperDOI", location: location, warnings: &warnings)
        guard !original.isEmpty else {
            return .failure(ParseError(location: location, message: "record \(recordID) names its paper by no usable identifier "
                + "(OriginalPaperPubMedID '\(self["OriginalPaperPubMedID"])', OriginalPaperDOI '\(self["OriginalPaperDOI"])'): row skipped"))
        }
        var noticeIDs = identifiers(pmidColumn: "RetractionPubMedID", doiColumn: "RetractionDOI", location: location, warnings: &warnings)
        if !recordID.isEmpty { noticeIDs.others = [ArticleID(type: "retraction-watch", value: recordID)] }
        let title = self["Title"].nonEmpty
        let journal = self["Journal"].nonEmpty
        let noticeDate = Self.date(self["RetractionDate"])
        let reasons = Self.reasons(self["Reason"])

        var evidence = "Retraction Watch record \(recordID.isEmpty ? "without id" : recordID)"
        if let noticeDate { evidence += ", \(noticeDate.iso ?? "")" }
        evidence += ": \(natureText)"
        if !reasons.isEmpty { evidence += " (\(reasons.joined(separator: "; ")))" }

        let paper = WorkMention(ids: original, title: title, journal: journal, published: Self.date(self["OriginalPaperDate"]),
                                citation: evidence)
        var record = WorkRecord(format: .retractionWatch, ids: noticeIDs)
        record.title = title.map { "\(natureText.prefix(1).uppercased() + natureText.dropFirst()): \($0)" }
        record.journal = Journal(title: journal)
        record.published = noticeDate
        record.publicationTypes = nature.publicationType.map { [$0] } ?? []
        record.links = [Link(kind: nature.kind, target: paper)]
        return .success(ParsedRecord(record: record, location: SourceLocation(file: location.file, record: location.record,
                                                                              pmid: noticeIDs.pmid, line: location.line), warnings: warnings))
    }

    /// A PMID column's `0` and a DOI column's `unavailable` mean none.
    private func identifiers(pmidColumn: String, doiColumn: String, location: SourceLocation, warnings: inout [ParseWarning]) -> Identifiers {
        var ids = Identifiers()
        let pmidText = self[pmidColumn]
        if !pmidText.isEmpty, pmidText != "0" {
            if let pmid = PMID(pmidText) { ids.pmid = pmid } else {
                warnings.append(ParseWarning(location: location, message: "\(pmidColumn) '\(pmidText)' is not a PMID: not used"))
            }
        }
        let doiText = self[doiColumn]
        if !doiText.isEmpty, doiText.lowercased() != "unavailable" {
            if let doi = DOI(doiText) { ids.doi = doi } else {
                warnings.append(ParseWarning(location: location, message: "\(doiColumn) '\(doiText)' is not a DOI: not used"))
            }
        }
        return ids
    }

    /// `M/D/YYYY H:MM` (`6/7/2021 0:00`); the time is always midnight and is dropped.
    static func date(_ text: String) -> PartialDate? {
        let parts = text.split(separator: " ").first?.split(separator: "/").compactMap { Int($0) } ?? []
        guard parts.count == 3, (1...12).contains(parts[0]), (1...31).contains(parts[1]), (1000...2999).contains(parts[2]) else { return nil }
        return PartialDate(year: parts[2], month: parts[0], day: parts[1])
    }

    /// `+Duplication of Image;+Investigation by Journal/Publisher;` → the two reasons.
    static func reasons(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.whitespaceTrimmed }.map { $0.hasPrefix("+") ? String($0.dropFirst().whitespaceTrimmed) : String($0) }
            .filter { !$0.isEmpty }
    }
}

