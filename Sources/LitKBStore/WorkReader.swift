import GRDB
import LitKBModel

extension KnowledgeBase {
    /// The id of the work a user names, if the knowledge base holds it.
    public func workID(for identifier: WorkIdentifier) throws -> Int64? {
        try queue.read { db in try WorkReader(db: db).workID(for: identifier) }
    }

    /// Everything known about the work a user names; nil when it is not in the knowledge base.
    public func detail(for identifier: WorkIdentifier) throws -> WorkDetail? {
        try queue.read { db in
            let reader = WorkReader(db: db)
            return try reader.workID(for: identifier).flatMap { try reader.detail(of: $0) }
        }
    }

    /// Calls `body` with every work in id order, reading one at a time so that a whole knowledge
    /// base can stream out without being held in memory. Stubs are included when asked.
    public func forEachWork(includingStubs: Bool, _ body: (WorkDetail) throws -> Void) throws {
        try queue.read { db in
            let reader = WorkReader(db: db)
            let sql = includingStubs ? "SELECT id FROM work ORDER BY id"
                                     : "SELECT id FROM work WHERE source_rank > \(WorkMention.rank) ORDER BY id"
            let ids = try Int64.fetchCursor(db, sql: sql)
            while let id = try ids.next() {
                if let detail = try reader.detail(of: id) { try body(detail) }
            }
        }
    }
}

/// Reads works back into model values.
struct WorkReader {
    let db: Database

    func workID(for identifier: WorkIdentifier) throws -> Int64? {
        switch identifier {
        case .pmid(let pmid):
            return try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmid = ?", arguments: [pmid.value])
        case .pmcid(let pmcid):
            return try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE pmcid = ?", arguments: [pmcid.value])
                ?? Int64.fetchOne(db, sql: "SELECT work_id FROM article_id WHERE type = 'pmc' AND value = ?", arguments: [pmcid.value])
        case .doi(let doi):
            return try Int64.fetchOne(db, sql: "SELECT id FROM work WHERE doi = ?", arguments: [doi.value])
                ?? Int64.fetchOne(db, sql: "SELECT work_id FROM article_id WHERE type = 'doi' AND value = ?", arguments: [doi.value])
        }
    }

