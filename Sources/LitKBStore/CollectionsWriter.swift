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
            return try !statements.exists(in: group[0], workID: workID)
        }

        if try claim(["author", "affiliation"], count: record.authors.count) {
            try insertAuthors(record.authors, workID: workID)
        }
        if try claim(["keyword"], count: record.keywords.count) {
            for (position, keyword) in record.keywords.enumerated() {
                try statements.insertKeyword.bind(workID).bind(position).bind(keyword.term).bind(keyword.language)
                    .bind(keyword.owner).bind(keyword.major).run()
            }
        }
        if try claim(["mesh_heading", "mesh_qualifier"], count: record.mesh.count) {
            for (position, heading) in record.mesh.enumerated() {
                try statements.insertMeshHeading.bind(workID).bind(position).bind(heading.descriptor).bind(heading.descriptorUI)
                    .bind(heading.major).run()
                for (qualifierPosition, qualifier) in heading.qualifiers.enumerated() {
                    try statements.insertMeshQualifier.bind(workID).bind(position).bind(qualifierPosition).bind(qualifier.name)
                        .bind(qualifier.ui).bind(qualifier.major).run()
                }
            }
        }
        if try claim(["publication_type"], count: record.publicationTypes.count) {
            try insertPublicationTypes(record.publicationTypes, workID: workID)
        }
        if try claim(["substance"], count: record.substances.count) {
            for (position, substance) in record.substances.enumerated() {
                try statements.insertSubstance.bind(workID).bind(position).bind(substance.name).bind(substance.registryNumber)
                    .bind(substance.ui).run()
            }
        }
        if try claim(["trial_registration"], count: record.registrations.count) {
            for registration in record.registrations {
                try statements.insertRegistration.bind(workID).bind(registration.registry).bind(registration.accession).run()
            }
        }
        if try claim(["work_language"], count: record.languages.count) {
            for (position, language) in record.languages.enumerated() {
                try statements.insertLanguage.bind(workID).bind(position).bind(language).run()
            }
        }
        try writeAbstracts(record.abstracts, workID: workID, wins: wins, sameRank: rank == storedRank, isNew: isNew)
    }

    private func writeAbstracts(_ abstracts: [Abstract], workID: Int64, wins: Bool, sameRank: Bool, isNew: Bool) throws {
        guard !abstracts.isEmpty else { return }
        var keep = abstracts
        var position = 0
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
            position = Int(try statements.nextAbstractPosition.bind(workID).firstInt() ?? 0)
        }
        for abstract in keep {
            try statements.insertAbstract.bind(workID).bind(position).bind(abstract.language).bind(abstract.kind.rawValue)
                .bind(abstract.copyright).run()
            let abstractID = db.lastInsertedRowID
            position += 1
            for (sectionPosition, section) in abstract.sections.enumerated() {
                try statements.insertAbstractSection.bind(abstractID).bind(sectionPosition).bind(section.label)
                    .bind(section.nlmCategory).bind(section.text).run()
            }
        }
    }

    func insertAuthors(_ authors: [Author], workID: Int64) throws {
        for (position, author) in authors.enumerated() {
            try statements.insertAuthor.bind(workID).bind(position).bind(author.family).bind(author.given).bind(author.initials)
                .bind(author.suffix).bind(author.collective).bind(author.orcid).run()
            for (affiliationPosition, affiliation) in author.affiliations.enumerated() {
                try statements.insertAffiliation.bind(workID).bind(position).bind(affiliationPosition).bind(affiliation).run()
            }
        }
    }

    func insertPublicationTypes(_ types: [String], workID: Int64) throws {
        for (position, name) in types.enumerated() {
            try statements.insertPublicationType.bind(workID).bind(position).bind(name).run()
        }
    }
}
