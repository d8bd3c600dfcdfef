import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LitKBIngest
import LitKBModel
import LitKBStore
import XCTest

/// PubMed's fielded search against an independent reading of the same XML: Foundation's
/// XMLParser, not litkb's reader, gives each record's authors, MeSH, types, languages, journal
/// and year, and every search's PMIDs must be exactly the records that reading says.
/// `medline16n0902.xml.gz` (604 MEDLINE citations) in debug; the conformance suite below runs
/// the same checks over the 30,000 records of `pubmed20n0014.xml.gz` in release.
final class PubMedSyntaxTests: XCTestCase {
    private static let fixture: (kb: KnowledgeBase, records: [IndependentRecord])? = {
        let path = Corpus.shared.appendingPathComponent("medline16n0902.xml.gz").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? FieldedSearchCheck.load(path)
    }()

    private func check() throws -> FieldedSearchCheck {
        guard let fixture = Self.fixture else { throw XCTSkip("../shared/corpus/pubmed-xml/medline16n0902.xml.gz is absent: skipped") }
        XCTAssertEqual(fixture.records.count, 604)
        return FieldedSearchCheck(kb: fixture.kb, records: fixture.records)
    }

    func testAuthorsFirstAndLastAuthorsAndCorporateAuthors() throws { try check().authors() }
    func testMeSHMajorTopicsQualifiersAndSubstances() throws { try check().subjects() }
    func testPublicationTypesLanguagesJournalsAndDates() throws { try check().catalogue() }
    func testBooleanLogicIsLeftToRightSetAlgebra() throws { try check().booleans() }
    func testRankingIsFTS5sBM25ToTheBit() throws { try check().ranking() }

    /// The Entrez date ("date added"): PubMed XML's History and MEDLINE's EDAT, searched with
    /// [edat] and sorted by with --sort date-added.
    func testEntrezDatesFromXMLAndMEDLINE() throws {
        let kb = try KnowledgeBase()
        let xml = Corpus.shared.appendingPathComponent("pubmed-29768149.xml").path
        guard FileManager.default.fileExists(atPath: xml) else { throw XCTSkip("../shared/corpus/pubmed-xml/pubmed-29768149.xml is absent: skipped") }
        let medline = Corpus.packageRoot.appendingPathComponent("Tests/LitKBIngestTests/Fixtures/cross-format/38174611.nbib").path
        for path in [xml, medline] { XCTAssertEqual(Ingester(store: kb).ingestFile(path).errors, []) }
        // <PubMedPubDate PubStatus="entrez"> 2018 5 17; EDAT- 2024/01/04 06:42.
        XCTAssertEqual(try kb.detail(for: .pmid(PMID(29768149)!))?.record.entrezDate?.iso, "2018-05-17")
        XCTAssertEqual(try kb.detail(for: .pmid(PMID(38174611)!))?.record.entrezDate?.iso, "2024-01-04")
        func pmids(_ query: String, _ order: SearchOrder = .relevance) throws -> [Int] {
            try kb.search(SearchQuery(parsing: query), order: order).compactMap { $0.work.pmid?.value }
        }
        XCTAssertEqual(try pmids("2018/05/17[edat]"), [29768149])
        XCTAssertEqual(try pmids("2018/05/18:2024/01/04[edat]"), [38174611])
        XCTAssertEqual(try pmids("2024/01/05:3000[edat]"), [])
        XCTAssertEqual(try pmids("2018:2024[edat]", .dateAdded), [38174611, 29768149])
        XCTAssertEqual(try pmids("asthma OR mdma", .dateAdded), [38174611, 29768149])
    }
}

/// The same checks over the 30,000 records of the 2020 baseline file, in release.
final class PubMedSyntaxConformanceTests: XCTestCase {
    private static let fixture: (kb: KnowledgeBase, records: [IndependentRecord])? = {
        let path = Corpus.shared.appendingPathComponent("pubmed20n0014.xml.gz").path
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? FieldedSearchCheck.load(path)
    }()