    func detail(of id: Int64) throws -> WorkDetail? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM work WHERE id = ?", arguments: [id]) else { return nil }
        let rank: Int = row["source_rank"]
        var record = WorkRecord(format: SourceFormat(rawValue: row["source_format"] ?? "") ?? .pageText)
        record.ids = Identifiers(pmid: (row["pmid"] as Int?).flatMap { PMID($0) }, pmidVersion: row["pmid_version"],
                                 pmcid: (row["pmcid"] as String?).flatMap { PMCID($0) },
                                 doi: (row["doi"] as String?).flatMap { DOI($0) },
                                 others: try Row.fetchAll(db, sql: "SELECT type, value FROM article_id WHERE work_id = ? ORDER BY type, value",
                                                          arguments: [id]).map { ArticleID(type: $0["type"], value: $0["value"]) })
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
        record.languages = try String.fetchAll(db, sql: "SELECT language FROM work_language WHERE work_id = ? ORDER BY position", arguments: [id])
        record.authors = try authors(of: id)
        record.abstracts = try abstracts(of: id)
        record.keywords = try Row.fetchAll(db, sql: "SELECT term, language, owner, major FROM keyword WHERE work_id = ? ORDER BY position",
                                           arguments: [id]).map { Keyword(term: $0["term"], language: $0["language"], owner: $0["owner"], major: $0["major"]) }
        record.mesh = try mesh(of: id)
        record.publicationTypes = try String.fetchAll(db, sql: "SELECT name FROM publication_type WHERE work_id = ? ORDER BY position", arguments: [id])
        record.substances = try Row.fetchAll(db, sql: "SELECT name, registry_number, ui FROM substance WHERE work_id = ? ORDER BY position",
                                             arguments: [id]).map { Substance(name: $0["name"], registryNumber: $0["registry_number"], ui: $0["ui"]) }
        record.registrations = try Row.fetchAll(db, sql: "SELECT registry, accession FROM trial_registration WHERE work_id = ? ORDER BY registry, accession",
                                                arguments: [id]).map { TrialRegistration(registry: $0["registry"], accession: $0["accession"]) }
        record.flags = try String.fetchAll(db, sql: "SELECT DISTINCT flag FROM work_flag WHERE work_id = ? ORDER BY flag", arguments: [id])
        record.uninterpreted = try Row.fetchAll(db, sql: "SELECT section, line, text FROM uninterpreted WHERE work_id = ? ORDER BY rowid",
                                                arguments: [id]).map { UninterpretedContent(section: $0["section"], line: $0["line"], text: $0["text"]) }
        let graph = Graph(db: db)
        return WorkDetail(
            record: record,
            isStub: rank <= WorkMention.rank,
            retractionEvidence: try graph.retractionEvidence(of: id),
            notices: try graph.notices(of: id),
            similar: try graph.similar(of: id),
            citedBy: try graph.citedBy(of: id),
            references: try graph.references(of: id),
            sources: try Row.fetchAll(db, sql: """
                SELECT DISTINCT f.path, f.sha256, f.format, f.ingested_at FROM work_source s JOIN source_file f ON f.id = s.source_file_id
                WHERE s.work_id = ? ORDER BY f.id
                """, arguments: [id]).map(SourceFile.init(row:)))
    }

    private func authors(of id: Int64) throws -> [Author] {
        var affiliations: [Int: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT author_position, affiliation FROM affiliation WHERE work_id = ? ORDER BY author_position, position", arguments: [id]) {
            affiliations[row["author_position"], default: []].append(row["affiliation"])
        }
        return try Row.fetchAll(db, sql: "SELECT * FROM author WHERE work_id = ? ORDER BY position", arguments: [id]).map { row in
            Author(family: row["family"], given: row["given"], initials: row["initials"], suffix: row["suffix"],
                   collective: row["collective"], orcid: row["orcid"], affiliations: affiliations[row["position"]] ?? [])
        }
    }

    private func abstracts(of id: Int64) throws -> [Abstract] {
        try Row.fetchAll(db, sql: """
            SELECT id, language, kind, copyright FROM abstract a WHERE work_id = ? ORDER BY \(FullTextIndex.abstractOrder("a"))
            """,
                         arguments: [id]).map { row in
            let sections = try Row.fetchAll(db, sql: "SELECT label, nlm_category, text FROM abstract_section WHERE abstract_id = ? ORDER BY position",
                                            arguments: [row["id"] as Int64]).map {
                AbstractSection(label: $0["label"], nlmCategory: $0["nlm_category"], text: $0["text"])
            }
            return Abstract(language: row["language"], kind: AbstractKind(rawValue: row["kind"]), sections: sections, copyright: row["copyright"])
        }
    }

    private func mesh(of id: Int64) throws -> [MeshHeading] {
        var qualifiers: [Int: [MeshQualifier]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT heading_position, qualifier, qualifier_ui, major FROM mesh_qualifier WHERE work_id = ? ORDER BY heading_position, position", arguments: [id]) {
            qualifiers[row["heading_position"], default: []].append(MeshQualifier(name: row["qualifier"], ui: row["qualifier_ui"], major: row["major"]))
        }
        return try Row.fetchAll(db, sql: "SELECT position, descriptor, descriptor_ui, major FROM mesh_heading WHERE work_id = ? ORDER BY position", arguments: [id]).map { row in
            MeshHeading(descriptor: row["descriptor"], descriptorUI: row["descriptor_ui"], major: row["major"], qualifiers: qualifiers[row["position"]] ?? [])
        }
    }
}

extension String {
    /// `2020-06-04` back to the `2020 06 04` words PartialDate parses.
    var replacingDashes: String { String(map { $0 == "-" ? " " : $0 }) }
}
