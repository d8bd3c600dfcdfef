import Foundation
import Testing
import LitKBModel
import LitKBParsers

/// The eight PMC articles of the shared corpus. Expected values were read from the files; counts
/// were taken independently (element counts over the XML: `<ref `, refs holding a `pmid`
/// pub-id, `<kwd>`, `contrib-type="author"`).
@Suite(.enabled(if: ELinkJATSFiles.corpusAvailable, "\(ELinkJATSFiles.corpusAbsent)"))
struct JATSSampleTests {
    /// file, PMID, refs, refs with a PMID, refs with a DOI (pub-id or doi.org link), keywords, authors.
    static let counts: [(String, Int, Int, Int, Int, Int, Int)] = [
        ("1471-2180-11-174.nxml", 21810267, 64, 56, 50, 0, 2),
        ("1472-6831-8-11.nxml", 18405359, 31, 25, 17, 0, 4),
        ("6605965a.nxml", 21045829, 34, 31, 0, 4, 46),
        ("ehp-116-1694.nxml", 19079722, 58, 52, 0, 9, 4),
        ("mds526.nxml", 23149571, 40, 30, 28, 6, 7),
        ("pntd.0002065.nxml", 23469300, 32, 21, 1, 0, 6),
        ("pone.0000217.nxml", 17299597, 33, 26, 0, 0, 4),
        ("pone.0046493.nxml", 23029536, 58, 44, 0, 0, 9),
    ]

    @Test func countsOfEveryArticle() throws {
        for (file, pmid, refs, withPMID, withDOI, keywords, authors) in JATSSampleTests.counts {
            let parsed = try ELinkJATSFiles.jats(file)
            #expect(parsed.failures.isEmpty && parsed.warnings.isEmpty, "\(file)")
            #expect(parsed.records.count == 1, "\(file)")
            let record = try #require(parsed.records.first).record
            #expect(record.format == .jats)
            #expect(record.ids.pmid == PMID(pmid), "\(file)")
            #expect(parsed.records[0].location.pmid == PMID(pmid))
            #expect(record.links.count == refs, "\(file)")
            #expect(record.links.allSatisfy { $0.kind == .cites && $0.target.citation != nil }, "\(file)")
            #expect(record.links.filter { $0.target.ids.pmid != nil }.count == withPMID, "\(file)")
            #expect(record.links.filter { $0.target.ids.doi != nil }.count == withDOI, "\(file)")
            #expect(record.keywords.count == keywords, "\(file)")
            #expect(record.authors.count == authors, "\(file)")
            #expect(record.languages == ["eng"])
            #expect(record.abstracts.first?.kind == .main && record.abstracts.first?.language == "eng", "\(file)")
        }
    }

