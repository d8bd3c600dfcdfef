import GRDB
import LitKBModel

/// The tables that hold a work's own rows, each read two ways with the same columns and order:
/// for one work (`show`), and for every work at once in work order (`export --all`), where one
/// pass over each table replaces a dozen statements per work.
enum WorkPart: Int, CaseIterable {
    case articleIDs, languages, authors, affiliations, abstracts, abstractSections, keywords, mesh, meshQualifiers
    case publicationTypes, substances, registrations, flags, uninterpreted, sources

    /// Columns, tables, the column naming the work, and the order of one work's rows. The order
    /// within a work is the key of each table after its work id (or an index's), so reading all
    /// of a table in work order is a walk of that key, never a sort of the whole table.
    private var query: (columns: String, from: String, work: String, order: String) {
        switch self {
        case .articleIDs: ("type, value", "article_id", "work_id", "type, value")
        case .languages: ("language", "work_language", "work_id", "position")
        case .authors: ("position, family, given, initials, suffix, collective, orcid", "author", "work_id", "position")
        case .affiliations: ("author_position, affiliation", "affiliation", "work_id", "author_position, position")
        // Ordered by kind and language within a work: a sort of one work's few abstracts.
        case .abstracts: ("a.id, a.language, a.kind, a.copyright", "abstract a", "a.work_id", FullTextIndex.abstractOrder("a"))
        // CROSS JOIN keeps abstract outside, so the rows come in work order from its index.
        case .abstractSections: ("s.abstract_id, s.label, s.nlm_category, s.text", "abstract a CROSS JOIN abstract_section s ON s.abstract_id = a.id",
                                 "a.work_id", "s.abstract_id, s.position")
        case .keywords: ("term, language, owner, major", "keyword", "work_id", "position")
        case .mesh: ("position, descriptor, descriptor_ui, major", "mesh_heading", "work_id", "position")
        case .meshQualifiers: ("heading_position, qualifier, qualifier_ui, major", "mesh_qualifier", "work_id", "heading_position, position")
        case .publicationTypes: ("name", "publication_type", "work_id", "position")
        case .substances: ("name, registry_number, ui", "substance", "work_id", "position")
        case .registrations: ("registry, accession", "trial_registration", "work_id", "registry, accession")
        // The same flag from several asserters comes once (`WorkAssembly`); NOT INDEXED reads
        // the primary key, (work_id, flag, ...), not work_flag_by_flag.
        case .flags: ("flag", "work_flag NOT INDEXED", "work_id", "flag")
        case .uninterpreted: ("section, line, text", "uninterpreted", "work_id", "rowid")
        case .sources: ("f.path, f.sha256, f.format, f.ingested_at", "work_source s CROSS JOIN source_file f ON f.id = s.source_file_id",
                        "s.work_id", "s.source_file_id")
        }
    }

    var oneWorkSQL: String {
        let query = query
        return "SELECT \(query.columns) FROM \(query.from) WHERE \(query.work) = ? ORDER BY \(query.order)"
    }

    /// Every work's rows, the work's id first as `part_work`.
    var allWorksSQL: String {
        let query = query
        return "SELECT \(query.work) AS part_work, \(query.columns) FROM \(query.from) ORDER BY \(query.work), \(query.order)"
    }
}

/// A work's row and its rows in each `WorkPart`, as `WorkAssembly` turns them into a record.
struct WorkRows {
    var work: Row
    var parts: [[Row]] = Array(repeating: [], count: WorkPart.allCases.count)

    subscript(part: WorkPart) -> [Row] {
        get { parts[part.rawValue] }
        set { parts[part.rawValue] = newValue }
    }
}

