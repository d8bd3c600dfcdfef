import LitKBModel

extension WorkJSON {
    /// The contract's work object. Key order here is the order users see; keep it in step with
    /// `JSONContract.md`.
    public static func object(for work: WorkDetail) -> JSONValue {
        let record = work.record
        let date = record.published ?? record.electronicPublished
        return .fields([
            "pmid": .int(record.ids.pmid?.value),
            "pmidVersion": .int(record.ids.pmidVersion),
            "pmcid": .text(record.ids.pmcid?.value),
            "doi": .text(record.ids.doi?.value),
            "title": .text(record.title),
            "vernacularTitle": .text(record.vernacularTitle),
            "journal": .text(record.journal.title, record.journal.isoAbbreviation),
            "journalAbbreviation": .text(record.journal.isoAbbreviation),
            "issn": .text(record.journal.issn),
            "year": .int(date?.year),
            "date": .text(record.published?.iso),
            "dateText": .text(record.published?.text),
            "epubDate": .text(record.electronicPublished?.iso),
            "volume": .text(record.volume),
            "issue": .text(record.issue),
            "pages": .text(record.pages),
            "languages": .texts(record.languages),
            "authors": .list(record.authors.map(author)),
            "abstracts": .list(record.abstracts.map(abstract)),
            "keywords": .list(record.keywords.map(keyword)),
            "mesh": .list(record.mesh.map(meshHeading)),
            "publicationTypes": .texts(record.publicationTypes),
            "substances": .list(record.substances.map(substance)),
            "registrations": .list(record.registrations.map(registration)),
            "conflictOfInterest": .text(record.conflictOfInterest),
            "retracted": .flag(work.retracted),
            "status": .text(work.status?.rawValue),
            "retractionEvidence": .list(work.retractionEvidence.map(evidence(for:))),
            "notices": .list(work.notices.map(notice(for:))),
            "similar": .list(work.similar.map(entry(for:))),
            "citedBy": .list(work.citedBy.map(entry(for:))),
            "references": .list(work.references.map(entry(for:))),
            // Distinct works, from every source (reference lists, pages' cited-by lists, the NIH
            // Open Citation Collection): the lengths of the two lists above.
            "citationCount": .int(work.citationCount),
            "referenceCount": .int(work.referenceCount),
            "stub": .flag(work.isStub),
            "sources": .list(work.sources.map(source)),
        ])
    }

    /// A work as a list shows it: the objects of `similar`, `citedBy`, `references` and
    /// `assertedBy`.
    public static func entry(for summary: WorkSummary) -> JSONValue {
        .fields([
            "pmid": .int(summary.pmid?.value),
            "doi": .text(summary.doi?.value),
            "pmcid": .text(summary.pmcid?.value),
            "title": .text(summary.title),
            "journal": .text(summary.journal),
            "year": .int(summary.year),
            "retracted": .flag(summary.retracted),
            "status": .text(summary.status?.rawValue),
            "citation": .text(summary.citation),
            "rank": .int(summary.rank),
            "stub": .flag(summary.isStub),
        ])
    }
}
