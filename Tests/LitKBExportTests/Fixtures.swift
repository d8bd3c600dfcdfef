import LitKBModel

/// Works built by hand, as the exporters receive them from the store.
enum Fixtures {
    /// PMID 38174611 as its PubMed page shows it: bilingual structured abstract, mixed-language
    /// keywords, a similar list with a retracted entry.
    static var seed: WorkDetail {
        let record = WorkRecord(
            format: .pageText,
            ids: Identifiers(pmid: PMID(38174611), pmidVersion: 1, pmcid: PMCID("PMC10769553"),
                             doi: DOI("10.1080/20008066.2023.2297536")),
            title: "Preliminary evidence for the importance of therapeutic alliance in MDMA-assisted psychotherapy for posttraumatic stress disorder",
            journal: Journal(title: "European journal of psychotraumatology", isoAbbreviation: "Eur J Psychotraumatol", issn: "2000-8066"),
            published: PartialDate(year: 2024),
            electronicPublished: PartialDate(year: 2024, month: 1, day: 3),
            volume: "15",
            issue: "1",
            pages: "2297536",
            languages: ["eng"],
            authors: [
                Author(family: "Zeifman", given: "Richard J", initials: "RJ", orcid: "0000-0002-6307-3923",
                       affiliations: ["Department of Psychiatry, NYU Grossman School of Medicine, New York, NY, USA."]),
                Author(family: "Wagner", given: "Anne C", initials: "AC"),
                Author(collective: "MAPS Study Group"),
            ],
            abstracts: [
                Abstract(language: "eng", sections: [
                    AbstractSection(label: "Background", nlmCategory: "BACKGROUND",
                                    text: "MDMA-assisted psychotherapy (MDMA-AP) is a combined psychotherapeutic and pharmacologic intervention."),
                    AbstractSection(label: "Objective", nlmCategory: "OBJECTIVE",
                                    text: "Examine whether therapeutic alliance predicts changes in PTSD symptoms following MDMA-AP."),
                ]),
                Abstract(language: "spa", kind: .publisher, sections: [
                    AbstractSection(label: "Antecedentes", text: "La psicoterapia asistida por MDMA es una combinación de intervención psicoterapéutica."),
                ]),
                Abstract(language: "eng", kind: .plainLanguageSummary, sections: [
                    AbstractSection(text: "Therapeutic alliance may play a key role."),
                ]),
            ],
            keywords: [
                Keyword(term: "MDMA", language: "eng"),
                Keyword(term: "Trastorno de estrés postraumático", language: "spa"),
                Keyword(term: "therapeutic alliance", language: "eng"),
            ],
            mesh: [
                MeshHeading(descriptor: "Stress Disorders, Post-Traumatic", major: false,
                            qualifiers: [MeshQualifier(name: "drug therapy", major: true)]),
            ],
            publicationTypes: ["Journal Article", "Clinical Trial"],
            substances: [Substance(name: "N-Methyl-3,4-methylenedioxyamphetamine", registryNumber: "KE1SEN21RM")],
            registrations: [TrialRegistration(registry: "ClinicalTrials.gov", accession: "NCT00090064")],
            conflictOfInterest: "No potential conflict of interest was reported by the author(s)."
        )
        return WorkDetail(
            record: record,
            isStub: false,
            similar: [
                WorkSummary(pmid: PMID(40331914), doi: DOI("10.1080/20008066.2025.2485513"),
                            title: "Self-compassion mediates treatment effects in MDMA-assisted therapy for posttraumatic stress disorder.",
                            journal: "Eur J Psychotraumatol", year: 2025, rank: 1),
                retractedSimilar,
            ],
            citedBy: [WorkSummary(pmid: PMID(39925875), journal: "Front Psychiatry", year: 2025)],
            references: [
                WorkSummary(doi: DOI("10.1177/02698811221080165"),
                            citation: "Agin-Liebes, G., Zeifman, R. J., Luoma, J. B., Garland, E. L., Campbell, W. K., & Weiss, B. (2022). Prospective examination of the therapeutic role of psychological flexibility and cognitive reappraisal in the ceremonial use of ayahuasca. Journal of Psychopharmacology, 36(3), 295–308."),
            ],
            sources: [
                SourceFile(path: "corpus/page-text/38174611.txt", sha256: "9f2c", format: .pageText,
                           ingestedAt: "2025-06-01T12:00:00Z"),
            ]
        )
    }

