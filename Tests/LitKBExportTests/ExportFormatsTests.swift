import Foundation
@testable import LitKBExport
import LitKBModel
import LitKBParsers
import XCTest
#if canImport(FoundationXML)
import FoundationXML
#endif

/// RIS, CSL-JSON, MEDLINE (nbib), EndNote XML and CSV of the hand-built works: every field the
/// format has a place for, in the form its readers expect.
final class ExportFormatsTests: XCTestCase {
    /// `TAG` → values, in order, of one RIS record.
    func risFields(_ text: String) -> [(String, String)] {
        text.split(separator: "\n").map { line in
            (String(line.prefix(2)), String(line.dropFirst(6)))
        }
    }

    func testRISCarriesEveryFieldOnOneLineEach() throws {
        let text = RISWriter.record(for: Fixtures.seed)
        let fields = risFields(text)
        XCTAssertEqual(fields.first?.0, "TY")
        XCTAssertEqual(fields.first?.1, "JOUR")
        XCTAssertEqual(fields.last?.0, "ER")
        XCTAssertTrue(fields.allSatisfy { $0.0.allSatisfy { $0.isUppercase || $0.isNumber } }, text)
        func values(_ tag: String) -> [String] { fields.filter { $0.0 == tag }.map(\.1) }
        XCTAssertEqual(values("AU"), ["Zeifman, Richard J", "Wagner, Anne C", "MAPS Study Group"])
        XCTAssertEqual(values("T2"), ["European journal of psychotraumatology"])
        XCTAssertEqual(values("J2"), ["Eur J Psychotraumatol"])
        XCTAssertEqual(values("PY"), ["2024"])
        XCTAssertEqual(values("DO"), ["10.1080/20008066.2023.2297536"])
        XCTAssertEqual(values("AN"), ["38174611"])
        XCTAssertEqual(values("KW"), ["MDMA", "Trastorno de estrés postraumático", "therapeutic alliance", "Stress Disorders, Post-Traumatic"])
        XCTAssertTrue(values("AB")[0].hasPrefix("Background: MDMA-assisted psychotherapy"), text)
        XCTAssertTrue(values("N1").contains("PMCID: PMC10769553"))
        XCTAssertTrue(values("N1").contains { $0.hasPrefix("Abstract (spa): Antecedentes: La psicoterapia") }, text)
        XCTAssertTrue(values("N1").contains { $0.hasPrefix("Plain language summary (eng): Therapeutic alliance") }, text)

        let retracted = risFields(RISWriter.record(for: Fixtures.retracted))
        XCTAssertEqual(retracted.filter { $0.0 == "SP" || $0.0 == "EP" }.map(\.1), ["2485", "2497"])
        XCTAssertEqual(retracted.first { $0.0 == "DA" }?.1, "2020/08//")
        XCTAssertTrue(retracted.contains { $0.0 == "N1" && $0.1.hasPrefix("RETRACTED. Retraction in: Psychopharmacology (Berl). 2024 Nov") })
    }

    func testRISWritesAbbreviatedPagesInFull() {
        let fields = risFields(RISWriter.record(for: Fixtures.bare { $0.pages = "168-72"; $0.journal.title = "J Test" }))
        XCTAssertEqual(fields.filter { $0.0 == "SP" || $0.0 == "EP" }.map(\.1), ["168", "172"])
    }

