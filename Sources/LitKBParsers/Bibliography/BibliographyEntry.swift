import LitKBModel

/// One entry of a bibliography someone is about to submit, as `BibliographyReader` reads it: what
/// it says about the work it cites, and where it stands in its file.
public struct BibliographyEntry: Hashable, Sendable {
    public var file: String
    /// The line the entry starts on.
    public var line: Int
    /// The BibTeX key, the RIS `ID`; nil for a list of ids.
    public var key: String?
    public var ids: Identifiers
    public var title: String?
    public var year: Int?
    /// What in the entry could not be used: `doi '10.abc' is not a DOI`.
    public var problems: [String]

    public init(file: String, line: Int, key: String? = nil, ids: Identifiers = Identifiers(), title: String? = nil,
                year: Int? = nil, problems: [String] = []) {
        self.file = file
        self.line = line
        self.key = key
        self.ids = ids
        self.title = title
        self.year = year
        self.problems = problems
    }

    /// `refs.bib line 12 (smith2020)`.
    public var place: String { "\(file) line \(line)" + (key.map { " (\($0))" } ?? "") }
}

/// The kinds of bibliography `litkb audit` reads, recognised from the content.
public enum BibliographyFormat: String, Sendable {
    case bibtex, ris, medline = "nbib", identifiers = "ids"
}