    /// A JATS 1.0 article with print and electronic dates, `etal` and entities in the title.
    @Test func environmentalHealthPerspectives() throws {
        let record = try ELinkJATSFiles.jatsRecord("ehp-116-1694.nxml")
        #expect(record.ids == Identifiers(pmid: PMID(19079722), pmidVersion: 1, pmcid: PMCID("PMC2599765"), doi: DOI("10.1289/ehp.11570")))
        #expect(record.title == "Dietary Exposure to 2,2′,4,4′-Tetrabromodiphenyl Ether (PBDE-47) Alters Thyroid Status and Thyroid Hormone–Regulated Gene Transcription in the Pituitary and Brain")
        #expect(record.journal == Journal(title: "Environmental Health Perspectives", isoAbbreviation: "Environ Health Perspect", issn: "0091-6765"))
        #expect([record.volume, record.issue, record.pages] == ["116", "12", "1694-1699"])
        #expect(record.published == PartialDate(year: 2008, month: 12))
        #expect(record.electronicPublished == PartialDate(year: 2008, month: 8, day: 1))
        #expect(record.authors.first == Author(family: "Lema", given: "Sean C", initials: "SC", affiliations: [
            "Physiology Program, Northwest Fisheries Science Center, National Oceanic and Atmospheric Administration, Seattle, Washington, USA",
        ]))
        let abstract = try #require(record.abstracts.first)
        #expect(record.abstracts.count == 1)
        #expect(abstract.sections.map(\.label) == ["Background", "Objective", "Methods", "Results", "Conclusions"])
        #expect(abstract.sections.map(\.nlmCategory) == ["BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"])
        #expect(abstract.sections[3].text.hasPrefix("Minnows exposed to PBDE-47 had depressed plasma thyroxine (T4), but not 3,5,3′-triiodothyronine (T3). This decline in T4 was"))
        #expect(abstract.sections[2].text == "Breeding pairs of adult fathead minnows (Pimephales promelas) were given dietary PBDE-47 at two doses (2.4 μg/pair/day or 12.3 μg/pair/day) for 21 days.")
        #expect(record.keywords.first == Keyword(term: "basic transcription element-binding protein"))
        #expect(record.keywords.last?.term == "thyrotropin")
        #expect(record.conflictOfInterest == nil, "its competing-interest note is an untyped fn")
        // The first reference in full: six authors then <etal/>.
        let first = try #require(record.links.first).target
        #expect(first.ids == Identifiers(pmid: PMID(16828638)))
        #expect(first.authors.map(\.displayName) == ["Adolf, B", "Chapouton, P", "Lam, CS", "Topp, S", "Tannhäuser, B", "Strähle, U"])
        #expect(first.authors[2] == Author(family: "Lam", given: "CS", initials: "CS"))
        #expect(first.title == "Conserved and acquired features of adult neurogenesis in the zebrafish telencephalon")
        #expect(first.journal == "Dev Biol")
        #expect(first.published == PartialDate(year: 2006))
        #expect([first.volume, first.issue, first.pages] == ["295", nil, "278-293"])
        #expect(first.citation == "Adolf B, Chapouton P, Lam CS, Topp S, Tannhäuser B, Strähle U, et al. Conserved and acquired features of adult neurogenesis in the zebrafish telencephalon. Dev Biol. 2006;295:278-293.")
    }

    /// PLoS: markup inside words of the title, an unlabelled abstract, COI with a bold lead-in,
    /// mixed citations with their own punctuation.
    @Test func plosOneMixedCitations() throws {
        let record = try ELinkJATSFiles.jatsRecord("pone.0046493.nxml")
        #expect(record.ids.pmcid == PMCID("PMC3460867"))
        #expect(record.ids.doi == DOI("10.1371/journal.pone.0046493"))
        #expect(record.title == "MmPPOX Inhibits Mycobacterium tuberculosis Lipolytic Enzymes Belonging to the Hormone-Sensitive Lipase Family and Alters Mycobacterial Growth")
        #expect(record.journal == Journal(title: "PLoS ONE", isoAbbreviation: "PLoS One", issn: "1932-6203"))
        #expect([record.volume, record.issue, record.pages] == ["7", "9", "e46493"])
        #expect(record.published == PartialDate(year: 2012))
        #expect(record.electronicPublished == PartialDate(year: 2012, month: 9, day: 28))
        #expect(record.authors.first?.affiliations.count == 2)
        #expect(record.authors[4] == Author(family: "Carrière", given: "Frédéric", initials: "F", affiliations: [
            "CNRS - Aix-Marseille Université - Enzymologie Interfaciale et Physiologie de la Lipolyse - UMR 7282, Marseille, France",
        ]))
        let abstract = try #require(record.abstracts.first)
        #expect(abstract.sections.count == 1 && abstract.sections[0].label == nil)
        #expect(abstract.sections[0].text.contains("named MmPPOX. In addition, we provide evidence that MmPPOX alters mycobacterial growth."))
        #expect(abstract.sections[0].text.contains("characterized using a broad range of substrates. In vitro enzymatic inhibition"))
        #expect(record.conflictOfInterest == "The authors have declared that no competing interests exist.")
        let garton = record.links[1].target
        #expect(garton.ids.isEmpty)
        #expect(garton.title == "Intracellular lipophilic inclusions of mycobacteria in vitro and in sputum")
        #expect(garton.journal == "Microbiology-Sgm")
        #expect(garton.authors.count == 5)
        #expect(garton.citation == "Garton NJ, Christensen H, Minnikin DE, Adegbola RA, Barer MR (2002) Intracellular lipophilic inclusions of mycobacteria in vitro and in sputum. Microbiology-Sgm 148: 2951–2958")
        #expect(garton.published == PartialDate(year: 2002))
        #expect(garton.pages == "2951-2958")
    }

    /// BMC: inline markup inside a word of the abstract, one-page article, a suffix in a
    /// reference, element-only mixed citations.
    @Test func bmcMicrobiology() throws {
        let record = try ELinkJATSFiles.jatsRecord("1471-2180-11-174.nxml")
        #expect(record.title == "Factors influencing lysis time stochasticity in bacteriophage λ")
        #expect(record.pages == "174", "fpage and lpage are both 174")
        #expect(record.published == PartialDate(year: 2011))
        #expect(record.electronicPublished == PartialDate(year: 2011, month: 8, day: 2))
        #expect(record.authors.map(\.initials) == ["JJ", "IN"])
        #expect(record.authors[0].affiliations == [
            "Department of Biological Sciences, University at Albany, 1400 Washington Avenue, Albany, NY 12222, USA",
            "Biology Department, Queens College, and the Graduate Center of the City University of New York, Flushing, NY 11367, USA",
        ])
        let results = try #require(record.abstracts.first?.sections[1])
        #expect(results.label == "Results")
        #expect(results.text.contains("late promoter (pR') activity, and host growth rate."))
        #expect(results.text.contains("Both lower pR' activities and lower host growth rates"))
        let powell = try #require(record.links.last).target
        #expect(powell.authors.last == Author(family: "Turnbough", given: "CL", initials: "CL", suffix: "Jr"))
        #expect(powell.ids == Identifiers(pmid: PMID(7838735), doi: DOI("10.1093/nar/22.25.5765")))
        #expect(powell.citation == "Powell BS, Rivas MP, Court DL, Nakamura Y, Turnbough CL Jr. Rapid confirmation of single copy lambda prophage integration by PCR. Nucleic Acids Res. 1994;22:5765-5766.")
    }

    /// PLoS NTDs: an author summary, editors left out, dotted initials, a reference of plain text.
    @Test func plosNTDsAuthorSummary() throws {
        let record = try ELinkJATSFiles.jatsRecord("pntd.0002065.nxml")
        #expect(record.abstracts.map(\.kind) == [.main, .plainLanguageSummary])
        #expect(record.abstracts[1].sections.count == 1 && record.abstracts[1].sections[0].label == nil)
        #expect(record.abstracts[1].sections[0].text.hasPrefix("Rift Valley fever (RVF) is a mosquito-borne disease"))
        #expect(record.title == "Serological Evidence of Rift Valley Fever Virus Circulation in Sheep and Goats in Zambézia Province, Mozambique")
        #expect(record.authors.map(\.family) == ["Fafetine", "Neves", "Thompson", "Paweska", "Rutten", "Coetzer"])
        #expect(record.authors[4].given == "Victor P M G" && record.authors[4].initials == "VPMG")
        #expect(record.authors[5].given == "J A W" && record.authors[5].initials == "JAW")
        #expect(record.published == PartialDate(year: 2013, month: 2))
        #expect(record.journal.issn == "1935-2727")
        let murphy = try #require(record.links.first).target
        #expect(murphy.ids.isEmpty && murphy.title == nil && murphy.authors.isEmpty)
        #expect(murphy.citation == "Murphy FA, Gibbs EPJ, Horzinek MC, Studdert MJ (1999) Veterinary Virology. USA: Elsevier. pp 469–475.")
    }

    /// British Journal of Cancer: affiliations of mixed institution/country markup, a book by a
    /// collective, labels with colons, a pii.
    @Test func britishJournalOfCancer() throws {
        let record = try ELinkJATSFiles.jatsRecord("6605965a.nxml")
        #expect(record.ids.others == [ArticleID(type: "pii", value: "6605965")])
        #expect([record.volume, record.issue, record.pages] == ["103", "11", "1755-1759"])
        #expect(record.published == PartialDate(year: 2010, month: 11))
        #expect(record.authors[0].affiliations == ["Cancer Epidemiology Unit, Nuffield Department of Clinical Medicine, University of Oxford, Richard Doll Building, Roosevelt Drive, OX3 7LF Oxford, UK"])
        #expect(record.authors[10] == Author(family: "Boutron-Ruault", given: "M-C", initials: "MC", affiliations: [
            "Inserm, Centre for Research in Epidemiology and Population Health, U1018, Institut Gustave Roussy, F-94805, Villejuif, France",
            "Paris South University, UMRS 1018, F-94805, Villejuif, France",
        ]))
        #expect(record.authors.last?.family == "Riboli")
        #expect(record.abstracts[0].sections.map(\.label) == ["Background", "Methods", "Results", "Conclusion"])
        #expect(record.keywords.map(\.term) == ["oral contraceptives", "reproductive history", "colorectal cancer", "cohort study"])
        let book = record.links[1].target
        #expect(book.authors == [Author(collective: "American Cancer Society")])
        #expect(book.title == "Global Cancer Facts and Figures 2007" && book.journal == nil)
        #expect(book.citation == "American Cancer Society. Global Cancer Facts and Figures 2007. American Cancer Society: Atlanta; 2007.")
    }

    /// Annals of Oncology: DOIs given only as links in a reference's comment.
    @Test func annalsOfOncology() throws {
        let record = try ELinkJATSFiles.jatsRecord("mds526.nxml")
        #expect(record.authors[0].affiliations == ["Cambridge Centre for Health Services Research, Institute of Public Health, University of Cambridge, Cambridge"])
        #expect(record.abstracts[0].sections[1].label == "Patients and methods")
        #expect(record.abstracts[0].sections[1].nlmCategory == "METHODS")
        #expect(record.published == PartialDate(year: 2013, month: 3))
        #expect(record.electronicPublished == PartialDate(year: 2012, month: 11, day: 12))
        let first = try #require(record.links.first).target
        #expect(first.ids == Identifiers(pmid: PMID(22158327), doi: DOI("10.1038/bjc.2011.489")))
        #expect(first.issue == "Suppl 2" && first.pages == "S77-S81")
    }

    /// NLM 2.3 files: `journal-title` without its group, `citation` elements.
    @Test func olderNLMArticles() throws {
        let oral = try ELinkJATSFiles.jatsRecord("1472-6831-8-11.nxml")
        #expect(oral.journal == Journal(title: "BMC Oral Health", isoAbbreviation: "BMC Oral Health", issn: "1472-6831"))
        #expect(oral.authors.first?.family == "van der Meulen")
        #expect(oral.links.first?.target.citation == "Locker D. Measuring oral health: a conceptual framework. Community Dent Health. 1988;5:3-18.")
        let plos = try ELinkJATSFiles.jatsRecord("pone.0000217.nxml")
        #expect(plos.abstracts[0].sections.map(\.label) == ["Background", "Methodology", "Conclusions/Significance"])
        #expect(plos.abstracts[0].sections[2].nlmCategory == nil)
        #expect(plos.published == PartialDate(year: 2007))
        #expect(plos.authors[2].initials == "JP")
    }
}