    func testCSLJSONItemsAreWhatCiteprocReads() throws {
        let rendered = CSLJSONWriter.item(for: Fixtures.seed, id: "zeifmanPreliminaryEvidenceImportance2024").rendered(pretty: false)
        let item = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(rendered.utf8)) as? [String: Any])
        XCTAssertEqual(item["id"] as? String, "zeifmanPreliminaryEvidenceImportance2024")
        XCTAssertEqual(item["type"] as? String, "article-journal")
        let authors = try XCTUnwrap(item["author"] as? [[String: String]])
        XCTAssertEqual(authors, [["family": "Zeifman", "given": "Richard J"], ["family": "Wagner", "given": "Anne C"], ["literal": "MAPS Study Group"]])
        XCTAssertEqual((item["issued"] as? [String: [[Int]]])?["date-parts"], [[2024]], "the print date, as citations give it")
        XCTAssertEqual(item["container-title"] as? String, "European journal of psychotraumatology")
        XCTAssertEqual(item["container-title-short"] as? String, "Eur J Psychotraumatol")
        XCTAssertEqual(item["DOI"] as? String, "10.1080/20008066.2023.2297536")
        XCTAssertEqual(item["PMID"] as? String, "38174611")
        XCTAssertEqual(item["PMCID"] as? String, "PMC10769553")
        XCTAssertEqual(item["language"] as? String, "eng")

        let retracted = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(CSLJSONWriter.item(for: Fixtures.retracted, id: "x").rendered(pretty: false).utf8)) as? [String: Any])
        XCTAssertEqual(retracted["page"] as? String, "2485-2497")
        XCTAssertTrue((retracted["note"] as? String)?.hasPrefix("RETRACTED. Retraction in:") == true)
        XCTAssertEqual((retracted["issued"] as? [String: [[Int]]])?["date-parts"], [[2020, 8]])
    }

    /// RFC 4180 read back: quoted fields with commas, quotes and line breaks.
    func csvRows(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.append("\""); characters = characters.dropFirst() } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" { quoted = true
            } else if character == "," { row.append(field); field = ""
            } else if character == "\n" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(character) }
        }
        return rows
    }

    func testCSVRowsReadBackFieldForField() {
        let awkward = Fixtures.bare {
            $0.ids.pmid = PMID(12345678)
            $0.title = "Commas, \"quotes\" and\na line break"
            $0.authors = [Author(family: "O'Brien", given: "Mary"), Author(collective: "Group, The")]
            $0.published = PartialDate(year: 1999)
        }
        let text = CSVWriter.header + "\n" + CSVWriter.row(for: awkward) + "\n" + CSVWriter.row(for: Fixtures.retracted) + "\n"
        let rows = csvRows(text)
        XCTAssertEqual(rows.map(\.count), [11, 11, 11])
        XCTAssertEqual(rows[0], ["pmid", "pmcid", "doi", "title", "abstract", "authors", "year", "journal", "keywords", "retracted", "status"])
        XCTAssertEqual(rows[1], ["12345678", "", "", "Commas, \"quotes\" and a line break", "", "O'Brien, Mary; Group, The", "1999", "", "", "false", ""])
        XCTAssertEqual(rows[2][0], "32500209")
        XCTAssertEqual(rows[2][9], "true")
        XCTAssertEqual(rows[2][10], "retracted")
    }

    func testMEDLINEReadsBackThroughLitkbsOwnReader() throws {
        let work = Fixtures.seed
        let text = MEDLINEWriter.record(for: work)
        var tag = ""
        for line in text.split(separator: "\n") {
            XCTAssertTrue(line.hasPrefix("      ") || line.dropFirst(4).hasPrefix("- "), String(line))
            if !line.hasPrefix(" ") { tag = line.prefix(4).trimmingCharacters(in: .whitespaces) }
            // Wrapped where every reader joins the lines again; a list tag stays on one line,
            // which Bio.Medline would otherwise read as two values.
            XCTAssertTrue(MEDLINEWriter.wrappedTags.contains(tag) ? line.count <= 80 : !line.hasPrefix(" "), String(line))
        }
        XCTAssertTrue(text.contains("\nAB  - BACKGROUND: MDMA-assisted psychotherapy (MDMA-AP) is a combined\n      psychotherapeutic"), text)
        XCTAssertTrue(text.contains("\nCN  - MAPS Study Group\n"), text)
        XCTAssertTrue(text.contains("\nMH  - Stress Disorders, Post-Traumatic/*drug therapy\n"), text)
        let parsed = try MEDLINEParser.parse(text, file: "export.nbib")
        XCTAssertEqual(parsed.failures.count, 0)
        let back = try XCTUnwrap(parsed.records.first?.record)
        let original = work.record
        XCTAssertEqual(back.ids.pmid, original.ids.pmid)
        XCTAssertEqual(back.ids.doi, original.ids.doi)
        XCTAssertEqual(back.ids.pmcid, original.ids.pmcid)
        XCTAssertEqual(back.title, original.title)
        XCTAssertEqual(back.journal.title, original.journal.title)
        XCTAssertEqual(back.journal.isoAbbreviation, original.journal.isoAbbreviation)
        XCTAssertEqual(back.journal.issn, original.journal.issn)
        XCTAssertEqual([back.volume, back.issue, back.pages], [original.volume, original.issue, original.pages])
        XCTAssertEqual(back.published?.year, 2024)
        XCTAssertEqual(back.electronicPublished, PartialDate(year: 2024, month: 1, day: 3))
        XCTAssertEqual(back.authors.map(\.family), original.authors.map(\.family))
        XCTAssertEqual(back.authors.map(\.given), original.authors.map(\.given))
        XCTAssertEqual(back.authors.map(\.initials), original.authors.map(\.initials))
        XCTAssertEqual(back.authors.map(\.collective), original.authors.map(\.collective))
        XCTAssertEqual(back.authors.map(\.orcid), original.authors.map(\.orcid))
        XCTAssertEqual(back.authors.map(\.affiliations), original.authors.map(\.affiliations))
        XCTAssertEqual(back.languages, original.languages)
        XCTAssertEqual(back.publicationTypes, original.publicationTypes)
        XCTAssertEqual(back.mesh.map(\.descriptor), original.mesh.map(\.descriptor))
        XCTAssertEqual(back.mesh.map { $0.qualifiers.map(\.name) }, original.mesh.map { $0.qualifiers.map(\.name) })
        XCTAssertEqual(back.mesh.map { $0.qualifiers.map(\.major) }, original.mesh.map { $0.qualifiers.map(\.major) })
        XCTAssertEqual(back.keywords.map(\.term), original.keywords.map(\.term))
        XCTAssertEqual(back.registrations, original.registrations)
        XCTAssertEqual(back.conflictOfInterest, original.conflictOfInterest)
        XCTAssertEqual(back.substances.map(\.name), original.substances.map(\.name))
        XCTAssertEqual(back.abstracts.map(\.language), original.abstracts.map(\.language))
        XCTAssertEqual(back.abstracts.map { $0.sections.map(\.text) }, original.abstracts.map { $0.sections.map(\.text) })
    }

    func testMEDLINECarriesNoticesAsPubMedPrintsThem() throws {
        let text = MEDLINEWriter.record(for: Fixtures.retracted)
        XCTAssertTrue(text.contains("\nRIN - Psychopharmacology (Berl). 2024 Nov;241(11):2407. doi: 10.1007/s00213-024-06665-y. PMID: 39412345\n"), text)
        XCTAssertTrue(text.contains("\nPT  - Retracted Publication\n"), text)
        let back = try XCTUnwrap(MEDLINEParser.parse(text, file: "retracted.nbib").records.first?.record)
        let notice = try XCTUnwrap(back.links.first { $0.kind == .retractionIn })
        XCTAssertEqual(notice.target.ids.pmid, PMID(39412345))
        XCTAssertEqual(notice.target.ids.doi, DOI("10.1007/s00213-024-06665-y"))
        XCTAssertEqual(back.pages, "2485-2497")
        XCTAssertEqual(back.published, PartialDate(year: 2020, month: 8))
    }

    func testEndNoteXMLIsWellFormedWithTheFieldsEndNoteImports() throws {
        var nasty = Fixtures.retracted
        nasty.record.title = "Risks & benefits of <i>MDMA</i>: \"a\" review"
        let xml = EndNoteXMLWriter.header + EndNoteXMLWriter.record(for: Fixtures.seed) + EndNoteXMLWriter.record(for: nasty) + EndNoteXMLWriter.footer
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        XCTAssertTrue(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "") in \(xml)")
        XCTAssertEqual(collector.texts["ref-type"], ["17", "17"])
        XCTAssertEqual(collector.texts["author"]?.prefix(3), ["Zeifman, Richard J", "Wagner, Anne C", "MAPS Study Group"])
        XCTAssertEqual(collector.texts["title"]?.last, "Risks & benefits of <i>MDMA</i>: \"a\" review")
        XCTAssertEqual(collector.texts["electronic-resource-num"], ["10.1080/20008066.2023.2297536", "10.1007/s00213-020-05548-2"])
        XCTAssertEqual(collector.texts["accession-num"], ["38174611", "32500209"])
        XCTAssertEqual(collector.texts["pages"]?.last, "2485-2497")
        XCTAssertTrue(collector.texts["notes"]?.last?.hasPrefix("RETRACTED. Retraction in:") == true)
    }

    /// Better BibTeX's rules, read in its `content/key-manager/formatter.ts`: the last name as
    /// given (hyphens kept, spaces and apostrophes dropped), title words without dashes and
    /// punctuation, skip words and single letters left out, first letters capitalised.
    func testBetterBibTeXKeys() {
        func key(_ family: String?, _ title: String, _ year: Int?) -> String {
            BibTeXKey.betterBibTeXBase(for: Fixtures.bare {
                $0.authors = family.map { [Author(family: $0)] } ?? []
                $0.title = title
                $0.published = year.map { PartialDate(year: $0) }
            }.record)
        }
        XCTAssertEqual(BibTeXKey.betterBibTeXBase(for: Fixtures.seed.record), "zeifmanPreliminaryEvidenceImportance2024")
        XCTAssertEqual(key("Zhang", "Temperature effects on productivity and factor reallocation: Evidence from a half million Chinese manufacturing plants", 2018),
                       "zhangTemperatureEffectsProductivity2018")
        XCTAssertEqual(key("Agin-Liebes", "Prospective examination of the therapeutic role", 2022), "agin-liebesProspectiveExaminationTherapeutic2022")
        XCTAssertEqual(key("van Gogh", "Long-term follow-up: a cohort", 2020), "vangoghLongtermFollowupCohort2020")
        XCTAssertEqual(key("O'Brien", "3,4-methylenedioxymethamphetamine (MDMA) in \"rats\"", 2001), "obrien34methylenedioxymethamphetamineMDMARats2001")
        XCTAssertEqual(key("Müller", "Über die Wirkung von Koffein", nil), "mullerUberWirkungKoffein")
        XCTAssertEqual(key(nil, "The état of the art", 2001), "EtatArt2001")
        XCTAssertEqual(key(nil, "", nil), "anon")
        let group = Fixtures.bare { $0.authors = [Author(collective: "MAPS Study Group")]; $0.title = "A trial"; $0.published = PartialDate(year: 2019) }
        XCTAssertEqual(BibTeXKey.betterBibTeXBase(for: group.record), "mapsstudygroupTrial2019")

        var keys = CitationKeys()
        XCTAssertEqual([Fixtures.seed, Fixtures.seed, Fixtures.seed].map { keys.key(for: $0, format: .betterBibTeX) },
                       ["zeifmanPreliminaryEvidenceImportance2024", "zeifmanPreliminaryEvidenceImportance2024a", "zeifmanPreliminaryEvidenceImportance2024b"])
        var short = CitationKeys()
        XCTAssertEqual(short.key(for: Fixtures.seed, format: .short), "zeifman2024preliminary")
    }
}

/// Each element's text, by element name, in document order.
private final class ElementCollector: NSObject, XMLParserDelegate {
    var texts: [String: [String]] = [:]
    private var current = ""

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        if !current.isEmpty { texts[elementName, default: []].append(current) }
        current = ""
    }
}
