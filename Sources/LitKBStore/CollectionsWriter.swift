import GRDB
import LitKBModel

extension RecordWriter {
    /// Lists (authors, abstracts, keywords, MeSH, ...): the better-ranked source's list replaces
    /// the other's as a whole; a lower one fills only lists still empty. Abstracts are merged per
    /// (kind, language), so a page's plain-language summary survives an XML record without one.
    func writeCollections(of record: WorkRecord, to workID: Int64, rank: Int, storedRank: Int, isNew: Bool) throws {
        let wins = rank >= storedRank
        try markFlagsDirty(workID)

        func claim(_ group: [String], count: Int) throws -> Bool {
            guard count > 0 else { return false }
            if isNew { return true }
            if wins {
                for table in group { try WorkCollections.delete(from: table, workID: workID, in: db) }
                return true
            }
            return try !statements.exists(in: group[0], workID: workID)
        }

        if try claim(["author", "affiliation"], count: record.authors.count) {
            try insertAuthors(record.authors, workID: workID)
        }
        if try claim(["keyword"], count: record.keywords.count) {
            try insertRows(into: "keyword", "work_id, position, term, language, owner, major", columnCount: 6, record.keywords) { statement, position, keyword in
                statement.bind(workID).bind(position).bind(keyword.term).bind(keyword.language).bind(keyword.owner).bind(keyword.major)
            }
        }
        if try claim(["mesh_heading", "mesh_qualifier"], count: record.mesh.count) {
            try insertRows(into: "mesh_heading", "work_id, position, descriptor, descriptor_ui, major, descriptor_key", columnCount: 6, record.mesh) { statement, position, heading in
                statement.bind(workID).bind(position).bind(heading.descriptor).bind(heading.descriptorUI).bind(heading.major)
                    .bind(SearchFolding.fold(heading.descriptor))
            }
            let qualifiers = record.mesh.enumerated().flatMap { position, heading in
                heading.qualifiers.enumerated().map { (heading: position, position: $0, qualifier: $1) }
            }
            try insertRows(into: "mesh_qualifier", "work_id, heading_position, position, qualifier, qualifier_ui, major, qualifier_key", columnCount: 7, qualifiers) { statement, _, item in
                statement.bind(workID).bind(item.heading).bind(item.position).bind(item.qualifier.name).bind(item.qualifier.ui).bind(item.qualifier.major)
                    .bind(SearchFolding.fold(item.qualifier.name))
            }
        }
        if try claim(["publication_type"], count: record.publicationTypes.count) {
            try insertPublicationTypes(record.publicationTypes, workID: workID)
        }
        if try claim(["substance"], count: record.substances.count) {
            try insertRows(into: "substance", "work_id, position, name, registry_number, ui", columnCount: 5, record.substances) { statement, position, substance in
                statement.bind(workID).bind(position).bind(substance.name).bind(substance.registryNumber).bind(substance.ui)
            }
        }
        if try claim(["trial_registration"], count: record.registrations.count) {
            for (position, registration) in record.registrations.enumerated() {
                try statements.insertRegistration.bind(workID).bind(registration.registry).bind(registration.accession).bind(position).run()
            }
        }
        if try claim(["work_language"], count: record.languages.count) {
            for (position, language) in record.languages.enumerated() {
                try statements.insertLanguage.bind(workID).bind(position).bind(language).run()
            }
        }
        try writeAbstracts(record.abstracts, workID: workID, format: record.format, wins: wins, isNew: isNew)
    }

    /// A record replaces the abstracts its format gave before (all of them: a new version may
    /// have dropped one). Against another format's abstract of the same kind and language, the
    /// better-ranked source keeps its own; abstracts only one source has (a JATS article's
    /// French `trans-abstract`, a page's plain-language summary) stay whatever arrives later.
    private func writeAbstracts(_ abstracts: [Abstract], workID: Int64, format: SourceFormat, wins: Bool, isNew: Bool) throws {
        var keep = abstracts
        var position = 0
        if !isNew {
            let stored = try Row.fetchAll(db, sql: "SELECT id, kind, language, source_format FROM abstract WHERE work_id = ?", arguments: [workID])
            for row in stored {
                let kind: String = row["kind"]
                let language: String? = row["language"]
                let own = (row["source_format"] as String?) == format.rawValue
                let clashes = abstracts.contains { $0.kind.rawValue == kind && $0.language == language }
                if own || (clashes && wins) {
                    try db.execute(sql: "DELETE FROM abstract_section WHERE abstract_id = ?", arguments: [row["id"] as Int64])
                    try db.execute(sql: "DELETE FROM abstract WHERE id = ?", arguments: [row["id"] as Int64])
                } else if clashes {
                    keep.removeAll { $0.kind.rawValue == kind && $0.language == language }
                }
            }
            guard !keep.isEmpty else { return }
            position = Int(try statements.nextAbstractPosition.bind(workID).firstInt() ?? 0)
        }
        for abstract in keep {
            try statements.insertAbstract.bind(workID).bind(position).bind(abstract.language).bind(abstract.kind.rawValue)
                .bind(abstract.copyright).bind(format.rawValue).run()
            let abstractID = db.lastInsertedRowID
            position += 1
            for (sectionPosition, section) in abstract.sections.enumerated() {
                try statements.insertAbstractSection.bind(abstractID).bind(sectionPosition).bind(section.label)
                    .bind(section.nlmCategory).bind(section.text).run()
            }
        }
    }

    func insertAuthors(_ authors: [Author], workID: Int64) throws {
        try insertRows(into: "author", "work_id, position, family, given, initials, suffix, collective, orcid, family_key", columnCount: 9, authors) { statement, position, author in
            statement.bind(workID).bind(position).bind(author.family).bind(author.given).bind(author.initials)
                .bind(author.suffix).bind(author.collective).bind(author.orcid).bind(author.family.map(SearchFolding.fold))
        }
        let affiliations = authors.enumerated().flatMap { position, author in
            author.affiliations.enumerated().map { (author: position, position: $0, text: $1) }
        }
        if !affiliations.isEmpty { try statements.markAffiliationsDirty.bind(workID).run() }
        try insertRows(into: "affiliation", "work_id, author_position, position, affiliation", columnCount: 4, affiliations) { statement, _, item in
            statement.bind(workID).bind(item.author).bind(item.position).bind(item.text)
        }
    }

    func insertPublicationTypes(_ types: [String], workID: Int64) throws {
        try insertRows(into: "publication_type", "work_id, position, name, name_key", columnCount: 4, types) { statement, position, name in
            statement.bind(workID).bind(position).bind(name).bind(SearchFolding.fold(name))
        }
    }

    /// Inserts `items` with as few statements as SQLite's parameter limit allows.
    private func insertRows<Item>(into table: String, _ columns: String, columnCount: Int, _ items: [Item],
                                  bind: (FastStatement, Int, Item) -> Void) throws {
        let perStatement = 64
        var start = 0
        while start < items.count {
            let end = min(start + perStatement, items.count)
            let statement = statements.insert(into: table, columns, columnCount: columnCount, rows: end - start)
            for index in start..<end { bind(statement, index, items[index]) }
            try statement.run()
            start = end
        }
    }
}
