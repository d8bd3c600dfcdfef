import GRDB
import LitKBModel

/// The tables that hold a work's own rows, each read two ways with the same columns and order:
/// for one work (`show`), and for every work at once in work order (`export --all`), where one
/// pass over each table replaces a dozen statements per work.
enum WorkPart: CaseIterable {
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
        case .registrations: ("registry, accession", "trial_registration", "work_id", "position, registry, accession")
        // The same flag from several asserters comes once (`WorkAssembly`); NOT INDEXED reads
        // the primary key, (work_id, flag, ...), not work_flag_by_flag.
        case .flags: ("flag", "work_flag NOT INDEXED", "work_id", "flag")
        case .uninterpreted: ("section, line, text", "uninterpreted", "work_id", "rowid")
        case .sources: ("f.path, f.sha256, f.format, f.ingested_at", "work_source s CROSS JOIN source_file f ON f.id = s.source_file_id",
                        "s.work_id", "s.source_file_id")
        }
    }

    /// One work's rows, its id first, as `decode` reads them.
    var oneWorkSQL: String {
        let query = query
        return "SELECT \(query.work), \(query.columns) FROM \(query.from) WHERE \(query.work) = ? ORDER BY \(query.order)"
    }

    /// Every work's rows, each work's id first.
    var allWorksSQL: String {
        let query = query
        return "SELECT \(query.work), \(query.columns) FROM \(query.from) ORDER BY \(query.work), \(query.order)"
    }

    /// Adds the row `row` is on (the work's id in column 0, then `query`'s columns) to `rows`.
    func decode(_ row: FastStatement, into rows: inout WorkRows) {
        switch self {
        case .articleIDs: rows.articleIDs.append(ArticleID(type: row.string(1), value: row.string(2)))
        case .languages: rows.languages.append(row.string(1))
        case .authors:
            rows.authors.append((Int(row.int(1)), Author(family: row.text(2), given: row.text(3), initials: row.text(4), suffix: row.text(5),
                                                          collective: row.text(6), orcid: row.text(7))))
        case .affiliations: rows.affiliations.append((Int(row.int(1)), row.string(2)))
        case .abstracts:
            rows.abstracts.append((row.int(1), Abstract(language: row.text(2), kind: AbstractKind(rawValue: row.string(3)), sections: [],
                                                        copyright: row.text(4))))
        case .abstractSections:
            rows.abstractSections.append((row.int(1), AbstractSection(label: row.text(2), nlmCategory: row.text(3), text: row.string(4))))
        case .keywords: rows.keywords.append(Keyword(term: row.string(1), language: row.text(2), owner: row.text(3), major: row.bool(4)))
        case .mesh: rows.mesh.append((Int(row.int(1)), MeshHeading(descriptor: row.string(2), descriptorUI: row.text(3), major: row.bool(4))))
        case .meshQualifiers: rows.meshQualifiers.append((Int(row.int(1)), MeshQualifier(name: row.string(2), ui: row.text(3), major: row.bool(4))))
        case .publicationTypes: rows.publicationTypes.append(row.string(1))
        case .substances: rows.substances.append(Substance(name: row.string(1), registryNumber: row.text(2), ui: row.text(3)))
        case .registrations: rows.registrations.append(TrialRegistration(registry: row.string(1), accession: row.string(2)))
        // The same flag from several asserters comes once.
        case .flags:
            let flag = row.string(1)
            if rows.flags.last != flag { rows.flags.append(flag) }
        case .uninterpreted: rows.uninterpreted.append(UninterpretedContent(section: row.string(1), line: row.optionalInt(2), text: row.string(3)))
        case .sources:
            rows.sources.append(SourceFile(path: row.string(1), sha256: row.string(2), format: SourceFormat(rawValue: row.string(3)) ?? .pageText,
                                           ingestedAt: row.string(4)))
        }
    }
}

/// A work's own row, the columns `decode` reads.
enum WorkRow {
    static let columns = """
        id, source_rank, source_format, pmid, pmid_version, pmcid, doi, title, vernacular_title, journal_title, journal_abbrev,
        journal_issn, year, month, day, date_text, epub_date, volume, issue, pages, coi_statement, entrez_date
        """

