import LitKBModel

/// The contract's nested objects, one function per model type.
extension WorkJSON {
    static func author(_ author: Author) -> JSONValue {
        .fields([
            "family": .text(author.family),
            "given": .text(author.given),
            "initials": .text(author.initials),
            "suffix": .text(author.suffix),
            "name": .text(author.collective),
            "orcid": .text(author.orcid),
            "affiliations": .texts(author.affiliations),
        ])
    }

    static func abstract(_ abstract: Abstract) -> JSONValue {
        .fields([
            "language": .text(abstract.language),
            "kind": .text(abstract.kind.rawValue),
            "sections": .list(abstract.sections.map { section in
                .fields([
                    "label": .text(section.label),
                    "nlmCategory": .text(section.nlmCategory),
                    "text": .text(section.text),
                ])
            }),
            "copyright": .text(abstract.copyright),
        ])
    }

    static func keyword(_ keyword: Keyword) -> JSONValue {
        .fields([
            "term": .text(keyword.term),
            "language": .text(keyword.language),
            "owner": .text(keyword.owner),
        ])
    }

    static func meshHeading(_ heading: MeshHeading) -> JSONValue {
        .fields([
            "descriptor": .text(heading.descriptor),
            "ui": .text(heading.descriptorUI),
            "qualifiers": .list(heading.qualifiers.map { qualifier in
                .fields([
                    "name": .text(qualifier.name),
                    "ui": .text(qualifier.ui),
                    "major": .flag(qualifier.major),
                ])
            }),
            "major": .flag(heading.major),
        ])
    }

    static func substance(_ substance: Substance) -> JSONValue {
        .fields([
            "name": .text(substance.name),
            "registryNumber": .text(substance.registryNumber),
            "ui": .text(substance.ui),
        ])
    }

    static func registration(_ registration: TrialRegistration) -> JSONValue {
        .fields([
            "registry": .text(registration.registry),
            "accession": .text(registration.accession),
        ])
    }

    public static func evidence(for evidence: RetractionEvidence) -> JSONValue {
        .fields([
            "kind": .text(evidence.kind.rawValue),
            "detail": .text(evidence.detail),
            "assertedBy": evidence.assertedBy.map(entry(for:)),
        ])
    }

    public static func notice(for notice: Notice) -> JSONValue {
        .fields([
            "kind": .text(notice.kind.rawValue),
            "citation": .text(notice.citation),
            "pmid": .int(notice.pmid?.value),
            "doi": .text(notice.doi?.value),
            "date": .text(notice.date?.iso),
            "detail": .text(notice.detail),
        ])
    }

    static func source(_ source: SourceFile) -> JSONValue {
        .fields([
            "path": .text(source.path),
            "sha256": .text(source.sha256),
            "format": .text(source.format.rawValue),
            "ingestedAt": .text(source.ingestedAt),
        ])
    }
}