/// Builds model values from a work's rows, whichever way they were read.
enum WorkAssembly {
    static func detail(_ rows: WorkRows, graph: Graph) throws -> WorkDetail {
        let row = rows.work
        let id: Int64 = row["id"]
        let rank: Int = row["source_rank"]
        var record = WorkRecord(format: SourceFormat(rawValue: row["source_format"] ?? "") ?? .pageText)
        record.ids = Identifiers(pmid: (row["pmid"] as Int?).flatMap { PMID($0) }, pmidVersion: row["pmid_version"],
                                 pmcid: (row["pmcid"] as String?).flatMap { PMCID($0) },
                                 doi: (row["doi"] as String?).flatMap { DOI($0) },
                                 others: rows[.articleIDs].map { ArticleID(type: $0["type"], value: $0["value"]) })
        record.title = row["title"]
        record.vernacularTitle = row["vernacular_title"]
        record.journal = Journal(title: row["journal_title"], isoAbbreviation: row["journal_abbrev"], issn: row["journal_issn"])
        if let year: Int = row["year"] {
            record.published = PartialDate(year: year, month: row["month"], day: row["day"], text: row["date_text"])
        }
        if let epub: String = row["epub_date"] { record.electronicPublished = PartialDate(parsing: epub.replacingDashes) }
        record.volume = row["volume"]
        record.issue = row["issue"]
        record.pages = row["pages"]
        record.conflictOfInterest = row["coi_statement"]
        record.languages = rows[.languages].map { $0["language"] }
        record.authors = authors(rows)
        record.abstracts = abstracts(rows)
        record.keywords = rows[.keywords].map { Keyword(term: $0["term"], language: $0["language"], owner: $0["owner"], major: $0["major"]) }
        record.mesh = mesh(rows)
        record.publicationTypes = rows[.publicationTypes].map { $0["name"] }
        record.substances = rows[.substances].map { Substance(name: $0["name"], registryNumber: $0["registry_number"], ui: $0["ui"]) }
        record.registrations = rows[.registrations].map { TrialRegistration(registry: $0["registry"], accession: $0["accession"]) }
        var flags: [String] = []
        for flag: String in rows[.flags].map({ $0["flag"] }) where flags.last != flag { flags.append(flag) }
        record.flags = flags
        record.uninterpreted = rows[.uninterpreted].map { UninterpretedContent(section: $0["section"], line: $0["line"], text: $0["text"]) }
        return WorkDetail(
            record: record,
            isStub: rank <= WorkMention.rank,
            retractionEvidence: try graph.retractionEvidence(of: id),
            notices: try graph.notices(of: id),
            similar: try graph.similar(of: id),
            citedBy: try graph.citedBy(of: id),
            references: try graph.references(of: id),
            sources: rows[.sources].map(SourceFile.init(row:)))
    }

    private static func authors(_ rows: WorkRows) -> [Author] {
        var affiliations: [Int: [String]] = [:]
        for row in rows[.affiliations] { affiliations[row["author_position"], default: []].append(row["affiliation"]) }
        return rows[.authors].map { row in
            Author(family: row["family"], given: row["given"], initials: row["initials"], suffix: row["suffix"],
                   collective: row["collective"], orcid: row["orcid"], affiliations: affiliations[row["position"]] ?? [])
        }
    }

    private static func abstracts(_ rows: WorkRows) -> [Abstract] {
        var sections: [Int64: [AbstractSection]] = [:]
        for row in rows[.abstractSections] {
            sections[row["abstract_id"], default: []].append(AbstractSection(label: row["label"], nlmCategory: row["nlm_category"], text: row["text"]))
        }
        return rows[.abstracts].map { row in
            Abstract(language: row["language"], kind: AbstractKind(rawValue: row["kind"]), sections: sections[row["id"]] ?? [], copyright: row["copyright"])
        }
    }

    private static func mesh(_ rows: WorkRows) -> [MeshHeading] {
        var qualifiers: [Int: [MeshQualifier]] = [:]
        for row in rows[.meshQualifiers] {
            qualifiers[row["heading_position"], default: []].append(MeshQualifier(name: row["qualifier"], ui: row["qualifier_ui"], major: row["major"]))
        }
        return rows[.mesh].map { row in
            MeshHeading(descriptor: row["descriptor"], descriptorUI: row["descriptor_ui"], major: row["major"], qualifiers: qualifiers[row["position"]] ?? [])
        }
    }
}

/// Every work in id order, each table read once from start to end beside the others: the
/// cursors advance together, each stopping at the first row of a later work, so one work's rows
/// are in memory at a time.
struct WorkStream {
    private let works: RowCursor
    private var parts: [RowCursor]
    private var pending: [Row?]

    init(db: Database, includingStubs: Bool) throws {
        works = try Row.fetchCursor(db, sql: includingStubs ? "SELECT * FROM work ORDER BY id"
                                                             : "SELECT * FROM work WHERE source_rank > \(WorkMention.rank) ORDER BY id")
        let cursors = try WorkPart.allCases.map { try Row.fetchCursor(db, sql: $0.allWorksSQL) }
        pending = try cursors.map { cursor in try cursor.next()?.copy() }
        parts = cursors
    }

    mutating func next() throws -> WorkRows? {
        guard let work = try works.next() else { return nil }
        let id: Int64 = work["id"]
        var rows = WorkRows(work: work.copy())
        for index in parts.indices {
            while let row = pending[index] {
                let owner: Int64 = row["part_work"]
                if owner > id { break }
                // Rows of works not exported (stubs, when they are left out) are passed over.
                if owner == id { rows.parts[index].append(row) }
                pending[index] = try parts[index].next()?.copy()
            }
        }
        return rows
    }
}