    /// The seed's third similar article, retracted in 2024.
    static let retractedSimilar = WorkSummary(
        pmid: PMID(32500209), doi: DOI("10.1007/s00213-020-05548-2"),
        title: "Long-term follow-up outcomes of MDMA-assisted psychotherapy for treatment of PTSD: a longitudinal pooled analysis of six phase 2 trials.",
        journal: "Psychopharmacology (Berl)", year: 2020, retracted: true, rank: 3)

    /// PMID 32500209 as its own record: retracted, with the notice that retracts it.
    static var retracted: WorkDetail {
        let record = WorkRecord(
            format: .pubmedXML,
            ids: Identifiers(pmid: PMID(32500209), doi: DOI("10.1007/s00213-020-05548-2")),
            title: "Long-term follow-up outcomes of MDMA-assisted psychotherapy for treatment of PTSD: a longitudinal pooled analysis of six phase 2 trials.",
            journal: Journal(title: "Psychopharmacology", isoAbbreviation: "Psychopharmacology (Berl)"),
            published: PartialDate(year: 2020, month: 8),
            volume: "237",
            issue: "8",
            pages: "2485-2497",
            authors: [Author(family: "Jerome", given: "Lisa", initials: "L")],
            publicationTypes: ["Journal Article", "Retracted Publication"]
        )
        let notice = WorkSummary(pmid: PMID(39412345), doi: DOI("10.1007/s00213-024-06665-y"),
                                 citation: "Psychopharmacology (Berl). 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y.")
        return WorkDetail(
            record: record,
            isStub: false,
            retractionEvidence: [
                RetractionEvidence(kind: .retractionNotice, detail: "Retraction in: Psychopharmacology (Berl). 2024 Nov;241(11):2407.",
                                   assertedBy: notice),
                RetractionEvidence(kind: .flag, assertedBy: WorkSummary(pmid: PMID(38174611), isStub: false)),
            ],
            notices: [
                Notice(kind: .retractionIn, citation: "Psychopharmacology (Berl). 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y.",
                       pmid: PMID(39412345), doi: DOI("10.1007/s00213-024-06665-y")),
            ]
        )
    }

    /// A work with nothing but what `WorkRecord` requires.
    static func bare(_ configure: (inout WorkRecord) -> Void = { _ in }) -> WorkDetail {
        var record = WorkRecord(format: .pubmedXML)
        configure(&record)
        return WorkDetail(record: record, isStub: false)
    }

    /// Every character LaTeX or BibTeX treats specially, accents, Greek, an acronym.
    static var nasty: WorkDetail {
        bare { record in
            record.ids = Identifiers(pmid: PMID(99), doi: DOI("10.1000/a_b%c#d"))
            record.title = #"Costs & benefits of 5% $100 a_b {braces} ~ ^ \ <HTML> in Müller's β-cohort #2"#
            record.authors = [
                Author(family: "Gómez-Ñúñez", given: "José Ángel"),
                Author(family: "Ørsted", given: "Søren"),
                Author(family: "O'Brien", given: "Ciarán", suffix: "Jr"),
                Author(collective: "R&D {Group} 100%"),
            ]
            record.journal = Journal(title: "Journal of \"Odd\" Names & Co_op {Press}")
            record.published = PartialDate(year: 2019, month: 12)
            record.volume = "12_b"
            record.issue = "3 Suppl 1"
            record.pages = "S1–S9"
            record.languages = ["ger"]
            record.keywords = [Keyword(term: "stress & strain"), Keyword(term: "Über-Ich")]
            record.abstracts = [Abstract(language: "eng", sections: [
                AbstractSection(label: "Methods", text: "We used {x} ~ y^2 at 10% \\ 50%; p < 0.05 & n = 20."),
                AbstractSection(label: "Results", text: "Δ = 3 µg ± 1 — “significant”."),
            ])]
            record.conflictOfInterest = "None."
        }
    }

    /// The nasty work without authors, and again without a date.
    static var anonymous: WorkDetail {
        var work = nasty
        work.record.authors = []
        return work
    }

    static var undated: WorkDetail {
        var work = anonymous
        work.record.published = nil
        return work
    }
}