    override func setUpWithError() throws {
        #if DEBUG
        throw XCTSkip("full-file ingest runs in release: swift test -c release -Xswiftc -enable-testing --filter Conformance")
        #endif
    }

    private func check() throws -> FieldedSearchCheck {
        guard let fixture = Self.fixture else { throw XCTSkip("../shared/corpus/pubmed-xml/pubmed20n0014.xml.gz is absent: skipped") }
        XCTAssertEqual(fixture.records.count, 30_000)
        return FieldedSearchCheck(kb: fixture.kb, records: fixture.records)
    }

    func testAuthorsOverTheBaselineFile() throws { try check().authors() }
    func testSubjectsOverTheBaselineFile() throws { try check().subjects() }
    func testCatalogueFieldsOverTheBaselineFile() throws { try check().catalogue() }
    func testBooleansOverTheBaselineFile() throws { try check().booleans() }
    func testRankingOverTheBaselineFile() throws { try check().ranking() }

    /// Entrez dates ([edat], --sort date-added) against the History the XML gives.
    func testEntrezDatesOverTheBaselineFile() throws {
        let check = try check()
        let dated = check.records.compactMap(\.entrez)
        XCTAssertEqual(dated.count, 30_000)
        let months = Dictionary(grouping: dated, by: { $0 / 100 }).sorted { $0.value.count > $1.value.count }.prefix(5).map(\.key)
        for month in months {
            try check.expect(String(format: "%04d/%02d[edat]", month / 100, month % 100)) { ($0.entrez ?? 0) / 100 == month }
        }
        let (low, high) = (dated.min()!, dated.max()!)
        try check.expect(String(format: "%04d/%02d/%02d:%04d/%02d/%02d[edat]", low / 10000, low / 100 % 100, low % 100, high / 10000, high / 100 % 100, high % 100)) { $0.entrez != nil }
        let entrez = Dictionary(uniqueKeysWithValues: check.records.map { ($0.pmid, $0.entrez ?? 0) })
        let sorted = try check.kb.search(SearchQuery(parsing: "humans[mh]"), limit: 1_000_000, order: .dateAdded).compactMap { $0.work.pmid?.value }
        XCTAssertGreaterThan(sorted.count, 1_000)
        let dates = sorted.map { entrez[$0] ?? 0 }
        XCTAssertEqual(dates, dates.sorted(by: >), "newest Entrez date first")
    }
}

/// One record as XMLParser reads it.
struct IndependentRecord {
    var pmid = 0
    var authors: [(last: String?, initials: String?, fore: String?, collective: String?)] = []
    var affiliations: [String] = []
    var mesh: [(descriptor: String, major: Bool, qualifiers: [(name: String, major: Bool)])] = []
    var types: [String] = []
    var languages: [String] = []
    var journalTitle: String?
    var isoAbbreviation: String?
    var year: Int?
    var substances: [String] = []
    var accessions: [String] = []
    /// `PubMedPubDate PubStatus="entrez"`, yyyymmdd.
    var entrez: Int?
}

struct FieldedSearchCheck {
    let kb: KnowledgeBase
    let records: [IndependentRecord]

    static func load(_ path: String) throws -> (KnowledgeBase, [IndependentRecord]) {
        let kb = try KnowledgeBase()
        let report = Ingester(store: kb).ingestFile(path)
        XCTAssertEqual(report.errors, [])
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        let reader = IndependentReader()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        // Foundation's parser on Linux reports an error past the end of a large document it has
        // read whole (pubmed20n0014: after its last line); what counts is that the root closed.
        _ = parser.parse()
        XCTAssertTrue(reader.rootClosed, "\(parser.parserError as Any) at line \(parser.lineNumber)")
        return (kb, reader.records)
    }