    /// The work's id and rank, and its record without what its other tables hold.
    static func decode(_ row: FastStatement) -> (id: Int64, rank: Int, record: WorkRecord) {
        var record = WorkRecord(format: SourceFormat(rawValue: row.text(2) ?? "") ?? .pageText)
        record.ids = Identifiers(pmid: row.optionalInt(3).flatMap { PMID($0) }, pmidVersion: row.optionalInt(4),
                                 pmcid: row.text(5).flatMap { PMCID($0) }, doi: row.text(6).flatMap { DOI($0) })
        record.title = row.text(7)
        record.vernacularTitle = row.text(8)
        record.journal = Journal(title: row.text(9), isoAbbreviation: row.text(10), issn: row.text(11))
        if let year = row.optionalInt(12) {
            record.published = PartialDate(year: year, month: row.optionalInt(13), day: row.optionalInt(14), text: row.text(15))
        }
        if let epub = row.text(16) { record.electronicPublished = PartialDate(parsing: epub.replacingDashes) }
        record.volume = row.text(17)
        record.issue = row.text(18)
        record.pages = row.text(19)
        record.conflictOfInterest = row.text(20)
        if let entrez = row.text(21) { record.entrezDate = PartialDate(parsing: entrez.replacingDashes) }
        return (row.int(0), Int(row.int(1)), record)
    }
}

/// A work's rows in each `WorkPart`, decoded, as `WorkAssembly` puts them together.
struct WorkRows {
    var articleIDs: [ArticleID] = []
    var languages: [String] = []
    var authors: [(position: Int, author: Author)] = []
    var affiliations: [(author: Int, text: String)] = []
    var abstracts: [(id: Int64, abstract: Abstract)] = []
    var abstractSections: [(abstract: Int64, section: AbstractSection)] = []
    var keywords: [Keyword] = []
    var mesh: [(position: Int, heading: MeshHeading)] = []
    var meshQualifiers: [(heading: Int, qualifier: MeshQualifier)] = []
    var publicationTypes: [String] = []
    var substances: [Substance] = []
    var registrations: [TrialRegistration] = []
    var flags: [String] = []
    var uninterpreted: [UninterpretedContent] = []
    var sources: [SourceFile] = []
}

/// The kinds of link a work has, each way, and whether it lists references given only as text:
/// a list the work has no row for needs no statement. Most works have few lists or none (a stub
/// is cited, a record without references cites nothing), so a stream that knows this from its
/// walk of the link keys skips most of each work's queries.
struct LinkPresence {
    var outgoing: [String] = []
    var incoming: [String] = []
    var textReferences = false

    func needsEvidence(_ rows: WorkRows) -> Bool {
        rows.flags.contains("Retracted") || rows.publicationTypes.contains("Retracted Publication")
            || outgoing.contains(LinkKind.retractionIn.rawValue) || incoming.contains(LinkKind.retractionOf.rawValue)
    }

    var needsNotices: Bool {
        let lists = [LinkKind.cites.rawValue, LinkKind.similar.rawValue]
        return outgoing.contains { !lists.contains($0) } || incoming.contains { !lists.contains($0) }
    }
}

/// Builds model values from a work's rows, whichever way they were read.
enum WorkAssembly {
    /// `presence` nil: every list is read.
    static func detail(id: Int64, rank: Int, record: WorkRecord, rows: WorkRows, graph: Graph,
                       presence: LinkPresence? = nil) throws -> WorkDetail {
        var record = record
        record.ids.others = rows.articleIDs
        record.languages = rows.languages
        record.authors = attach(rows.affiliations, to: rows.authors, at: \.affiliations)
        record.abstracts = attach(rows.abstractSections, to: rows.abstracts, at: \.sections)
        record.keywords = rows.keywords
        record.mesh = attach(rows.meshQualifiers, to: rows.mesh, at: \.qualifiers)
        record.publicationTypes = rows.publicationTypes
        record.substances = rows.substances
        record.registrations = rows.registrations
        record.flags = rows.flags
        record.uninterpreted = rows.uninterpreted
        let cites = LinkKind.cites.rawValue, similar = LinkKind.similar.rawValue
        // A list is read unless the presence shows the work has none of it.
        func list<Entry>(_ has: (LinkPresence) -> Bool, _ read: () throws -> [Entry]) rethrows -> [Entry] {
            try presence.map(has) ?? true ? read() : []
        }
        let isStub = rank <= WorkMention.rank
        let undescribed = isUndescribed(record, isStub: isStub)
        return WorkDetail(
            record: record,
            isStub: isStub,
            retractionEvidence: try list({ $0.needsEvidence(rows) }) { try graph.retractionEvidence(of: id) },
            notices: try list(\.needsNotices) { try graph.notices(of: id) },
            similar: try list({ $0.outgoing.contains(similar) }) { try graph.similar(of: id) },
            citedBy: try list({ $0.incoming.contains(cites) }) { try graph.citedBy(of: id) },
            references: try list({ $0.outgoing.contains(cites) || $0.textReferences }) { try graph.references(of: id) },
            sources: rows.sources,
            citedAs: undescribed && presence.map({ $0.incoming.contains(cites) }) ?? true ? try graph.citedAs(id) : nil)
    }

    /// A stub no list gave a title, journal or date: it is described by the text its citers
    /// print for it (`citedAs`).
    static func isUndescribed(_ record: WorkRecord, isStub: Bool) -> Bool {
        isStub && record.title == nil && record.journal.isoAbbreviation == nil && record.journal.title == nil && record.published == nil
    }

