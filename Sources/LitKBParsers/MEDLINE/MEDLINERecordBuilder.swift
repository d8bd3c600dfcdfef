import LitKBModel

/// Builds one `WorkRecord` from the fields of one MEDLINE record, field by field in file
/// order. Each group of tags has its reader in an extension: `MEDLINEAuthors`,
/// `MEDLINEAbstracts`, `MEDLINESubjects`, `MEDLINEIdentifiers`, `MEDLINENotices`.
///
/// The values are the ones the PubMed XML parser gives for the same article, so the store can
/// merge the two: MEDLINE's tags are a printout of the same `MedlineCitation` and `PubmedData`.
struct MEDLINERecordBuilder: PubMedIdentifierCollector {
    var record = WorkRecord(format: .medline)
    var location: SourceLocation
    var warnings: [ParseWarning] = []

    // State that spans fields.
    /// `LID ... [doi]`: the DOI when no `AID ... [doi]` gives one (as XML's ELocationID).
    var locationDOI: DOI?
    /// `OID - NLM: PMC...`: the PMC id when no `PMC` field gives one.
    var otherPMCID: PMCID?
    /// The ISSNs in `IS` order; one that is not the linking ISSN wins (XML's Journal/ISSN).
    var issns: [(value: String, type: String?)] = []
    var mainAbstract: String?
    var mainCopyright: String?
    var otherAbstracts: [(text: String, language: String?, copyright: String?)] = []
    /// `OTO` names the owner of the `OT` keywords after it.
    var keywordOwner: String?
    /// `AD` before any author (records before 2014 print one affiliation ahead of `FAU`).
    var leadingAffiliations: [String] = []
    /// Whether the last author came from `FAU` and still waits for its `AU`.
    var authorAwaitsShortName = false
    /// After FIR/IR (an investigator, which litkb does not keep), AUID and AD lines are the
    /// investigator's, not the last author's.
    var readingInvestigator = false
    var bookTitle: String?
    var sourceCitation: String?

    init(location: SourceLocation) {
        self.location = location
    }

    /// The record, or the failure that keeps it from being one.
    static func build(_ lines: MEDLINERecordLines, file: String) -> Result<ParsedRecord, ParseError> {
        let pmid = lines.fields.first(where: { $0.tag == "PMID" }).flatMap { PMID($0.value) }
        let start = SourceLocation(file: file, record: lines.ordinal, pmid: pmid, line: lines.firstLine)
        guard pmid != nil else {
            let pmidField = lines.fields.first(where: { $0.tag == "PMID" })
            var location = start
            location.line = pmidField?.line ?? lines.firstLine
            let message = pmidField.map { "PMID \"\($0.value.prefix(40))\" is not a PubMed id" } ?? "record without a PMID line"
            return .failure(ParseError(location: location, message: message))
        }
        var builder = MEDLINERecordBuilder(location: start)
        for field in lines.fields { builder.read(field) }
        // A stray line (a wrapped line that lost its indent, another tool's tag) costs the
        // record nothing but itself: kept uninterpreted, and said.
        for line in lines.unreadable {
            builder.record.uninterpreted.append(UninterpretedContent(section: "MEDLINE", line: line.line, text: line.value))
            builder.warn(line, "not a MEDLINE line (neither \"TAG - value\" nor an indented continuation); kept uninterpreted: \"\(line.value.prefix(80))\"")
        }
        builder.finish()
        return .success(ParsedRecord(record: builder.record, location: builder.location, warnings: builder.warnings))
    }