    /// Case, diacritics and punctuation ignored, written here apart from litkb's own folding.
    static func fold(_ text: String) -> String {
        let plain = text.applyingTransform(.stripDiacritics, reverse: false)?.lowercased() ?? text.lowercased()
        return plain.split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    func pmids(_ query: String, file: StaticString = #filePath, line: UInt = #line) throws -> Set<Int> {
        let compiled = try SearchQuery(parsing: query)
        let hits = try kb.search(compiled, limit: 1_000_000)
        XCTAssertEqual(try kb.searchCount(compiled), hits.count, query, file: file, line: line)
        return Set(hits.compactMap { $0.work.pmid?.value })
    }

    func expect(_ query: String, _ predicate: (IndependentRecord) -> Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let expected = Set(records.filter(predicate).map(\.pmid))
        let found = try pmids(query, file: file, line: line)
        XCTAssertEqual(found, expected, "\(query): \(found.count) found, \(expected.count) expected; extra \(found.subtracting(expected).sorted().prefix(5)), missing \(expected.subtracting(found).sorted().prefix(5))",
                       file: file, line: line)
    }

    /// The most frequent values, each with its count, most frequent first (ties by value).
    func mostFrequent(_ values: (IndependentRecord) -> [String], _ limit: Int) -> [String] {
        var counts: [String: Int] = [:]
        for record in records { for value in Set(values(record)) { counts[value, default: 0] += 1 } }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map(\.key)
    }

    func authors() throws {
        let families = mostFrequent({ $0.authors.compactMap(\.last).map(Self.fold) }, 25)
        XCTAssertGreaterThan(families.count, 10)
        for family in families {
            try expect("\(family)[au]") { $0.authors.contains { $0.last.map(Self.fold) == family } }
        }
        // Family name and initials, PubMed's author format: `smith j` finds Smith J and Smith JA.
        for record in records.prefix(40) {
            guard let first = record.authors.first, let last = first.last, let initial = first.initials?.first else { continue }
            let family = Self.fold(last)
            let initials = Self.fold(String(initial))
            try expect("\(family) \(initials)[au]") { other in
                other.authors.contains { $0.last.map(Self.fold) == family && Self.fold($0.initials ?? $0.fore ?? "").hasPrefix(initials) }
            }
            try expect("\(family)[1au]") { $0.authors.first?.last.map(Self.fold) == family }
            if let lastAuthor = record.authors.last?.last {
                try expect("\(Self.fold(lastAuthor))[lastau]") { $0.authors.last?.last.map(Self.fold) == Self.fold(lastAuthor) }
            }
        }
        // A truncated family name.
        if let family = families.first(where: { $0.count >= 5 }) {
            let stem = String(family.prefix(4))
            try expect("\(stem)*[au]") { $0.authors.contains { $0.last.map(Self.fold)?.hasPrefix(stem) == true } }
        }
        for collective in mostFrequent({ $0.authors.compactMap(\.collective).map(Self.fold) }, 3) {
            try expect("\"\(collective)\"[cn]") { $0.authors.contains { $0.collective.map { " \(Self.fold($0)) ".contains(" \(collective) ") } == true } }
        }
        // A word of the affiliations, as a whole word.
        for word in ["boston", "university of california", "germany"] {
            try expect("\(word)[ad]") { $0.affiliations.contains { " \(Self.fold($0)) ".contains(" \(word) ") } }
        }
    }

    func subjects() throws {
        let descriptors = mostFrequent({ $0.mesh.map { Self.fold($0.descriptor) } }, 30)
        XCTAssertGreaterThan(descriptors.count, 20)
        for descriptor in descriptors {
            try expect("\"\(descriptor)\"[mh]") { $0.mesh.contains { Self.fold($0.descriptor) == descriptor } }
            try expect("\"\(descriptor)\"[majr]") {
                $0.mesh.contains { Self.fold($0.descriptor) == descriptor && ($0.major || $0.qualifiers.contains(where: \.major)) }
            }
        }
        let qualifiers = mostFrequent({ $0.mesh.flatMap { $0.qualifiers.map { Self.fold($0.name) } } }, 8)
        for qualifier in qualifiers {
            try expect("\(qualifier)[sh]") { $0.mesh.contains { $0.qualifiers.contains { Self.fold($0.name) == qualifier } } }
        }
        let pairs = mostFrequent({ $0.mesh.flatMap { heading in heading.qualifiers.map { Self.fold(heading.descriptor) + "/" + Self.fold($0.name) } } }, 5)
        for pair in pairs {
            let parts = pair.split(separator: "/").map(String.init)
            try expect("\"\(pair)\"[mh]") { $0.mesh.contains { Self.fold($0.descriptor) == parts[0] && $0.qualifiers.contains { Self.fold($0.name) == parts[1] } } }
        }
        for substance in mostFrequent({ $0.substances.map(Self.fold) }, 5) {
            try expect("\"\(substance)\"[nm]") { $0.substances.map(Self.fold).contains(substance) }
        }
        for accession in mostFrequent({ $0.accessions }, 3) {
            try expect("\(accession)[si]") { $0.accessions.contains(accession) }
        }
    }

    func catalogue() throws {
        for type in mostFrequent({ $0.types }, 100) {
            try expect("\"\(type)\"[pt]") { $0.types.contains(type) }
        }
        for language in mostFrequent({ $0.languages }, 100) {
            try expect("\(language)[la]") { $0.languages.contains(language) }
        }
        try expect("english[la]") { $0.languages.contains("eng") }
        for journal in mostFrequent({ $0.isoAbbreviation.map { [Self.fold($0)] } ?? [] }, 10) {
            try expect("\"\(journal)\"[ta]") { [$0.isoAbbreviation, $0.journalTitle].compactMap { $0 }.map(Self.fold).contains(journal) }
        }
        let years = records.compactMap(\.year)
        let (low, high) = (years.min() ?? 0, years.max() ?? 0)
        XCTAssertLessThan(low, high)
        try expect("\(low):\(high)[dp]") { $0.year != nil }
        try expect("\(high)[dp]") { $0.year == high }
        let middle = (low + high) / 2
        try expect("\(low):\(middle)[dp]") { ($0.year ?? 0) >= low && ($0.year ?? 0) <= middle }
        let sample = records.prefix(3).map(\.pmid)
        try expect(sample.map { "\($0)[pmid]" }.joined(separator: " OR ")) { sample.contains($0.pmid) }
    }

    /// Search ranks by litkb_bm25, which reads lengths from fts_length: every match's score
    /// must be FTS5's own bm25, bit for bit, for words common and rare, phrases, prefixes,
    /// OR, NOT and columns.
    func ranking() throws {
        XCTAssertEqual(try kb.fullTextLengthMismatches(), [])
        let descriptors = mostFrequent({ $0.mesh.map { Self.fold($0.descriptor) } }, 12)
        let words = Set(descriptors.flatMap { $0.split(separator: " ").map(String.init) }).sorted()
        XCTAssertGreaterThan(words.count, 8)
        let patterns = words + ["patients", "\"risk factors\"", "immun*", "cardio*", "cancer OR tumor", "patients NOT children",
                                "mesh:humans", "title:cancer", "{keywords mesh}:obesity", "NEAR(quality life, 3)"]
        for pattern in patterns {
            XCTAssertEqual(try kb.rankingMismatches(for: pattern), [], pattern)
        }
    }

    func booleans() throws {
        let descriptors = mostFrequent({ $0.mesh.map { Self.fold($0.descriptor) } }, 3)
        let (a, b, c) = (descriptors[0], descriptors[1], descriptors[2])
        func has(_ descriptor: String) -> (IndependentRecord) -> Bool { { $0.mesh.contains { Self.fold($0.descriptor) == descriptor } } }
        let article = "Journal Article"
        // Left to right, as PubMed: `a OR b AND c` is (a OR b) AND c, not a OR (b AND c).
        try expect("\"\(a)\"[mh] OR \"\(b)\"[mh] AND \"\(c)\"[mh]") { (has(a)($0) || has(b)($0)) && has(c)($0) }
        try expect("\"\(a)\"[mh] OR (\"\(b)\"[mh] AND \"\(c)\"[mh])") { has(a)($0) || (has(b)($0) && has(c)($0)) }
        try expect("\"\(a)\"[mh] NOT \"\(b)\"[mh] OR \"\(c)\"[mh]") { (has(a)($0) && !has(b)($0)) || has(c)($0) }
        try expect("(\"\(a)\"[mh] OR \"\(b)\"[mh]) \"\(article)\"[pt] NOT eng[la]") {
            (has(a)($0) || has(b)($0)) && $0.types.contains(article) && !$0.languages.contains("eng")
        }
        // A work without a date is outside a range, so inside its NOT.
        let years = records.compactMap(\.year).sorted()
        let (first, median) = (years[0], years[years.count / 2])
        try expect("\"\(a)\"[mh] NOT \(first):\(median)[dp]") { has(a)($0) && !(first...median).contains($0.year ?? 0) }
        // Full-text terms mix with fielded ones: the text's matches are FTS5's, searched alone.
        let text = try pmids("patients")
        XCTAssertGreaterThan(text.count, 0)
        try expect("patients AND \"\(a)\"[mh]") { text.contains($0.pmid) && has(a)($0) }
        try expect("\"\(a)\"[mh] NOT patients") { has(a)($0) && !text.contains($0.pmid) }
        try expect("patients OR \"\(b)\"[mh]") { text.contains($0.pmid) || has(b)($0) }
    }
}

/// A plain SAX reading of PubMed XML, MedlineCitationSet and PubmedArticleSet alike.
final class IndependentReader: NSObject, XMLParserDelegate {
    var records: [IndependentRecord] = []
    private(set) var rootClosed = false
    private var current: IndependentRecord?
    private var path: [String] = []
    private var text = ""
    private var major = false
    private var author: (last: String?, initials: String?, fore: String?, collective: String?)?
    private var heading: (descriptor: String, major: Bool, qualifiers: [(name: String, major: Bool)])?
    private var inReferences = false
    private var entrezDate: (year: Int, month: Int, day: Int)?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        path.append(name)
        text = ""
        major = attributes["MajorTopicYN"] == "Y"
        switch name {
        case "MedlineCitation": current = IndependentRecord()
        case "Author" where path.dropLast().last == "AuthorList": author = (nil, nil, nil, nil)
        case "MeshHeading": heading = ("", false, [])
        case "ReferenceList", "CommentsCorrectionsList": inReferences = true
        case "PubMedPubDate" where attributes["PubStatus"] == "entrez": entrezDate = (0, 0, 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast() }
        if path.count == 1 { rootClosed = true }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let parent = path.dropLast().last
        if entrezDate != nil, let number = Int(value) {
            switch name {
            case "Year": entrezDate!.year = number
            case "Month": entrezDate!.month = number
            case "Day": entrezDate!.day = number
            default: break
            }
        }
        if name == "PubMedPubDate", let date = entrezDate {
            records[records.count - 1].entrez = date.year * 10000 + date.month * 100 + date.day
            entrezDate = nil
        }
        guard var record = current else { return }
        switch name {
        case "PMID" where parent == "MedlineCitation": record.pmid = Int(value) ?? 0
        case "LastName" where author != nil: author?.last = value
        case "Initials" where author != nil: author?.initials = value
        case "ForeName" where author != nil: author?.fore = value
        case "CollectiveName" where author != nil: author?.collective = value
        case "Affiliation" where author != nil: record.affiliations.append(value)
        case "Author" where author != nil:
            record.authors.append(author!)
            author = nil
        case "DescriptorName": heading?.descriptor = value; heading?.major = major
        case "QualifierName": heading?.qualifiers.append((value, major))
        case "MeshHeading":
            if let heading { record.mesh.append(heading) }
            heading = nil
        case "PublicationType": record.types.append(value)
        case "Language" where parent == "Article": record.languages.append(value)
        case "Title" where parent == "Journal": record.journalTitle = value
        case "ISOAbbreviation": record.isoAbbreviation = value
        case "Year" where parent == "PubDate": record.year = Int(value)
        case "MedlineDate" where record.year == nil:
            record.year = value.split(whereSeparator: { !$0.isNumber }).first { $0.count == 4 }.flatMap { Int($0) }
        case "NameOfSubstance": record.substances.append(value)
        case "AccessionNumber": record.accessions.append(value)
        case "MedlineCitation":
            records.append(record)
            current = nil
            return
        default: break
        }
        current = record
    }
}