    /// The parents with their children (rows of another table naming the parent's key), each
    /// child list in the order the children came.
    private static func attach<Key: Hashable, Parent, Child>(_ children: [(Key, Child)], to parents: [(Key, Parent)],
                                                             at list: WritableKeyPath<Parent, [Child]>) -> [Parent] {
        var byParent: [Key: [Child]] = [:]
        for (key, child) in children { byParent[key, default: []].append(child) }
        return parents.map { key, parent in
            var parent = parent
            parent[keyPath: list] = byParent[key] ?? []
            return parent
        }
    }
}

/// Every work in id order, each table read once from start to end beside the others: the
/// cursors advance together, each stopping at the first row of a later work, so one work's rows
/// are in memory at a time. Rows are decoded where the cursor stands, through SQLite's C API:
/// GRDB's rows, copied and read by column name, were half the cost of an export.
struct WorkStream {
    private let works: FastStatement
    private let parts: [(part: WorkPart, cursor: FastStatement)]
    /// Each work's link kinds both ways, and its references given as text (`LinkPresence`).
    private let outgoing, incoming, textReferences: FastStatement
    /// Whether a PMID cites or is cited in `citation_pair`; nil when the table is empty.
    private let pairProbe: FastStatement?
    /// The work each cursor's current row belongs to; nil once it is past its last row. The
    /// parts' cursors first, then the three above.
    private var positions: [Int64?]
    private let graph: Graph

    init(db: Database, includingStubs: Bool) throws {
        works = try FastStatement(db, "SELECT \(WorkRow.columns) FROM work \(includingStubs ? "" : "WHERE source_rank > \(WorkMention.rank)") ORDER BY id")
        parts = try WorkPart.allCases.map { ($0, try FastStatement(db, $0.allWorksSQL)) }
        outgoing = try FastStatement(db, "SELECT DISTINCT from_work, kind FROM link ORDER BY from_work, kind")
        incoming = try FastStatement(db, "SELECT DISTINCT to_work, kind FROM link INDEXED BY link_to ORDER BY to_work, kind")
        textReferences = try FastStatement(db, "SELECT DISTINCT work_id FROM unidentified_reference ORDER BY work_id")
        // The NIH Open Citation Collection's citations are kept by PMID (citation_pair), outside
        // the link walk: a work with a PMID asks for them, when there are any.
        var hasPairs = false
        try FastStatement(db, "SELECT EXISTS (SELECT 1 FROM citation_pair)").query { hasPairs = $0.bool(0) }
        pairProbe = hasPairs ? try FastStatement(db, """
            SELECT EXISTS (SELECT 1 FROM citation_pair WHERE citing = ?1), EXISTS (SELECT 1 FROM citation_pair WHERE cited = ?1)
            """) : nil
        positions = try (parts.map(\.cursor) + [outgoing, incoming, textReferences]).map { try $0.step() ? $0.int(0) : nil }
        graph = Graph(db: db)
    }

    /// Calls `row` for each row of `cursor` (at `positions[index]`) that belongs to work `id`,
    /// passing over rows of earlier works, and leaves the cursor at the first row of a later one.
    private mutating func advance(_ index: Int, _ cursor: FastStatement, to id: Int64, _ row: (FastStatement) -> Void) throws {
        while let owner = positions[index], owner <= id {
            // Rows of works not exported (stubs, when they are left out) are passed over.
            if owner == id { row(cursor) }
            positions[index] = try cursor.step() ? cursor.int(0) : nil
        }
    }

    mutating func next() throws -> WorkDetail? {
        guard try works.step() else {
            for cursor in parts.map(\.cursor) + [outgoing, incoming, textReferences] { cursor.finish() }
            return nil
        }
        let (id, rank, record) = WorkRow.decode(works)
        var rows = WorkRows()
        for (index, (part, cursor)) in parts.enumerated() {
            try advance(index, cursor, to: id) { part.decode($0, into: &rows) }
        }
        var presence = LinkPresence()
        try advance(parts.count, outgoing, to: id) { presence.outgoing.append($0.string(1)) }
        try advance(parts.count + 1, incoming, to: id) { presence.incoming.append($0.string(1)) }
        try advance(parts.count + 2, textReferences, to: id) { _ in presence.textReferences = true }
        if let pairProbe, let pmid = record.ids.pmid {
            try pairProbe.bind(pmid.value).query { row in
                if row.bool(0) { presence.outgoing.append(LinkKind.cites.rawValue) }
                if row.bool(1) { presence.incoming.append(LinkKind.cites.rawValue) }
            }
        }
        return try WorkAssembly.detail(id: id, rank: rank, record: record, rows: rows, graph: graph, presence: presence)
    }
}
