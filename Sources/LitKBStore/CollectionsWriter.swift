import GRDB
import LitKBModel

extension RecordWriter {
    /// Lists (authors, abstracts, keywords, MeSH, ...): the better-ranked source's list replaces
    /// the other's as a whole; a lower one fills only lists still empty. Abstracts are merged per
    /// (kind, language), so a page's plain-language summary survives an XML record without one.
    func writeCollections(of record: WorkRecord, to workID: Int64, rank: Int, storedRank: Int, isNew: Bool) throws {
        let wins = rank >= storedRank

        func claim(_ group: [String], count: Int) throws -> Bool {
            guard count > 0 else { return false }
            if isNew { return true }
            if wins {
                for table in group { try db.execute(sql: "DELETE FROM \(table) WHERE work_id = ?", arguments: [workID]) }
                return true
            }
            return try !(Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(group[0]) WHERE work_id = ?)", arguments: [workID]) ?? false)
        }

        if try claim(["author", "affiliation"], count: record.authors.count) {
            try insertAuthors(record.authors, workID: workID)
        }
        if try claim(["keyword"], count: record.keywords.count) {
            for (position, keyword) in record.keywords.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO keyword (work_id, position, term, language, owner, major) VALUES (?, ?, ?, ?, ?, ?)")
                    .execute(arguments: [workID, position, keyword.term, keyword.language, keyword.owner, keyword.major])
            }
        }
        if try claim(["mesh_heading", "mesh_qualifier"], count: record.mesh.count) {
            for (position, heading) in record.mesh.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO mesh_heading (work_id, position, descriptor, descriptor_ui, major) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [workID, position, heading.descriptor, heading.descriptorUI, heading.major])
                for (qualifierPosition, qualifier) in heading.qualifiers.enumerated() {
                    try db.cachedStatement(sql: """
                        INSERT INTO mesh_qualifier (work_id, heading_position, position, qualifier, qualifier_ui, major)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [workID, position, qualifierPosition, qualifier.name, qualifier.ui, qualifier.major])
                }
            }
        }
        if try claim(["publication_type"], count: record.publicationTypes.count) {
            try insertPublicationTypes(record.publicationTypes, workID: workID)
        }
        if try claim(["substance"], count: record.substances.count) {
            for (position, substance) in record.substances.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO substance (work_id, position, name, registry_number, ui) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [workID, position, substance.name, substance.registryNumber, substance.ui])
            }
        }
        if try claim(["trial_registration"], count: record.registrations.count) {
            for registration in record.registrations {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO trial_registration (work_id, registry, accession) VALUES (?, ?, ?)")
                    .execute(arguments: [workID, registration.registry, registration.accession])
            }
        }
        if try claim(["work_language"], count: record.languages.count) {
            for (position, language) in record.languages.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO work_language (work_id, position, language) VALUES (?, ?, ?)")
                    .execute(arguments: [workID, position, language])
            }
        }
        try writeAbstracts(record.abstracts, workID: workID, wins: wins, sameRank: rank == storedRank, isNew: isNew)
    }

    private func writeAbstracts(_ abstracts: [Abstract], workID: Int64, wins: Bool, sameRank: Bool, isNew: Bool) throws {
        guard !abstracts.isEmpty else { return }
        var keep = abstracts
        if !isNew {
            if wins && sameRank {
                try db.execute(sql: "DELETE FROM abstract WHERE work_id = ?", arguments: [workID])
            } else {
                let stored = try Row.fetchAll(db, sql: "SELECT id, kind, language FROM abstract WHERE work_id = ?", arguments: [workID])
                for row in stored {
                    let kind: String = row["kind"]
                    let language: String? = row["language"]
                    let clashes = abstracts.contains { $0.kind.rawValue == kind && $0.language == language }
                    guard clashes else { continue }
                    if wins {
                        try db.execute(sql: "DELETE FROM abstract WHERE id = ?", arguments: [row["id"] as Int64])
                    } else {
                        keep.removeAll { $0.kind.rawValue == kind && $0.language == language }
                    }
                }
            }
        }
        var position = try Int.fetchOne(db, sql: "SELECT coalesce(max(position) + 1, 0) FROM abstract WHERE work_id = ?", arguments: [workID]) ?? 0
        for abstract in keep {
            try db.cachedStatement(sql: "INSERT INTO abstract (work_id, position, language, kind, copyright) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [workID, position, abstract.language, abstract.kind.rawValue, abstract.copyright])
            let abstractID = db.lastInsertedRowID
            position += 1
            for (sectionPosition, section) in abstract.sections.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO abstract_section (abstract_id, position, label, nlm_category, text) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [abstractID, sectionPosition, section.label, section.nlmCategory, section.text])
            }
        }
    }

    func insertAuthors(_ authors: [Author], workID: Int64) throws {
        for (position, author) in authors.enumerated() {
            try db.cachedStatement(sql: """
                INSERT INTO author (work_id, position, family, given, initials, suffix, collective, orcid)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [workID, position, author.family, author.given, author.initials, author.suffix,
                                         author.collective, author.orcid])
            for (affiliationPosition, affiliation) in author.affiliations.enumerated() {
                try db.cachedStatement(sql: "INSERT INTO affiliation (work_id, author_position, position, affiliation) VALUES (?, ?, ?, ?)")
                    .execute(arguments: [workID, position, affiliationPosition, affiliation])
            }
        }
    }

    func insertPublicationTypes(_ types: [String], workID: Int64) throws {
        for (position, name) in types.enumerated() {
            try db.cachedStatement(sql: "INSERT INTO publication_type (work_id, position, name) VALUES (?, ?, ?)")
                .execute(arguments: [workID, position, name])
        }
    }
}
