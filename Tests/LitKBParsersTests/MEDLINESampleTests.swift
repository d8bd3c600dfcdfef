import Foundation
import Testing
import LitKBModel
import LitKBParsers

/// The real PubMed export in the shared corpus: four records from 2003–2006, the values below
/// read off the file by eye.
@Suite(.enabled(if: MEDLINEFiles.sampleExists, Comment(rawValue: MEDLINEFiles.sampleMissing)))
struct MEDLINESampleTests {
    let parsed: ParsedFile
    var records: [WorkRecord] { parsed.records.map(\.record) }

    init() throws {
        parsed = try MEDLINEParser.parse(MEDLINEFiles.text(MEDLINEFiles.sample), file: "pubmed_result2.txt")
    }

    @Test func everyRecordInFileOrderAndNothingFails() {
        #expect(records.map(\.ids.pmid) == [PMID(16403221), PMID(16377612), PMID(14871861), PMID(14630660)])
        #expect(parsed.failures == [])
        #expect(parsed.warnings == [])
        #expect(parsed.records.flatMap(\.warnings) == [])
        #expect(records.allSatisfy { $0.format == .medline && $0.ids.pmidVersion == 1 && $0.uninterpreted.isEmpty })
        // The file opens with a blank line: the first record is on line 2.
        #expect(parsed.records.map(\.location) == [
            SourceLocation(file: "pubmed_result2.txt", record: 1, pmid: PMID(16403221), line: 2),
            SourceLocation(file: "pubmed_result2.txt", record: 2, pmid: PMID(16377612), line: 67),
            SourceLocation(file: "pubmed_result2.txt", record: 3, pmid: PMID(14871861), line: 127),
            SourceLocation(file: "pubmed_result2.txt", record: 4, pmid: PMID(14630660), line: 192),
        ])
    }

    @Test func titlesJoinTheirContinuationLines() {
        #expect(records.map(\.title) == [
            "A high level interface to SCOP and ASTRAL implemented in python.",
            "GenomeDiagram: a python package for the visualization of large-scale genomic data.",
            "Open source clustering software.",
            "PDB file parser and structure class implemented in Python.",
        ])
    }

    @Test func identifiers() {
        #expect(records[0].ids == Identifiers(pmid: PMID(16403221), pmidVersion: 1, pmcid: PMCID("PMC1373603"),
                                              doi: DOI("10.1186/1471-2105-7-10"),
                                              others: [ArticleID(type: "pii", value: "1471-2105-7-10")]))
        #expect(records[1].ids.doi == DOI("10.1093/bioinformatics/btk021"))
        #expect(records[1].ids.others == [ArticleID(type: "pii", value: "btk021")])
        // Here the DOI comes before the pii.
        #expect(records[2].ids.doi == DOI("10.1093/bioinformatics/bth078"))
        #expect(records[2].ids.others == [ArticleID(type: "pii", value: "bth078")])
        // The 2003 record has no AID line at all, and none of the last three a PMC line.
        #expect(records[3].ids == Identifiers(pmid: PMID(14630660), pmidVersion: 1))
        #expect(records[1...].allSatisfy { $0.ids.pmcid == nil })
    }

    @Test func journalIssueAndDates() {
        #expect(records[0].journal == Journal(title: "BMC bioinformatics", isoAbbreviation: "BMC Bioinformatics", issn: "1471-2105"))
        #expect(records[1].journal == Journal(title: "Bioinformatics (Oxford, England)", isoAbbreviation: "Bioinformatics", issn: "1367-4803"))
        #expect(records.map(\.volume) == ["7", "22", "20", "19"])
        #expect(records.map(\.issue) == [nil, "5", "9", "17"])
        #expect(records.map(\.pages) == ["10", "616-7", "1453-4", "2308-10"])
        #expect(records.map(\.published) == [
            PartialDate(year: 2006), PartialDate(year: 2006, month: 3, day: 1),
            PartialDate(year: 2004, month: 6, day: 12), PartialDate(year: 2003, month: 11, day: 22),
        ])
        #expect(records.map(\.electronicPublished) == [
            PartialDate(year: 2006, month: 1, day: 10), PartialDate(year: 2005, month: 12, day: 23),
            PartialDate(year: 2004, month: 2, day: 10), nil,
        ])
        #expect(records.allSatisfy { $0.languages == ["eng"] })
    }

    @Test func authorsWithTheRecordsOneAffiliationOnTheFirstAuthor() {
        #expect(records.map(\.authors.count) == [3, 4, 4, 2])
        // One AD printed before every FAU (pre-2014 records): it belongs to the first author.
        #expect(records[0].authors.first == Author(family: "Casbon", given: "James A", initials: "JA", affiliations: [
            "Bioinformatics, Institute of Cell and Molecular Science, School of Medicine and Dentistry, Queen Mary, University of London, London EC1 6BQ, UK. j.a.casbon@qmul.ac.uk",
        ]))
        // AU gives the record's initials ("Saqi MA"), as PubMed XML's Initials does, not all three of FAU.
        #expect(records[0].authors.last == Author(family: "Saqi", given: "Mansoor A S", initials: "MA"))
        #expect(records[2].authors.first == Author(family: "de Hoon", given: "M J L", initials: "MJ", affiliations: [
            "Human Genome Center, Institute of Medical Science, University of Tokyo, 4-6-1 Shirokanedai, Minato-ku, Tokyo, 108-8639 Japan. mdehoon@ims.u-tokyo.ac.jp",
        ]))
        #expect(records[2].authors.last == Author(family: "Miyano", given: "S", initials: "S"))
        #expect(records[3].authors.map(\.displayName) == ["Hamelryck, Thomas", "Manderick, Bernard"])
        #expect(records[3].authors[0].affiliations == [
            "Department of Cellular and Molecular Interactions, Vlaams Interuniversitair Instituut voor Biotechnologie and Computational Modeling Lab, Department of Computer Science, Vrije Universiteit Brussel, Pleinlaan 2, 1050 Brussels, Belgium. thamelry@vub.ac.be",
        ])
        #expect(records[3].authors[1].affiliations == [])
    }

    @Test func structuredAbstractsSplitOnTheirLabels() throws {
        #expect(records.map { $0.abstracts.map(\.kind) } == [[.main], [.main], [.main], [.main]])
        #expect(records.map { $0.abstracts.first?.language } == ["eng", "eng", "eng", "eng"])
        #expect(records.map { $0.abstracts.first?.sections.map(\.label) } == [
            ["BACKGROUND", "RESULTS", "CONCLUSION"],
            ["SUMMARY", "AVAILABILITY", "SUPPLEMENTARY INFORMATION"],
            ["SUMMARY", "AVAILABILITY"],
            [nil, "AVAILABILITY"],
        ])
        let first = try #require(records[0].abstracts.first)
        #expect(first.sections.map(\.nlmCategory) == ["BACKGROUND", "RESULTS", "CONCLUSIONS"])
        #expect(first.sections[2].text == "The modules make the analysis and generation of datasets for use in structural genomics easier and more principled.")
        // Continuation lines with trailing spaces ("The ASTRAL ") join with exactly one space.
        #expect(first.sections[0].text.contains("similarity. The ASTRAL compendium provides non redundant subsets"))
        #expect(first.sections[0].text.hasSuffix("We present a small and easy to use API written in python to enable construction of datasets from these resources."))
        // "Algorithm::Cluster" is no label.
        #expect(records[2].abstracts[0].sections[1].text.hasPrefix("The C Clustering Library and the corresponding Python C extension module Pycluster"))
        #expect(records[2].abstracts[0].sections[1].text.contains("the Perl module Algorithm::Cluster was released"))
        #expect(records[3].abstracts[0].sections[1].text == "The Biopython distribution (including source code and documentation) is freely available (under the Biopython license) from http://www.biopython.org")
    }

    @Test func meshHeadingsWithMajorDescriptorsAndQualifiers() {
        #expect(records.map(\.mesh.count) == [9, 8, 8, 9])
        #expect(records[0].mesh[0] == MeshHeading(descriptor: "Database Management Systems", major: true))
        #expect(records[0].mesh[2] == MeshHeading(descriptor: "Information Storage and Retrieval", major: false,
                                                  qualifiers: [MeshQualifier(name: "methods", major: true)]))
        #expect(records[3].mesh[3] == MeshHeading(descriptor: "Information Storage and Retrieval", major: false, qualifiers: [
            MeshQualifier(name: "methods", major: true), MeshQualifier(name: "standards", major: true),
        ]))
        #expect(records[1].mesh[4] == MeshHeading(descriptor: "Information Storage and Retrieval", qualifiers: [MeshQualifier(name: "methods")]))
        #expect(records[3].mesh.map(\.display).last == "Software*")
    }

    @Test func publicationTypesSubstancesAndWhatTheSampleLacks() {
        #expect(records.map(\.publicationTypes) == [
            ["Evaluation Studies", "Journal Article"],
            ["Journal Article", "Research Support, Non-U.S. Gov't"],
            ["Comparative Study", "Evaluation Studies", "Journal Article", "Validation Studies"],
            ["Comparative Study", "Evaluation Studies", "Journal Article", "Research Support, Non-U.S. Gov't", "Validation Studies"],
        ])
        // "RN - 0 (...)": 0 is PubMed's "no registry number".
        #expect(records[3].substances == [Substance(name: "Macromolecular Substances")])
        #expect(records[0...2].allSatisfy { $0.substances.isEmpty })
        // No keywords, notices, registrations, copyright or COI anywhere in this 2006 export.
        #expect(records.allSatisfy { $0.keywords.isEmpty && $0.links.isEmpty && $0.registrations.isEmpty })
        #expect(records.allSatisfy { $0.conflictOfInterest == nil && $0.abstracts.allSatisfy { $0.copyright == nil } })
    }

    @Test func detectedAsMEDLINE() throws {
        let text = try MEDLINEFiles.text(MEDLINEFiles.sample)
        #expect(MEDLINEParser.looksLikeMEDLINE(Substring(text.prefix(4096))))
        #expect(FormatDetector.detect(String(text.prefix(4096))) == .medline)
    }
}