    mutating func read(_ field: MEDLINEField) {
        let value = field.value
        switch field.tag {
        case "PMID":
            if record.ids.pmid == nil {
                record.ids.pmid = PMID(value)
                // MEDLINE prints no record version; XML says 1 when it does not either.
                record.ids.pmidVersion = 1
            } else if PMID(value) != record.ids.pmid {
                warn(field, "a second PMID \(value) in the record; the first, \(record.ids.pmid!), kept")
            }
        case "TI": record.title = value.nonEmpty
        case "TT": record.vernacularTitle = value.nonEmpty
        case "BTI": bookTitle = value.nonEmpty
        case "DP": record.published = MEDLINERecordBuilder.publicationDate(value)
        case "EDAT": record.entrezDate = MEDLINERecordBuilder.slashedDate(value)
        case "DEP":
            if record.electronicPublished == nil { record.electronicPublished = MEDLINERecordBuilder.compactDate(value) }
        case "TA": record.journal.isoAbbreviation = value.nonEmpty
        case "JT": record.journal.title = value.nonEmpty
        case "IS": readISSN(value)
        case "VI": record.volume = value.nonEmpty
        case "IP": record.issue = value.nonEmpty
        case "PG": record.pages = value.nonEmpty
        case "LA": if !value.isEmpty, !record.languages.contains(value) { record.languages.append(value) }
        case "PT": if !value.isEmpty { record.publicationTypes.append(value) }
        case "COIS", "COI": record.conflictOfInterest = value.nonEmpty
        case "SO": sourceCitation = value.nonEmpty
        case "FAU", "AU", "AUID", "AD", "CN", "FIR", "IR": readAuthorField(field)
        case "AB", "CI", "OAB", "OABL", "OCI": readAbstractField(field)
        case "MH", "OT", "OTO", "RN", "NM", "SI": readSubjectField(field)
        case "AID", "LID", "PMC", "MID", "OID": readIdentifierField(field)
        default:
            if let kind = MEDLINETags.noticeKind(field.tag) {
                readNotice(field, kind: kind)
            } else if !MEDLINETags.unused.contains(field.tag) {
                // A tag NLM added after this parser was written: kept, and said.
                record.uninterpreted.append(UninterpretedContent(section: field.tag, line: field.line, text: value))
                warn(field, "unknown MEDLINE tag \(field.tag); kept uninterpreted")
            }
        }
    }

    /// `IS - 1471-2105 (Electronic)`, `IS - 0028-4793 (Print)`, `IS - 0028-4793 (Linking)`.
    mutating func readISSN(_ value: String) {
        var issn = Substring(value)
        var type: String?
        if let open = value.lastIndex(of: "("), value.hasSuffix(")") {
            type = String(value[value.index(after: open)..<value.index(before: value.endIndex)])
            issn = value[value.startIndex..<open].whitespaceTrimmed
        }
        guard !issn.isEmpty else { return }
        issns.append((String(issn), type))
    }

    mutating func warn(_ field: MEDLINEField, _ message: String) {
        var at = location
        at.line = field.line
        warnings.append(ParseWarning(location: at, message: message))
    }

    private mutating func finish() {
        fillMissingIdentifiers()
        // XML's Journal/ISSN is the journal's print or electronic ISSN; ISSNLinking stands in
        // only when it is missing.
        record.journal.issn = (issns.first { $0.type?.lowercased() != "linking" } ?? issns.first)?.value
        // A book chapter's book stands where a journal would; a whole book's title is its own.
        if let bookTitle {
            if record.title == nil { record.title = bookTitle } else if record.journal.title == nil { record.journal.title = bookTitle }
        }
        attachLeadingAffiliations()
        finishAbstracts()
        fillFromSourceCitation()
        location.pmid = record.ids.pmid
    }

    /// `SO` repeats the journal facts; it fills only what the record's own fields left empty
    /// (a record without `DP`, `VI` or `PG`).
    private mutating func fillFromSourceCitation() {
        guard let sourceCitation, let anchor = SourceCitation.dateAnchor(in: Substring(sourceCitation)) else { return }
        let cited = SourceCitation(afterJournal: sourceCitation[sourceCitation.index(after: anchor)...])
        if record.published == nil { record.published = cited.published }
        if record.volume == nil { record.volume = cited.volume }
        if record.issue == nil { record.issue = cited.issue }
        if record.pages == nil { record.pages = cited.pages }
        if record.electronicPublished == nil { record.electronicPublished = cited.electronicPublished }
        if record.ids.doi == nil { record.ids.doi = cited.doi }
    }
}
