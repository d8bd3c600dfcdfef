import LitKBModel
@testable import LitKBStore
import XCTest

final class IdentityAndMergeTests: XCTestCase {
    func testRecordCreatesOneWorkPerListedWorkAndLinksThem() throws {
        let kb = try KnowledgeBase()
        let outcome = try kb.ingest([Fixture.seedLike])
        XCTAssertEqual(outcome.added, 1)
        // 2 similar + 1 cited-by + 2 references + 1 retraction notice.
        XCTAssertEqual(outcome.stubsCreated, 6)
        XCTAssertEqual(try kb.count("work"), 7)
        let detail = try XCTUnwrap(kb.detail(for: pmid(38174611)))
        XCTAssertFalse(detail.isStub)
        XCTAssertEqual(detail.similar.map { $0.pmid?.value }, [40331914, 32500209])
        XCTAssertEqual(detail.similar.map(\.rank), [1, 2])
        XCTAssertEqual(detail.citedBy.map { $0.pmid?.value }, [39925875])
        XCTAssertEqual(detail.references.map { $0.doi?.value }, ["10.1177/02698811221080165", nil])
        XCTAssertEqual(detail.references.last?.title, "Diagnostic and statistical manual of mental disorders")
        XCTAssertEqual(detail.similar[1].retracted, true)
        XCTAssertEqual(detail.similar[0].retracted, false)
    }

    func testIngestingTheSameRecordTwiceChangesNothing() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        let before = try kb.dump()
        let outcome = try kb.ingest([Fixture.seedLike])
        XCTAssertEqual(outcome.added, 0)
        XCTAssertEqual(outcome.updated, 1)
        XCTAssertEqual(outcome.stubsCreated, 0)
        XCTAssertEqual(try kb.dump(), before)
    }

    func testStubIsFilledWhenItsOwnRecordArrivesAndKeepsIncomingLinks() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        XCTAssertEqual(try kb.detail(for: pmid(40331914))?.isStub, true)
        let own = Fixture.record(pmid: 40331914, title: "Self-compassion mediates treatment effects in MDMA-assisted therapy for posttraumatic stress disorder",
                                 year: 2025, authors: [Author(family: "Doe", given: "Jane")])
        let outcome = try kb.ingest([own], file: "b.txt")
        XCTAssertEqual(outcome.added, 1)
        XCTAssertEqual(try kb.count("work"), 7)
        let detail = try XCTUnwrap(kb.detail(for: pmid(40331914)))
        XCTAssertFalse(detail.isStub)
        XCTAssertEqual(detail.record.title, "Self-compassion mediates treatment effects in MDMA-assisted therapy for posttraumatic stress disorder")
        XCTAssertEqual(detail.record.authors.map(\.family), ["Doe"])
        // The DOI the list gave stays: the record had none.
        XCTAssertEqual(detail.record.ids.doi?.value, "10.1080/20008066.2025.2485513")
        XCTAssertEqual(try kb.list(.similar, of: pmid(38174611)).entries.first?.isStub, false)
    }

    func testAStubNeverOverwritesTheFieldsOfAFullRecord() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(pmid: 40331914, title: "The record's own title", year: 2025)], file: "own.txt")
        try kb.ingest([Fixture.seedLike])
        let detail = try XCTUnwrap(kb.detail(for: pmid(40331914)))
        XCTAssertEqual(detail.record.title, "The record's own title")
        XCTAssertFalse(detail.isStub)
    }

    func testDOIOnlyStubBecomesOneWorkWithThePMIDRecordHoldingThatDOI() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        let stubs = try kb.count("work")
        let cited = Fixture.record(pmid: 35234567, doi: "https://doi.org/10.1177/02698811221080165.", title: "Prospective examination of the therapeutic role of psychological flexibility", year: 2022)
        let outcome = try kb.ingest([cited], file: "cited.txt")
        XCTAssertEqual(try kb.count("work"), stubs, "the DOI stub became the record, no new work")
        XCTAssertEqual(outcome.added, 1)
        let references = try kb.list(.references, of: pmid(38174611)).entries
        XCTAssertEqual(references.first?.pmid?.value, 35234567)
        XCTAssertEqual(references.first?.doi?.value, "10.1177/02698811221080165")
        XCTAssertEqual(try kb.list(.citedBy, of: pmid(35234567)).entries.map { $0.pmid?.value }, [38174611])
    }

    func testTwoWorksShownToBeOneAreMergedAndTheirLinksRepointed() throws {
        let kb = try KnowledgeBase()
        // One list knows the work by PMID, another by DOI only: two stubs.
        try kb.ingest([Fixture.record(pmid: 1, title: "Lister one", links: [Link(kind: .cites, target: Fixture.mention(pmid: 500))])], file: "one.txt")
        try kb.ingest([Fixture.record(pmid: 2, title: "Lister two", links: [Link(kind: .cites, target: Fixture.mention(doi: "10.5555/merge.me"))])], file: "two.txt")
        XCTAssertEqual(try kb.count("work"), 4)
        let outcome = try kb.ingest([Fixture.record(.pubmedXML, pmid: 500, doi: "10.5555/MERGE.ME", title: "The work itself", year: 2020)], file: "own.xml")
        XCTAssertEqual(outcome.failed, 0, "\(outcome.notes)")
        XCTAssertEqual(outcome.merged, 1)
        XCTAssertEqual(try kb.count("work"), 3)
        XCTAssertEqual(try kb.list(.citedBy, of: .doi(DOI("10.5555/merge.me")!)).entries.compactMap { $0.pmid?.value }.sorted(), [1, 2])
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    func testDOIHeldByAnotherPMIDIsNotMergedAndIsKeptAside() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 10, doi: "10.1000/shared", title: "Original article", year: 2020)], file: "a.xml")
        let outcome = try kb.ingest([Fixture.record(.pubmedXML, pmid: 11, doi: "10.1000/shared", title: "Erratum sharing the DOI", year: 2020)], file: "b.xml")
        XCTAssertEqual(outcome.merged, 0)
        XCTAssertEqual(try kb.count("work"), 2)
        XCTAssertEqual(try kb.detail(for: pmid(10))?.record.ids.doi?.value, "10.1000/shared")
        let second = try XCTUnwrap(kb.detail(for: pmid(11)))
        XCTAssertNil(second.record.ids.doi)
        XCTAssertEqual(second.record.ids.others, [ArticleID(type: "doi", value: "10.1000/shared")])
        XCTAssertTrue(outcome.notes.contains { $0.message.contains("already belongs to PMID 10") })
    }

    func testNewerVersionReplacesItsOutgoingLinksAndKeepsTheLinksPointingToIt() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(pmid: 7, title: "Citing work", links: [Link(kind: .cites, target: Fixture.mention(pmid: 100))])], file: "citer.txt")
        let first = Fixture.record(pmid: 100, title: "Version one", links: [
            Link(kind: .similar, target: Fixture.mention(pmid: 201), rank: 1),
            Link(kind: .similar, target: Fixture.mention(pmid: 202), rank: 2),
        ])
        try kb.ingest([first], file: "v1.txt")
        let second = Fixture.record(pmid: 100, title: "Version two", links: [Link(kind: .similar, target: Fixture.mention(pmid: 202), rank: 1)])
        try kb.ingest([second], file: "v2.txt")
        let detail = try XCTUnwrap(kb.detail(for: pmid(100)))
        XCTAssertEqual(detail.record.title, "Version two")
        XCTAssertEqual(detail.similar.map { $0.pmid?.value }, [202])
        XCTAssertEqual(detail.citedBy.map { $0.pmid?.value }, [7])
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    /// What a page asserts about other works (its cited-by list: `39925875 cites 38174611`; the
    /// notice on a similar entry: `32500209 retraction-in ...`) lives in link_asserter, its own
    /// links under the primary key: a new version of the page, a merge and a deletion reach both.
    func testWhatARecordAssertedAboutOtherWorksGoesWithItsNewVersionAndMovesWithAMerge() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike], file: "seed.txt")
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 5, title: "Other", links: [Link(kind: .cites, target: Fixture.mention(pmid: 32500209))])],
                      file: "other.xml")
        let page = "(SELECT id FROM work WHERE pmid = 38174611)"
        XCTAssertEqual(try kb.count("link", where: "asserted_by = \(page) AND from_work <> \(page)"), 2)
        XCTAssertEqual(try kb.count("link", where: "asserted_by = \(page) AND from_work = \(page)"), 4)

        // A DOI-only record of the page's work in another format, then the page naming that DOI:
        // merged, and what the DOI-only record asserted about others moves to the merged work
        // (a record replaces only what it said in its own format).
        try kb.ingest([Fixture.record(.jats, pmid: nil, doi: "10.5555/page.two", title: "Page two",
                                      links: [Link(kind: .citedBy, target: Fixture.mention(pmid: 61))])], file: "page-two.txt")
        var seed = Fixture.seedLike
        seed.ids.doi = DOI("10.5555/page.two")
        seed.links = []
        try kb.ingest([seed], file: "seed-v2.txt")
        XCTAssertEqual(try kb.count("work", where: "pmid = 38174611 OR doi = '10.5555/page.two'"), 1, "one work")
        XCTAssertEqual(try kb.detail(for: pmid(38174611))?.citedBy.map { $0.pmid?.value }, [61],
                       "the page's new version lists nothing; the merged record's cited-by entry is kept")
        XCTAssertEqual(try kb.count("link", where: "asserted_by = \(page)"), 1)
        XCTAssertEqual(try kb.count("link", where: "from_work = (SELECT id FROM work WHERE pmid = 5)"), 1, "other records' links stay")

        try kb.deleteRecords([PMID(38174611)!], from: kb.registerSource(SourceFileInput(path: "d.xml", sha256: String(repeating: "d", count: 64),
                                                                                        format: .pubmedXML, size: 1)),
                             location: SourceLocation(file: "d.xml", record: 1))
        XCTAssertEqual(try kb.count("link", where: "asserted_by = \(page)"), 0)
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    /// A notice on a list entry can name, by its PMID, the work that holds the entry's DOI:
    /// resolving the notice folds the entry into that work, and the notice link starts there
    /// (found by review: it used to start from the folded, deleted work).
    func testANoticeThatMergesItsEntryStartsFromTheMergedWork() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 7000, title: "X")], file: "x.xml")
        let notice = Link(kind: .retractionIn, target: Fixture.mention(pmid: 7000, doi: "10.1/t"))
        try kb.ingest([Fixture.record(pmid: 1, title: "W", links: [
            Link(kind: .similar, target: Fixture.mention(doi: "10.1/t", title: "Entry", notices: [notice]), rank: 1)])], file: "w.txt")
        XCTAssertEqual(try kb.count("link", where: "from_work NOT IN (SELECT id FROM work) OR to_work NOT IN (SELECT id FROM work)"), 0)
        XCTAssertEqual(try kb.inconsistencies(), [])
        XCTAssertEqual(try kb.detail(for: pmid(1))?.similar.map { $0.pmid?.value }, [7000], "the entry is the work holding its DOI")
        XCTAssertEqual(try kb.count("link", where: "kind = 'retraction-in'"), 0, "the entry and its notice are one work: no self-link")
    }

    func testOlderPMIDVersionDoesNotReplaceNewer() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 33, title: "Second version", version: 2),
                       Fixture.record(.pubmedXML, pmid: 33, title: "First version", version: 1)], file: "versions.xml")
        XCTAssertEqual(try kb.detail(for: pmid(33))?.record.title, "Second version")
        XCTAssertEqual(try kb.detail(for: pmid(33))?.record.ids.pmidVersion, 2)
    }

    func testBetterSourceGivesFieldsWhileThePagesListsSurvive() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.seedLike])
        let xml = Fixture.record(.pubmedXML, pmid: 38174611, title: "Preliminary evidence (XML title)", year: 2024,
                                 links: [Link(kind: .cites, target: Fixture.mention(pmid: 29728331))],
                                 authors: [Author(family: "Zeifman", given: "Richard J", initials: "RJ")])
        try kb.ingest([xml], file: "seed.xml")
        let detail = try XCTUnwrap(kb.detail(for: pmid(38174611)))
        XCTAssertEqual(detail.record.title, "Preliminary evidence (XML title)")
        XCTAssertEqual(detail.record.format, .pubmedXML)
        XCTAssertEqual(detail.record.authors.map(\.family), ["Zeifman"])
        XCTAssertEqual(detail.record.ids.pmcid?.value, "PMC10769553")
        XCTAssertEqual(detail.similar.count, 2)
        XCTAssertEqual(detail.citedBy.count, 1)
        // The XML's reference joins the page's two; nothing is duplicated.
        XCTAssertEqual(detail.references.count, 3)

        // A page ingested after the XML fills nothing the XML gave.
        try kb.ingest([Fixture.seedLike], file: "again.txt")
        XCTAssertEqual(try kb.detail(for: pmid(38174611))?.record.title, "Preliminary evidence (XML title)")
    }

    func testDeletedRecordBecomesAStubAndKeepsIncomingLinks() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 5, title: "Cites 6", links: [Link(kind: .cites, target: Fixture.mention(pmid: 6))]),
                       Fixture.record(.pubmedXML, pmid: 6, title: "To be deleted", links: [Link(kind: .cites, target: Fixture.mention(pmid: 9))])],
                      file: "set.xml")
        let source = try kb.registerSource(SourceFileInput(path: "delete.xml", sha256: "d", format: .pubmedXML, size: 1))
        let outcome = try kb.deleteRecords([PMID(6)!], from: source, location: SourceLocation(file: "delete.xml"))
        XCTAssertEqual(outcome.deleted, 1)
        let deleted = try XCTUnwrap(kb.detail(for: pmid(6)))
        XCTAssertTrue(deleted.isStub)
        XCTAssertNil(deleted.record.title)
        XCTAssertEqual(deleted.citedBy.map { $0.pmid?.value }, [5])
        XCTAssertEqual(deleted.references.count, 0)
        XCTAssertEqual(try kb.inconsistencies(), [])
    }

    func testARecordTheStoreRejectsIsRolledBackAloneAndTheBatchLands() throws {
        let kb = try KnowledgeBase()
        try kb.queue.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER reject BEFORE INSERT ON main.work WHEN NEW.title = 'boom' BEGIN SELECT RAISE(ABORT, 'rejected'); END")
        }
        let outcome = try kb.ingest([
            Fixture.record(pmid: 1, title: "First", links: [Link(kind: .cites, target: Fixture.mention(pmid: 9))]),
            Fixture.record(pmid: 2, title: "boom", links: [Link(kind: .cites, target: Fixture.mention(pmid: 8))]),
            Fixture.record(pmid: 3, title: "Third"),
        ])
        XCTAssertEqual(outcome.failed, 1)
        XCTAssertEqual(outcome.added, 2)
        XCTAssertEqual(outcome.stubsCreated, 1)
        XCTAssertEqual(outcome.notes.map(\.location.record), [2])
        XCTAssertTrue(outcome.notes[0].message.contains("rejected"), outcome.notes[0].message)
        XCTAssertEqual(try kb.stats().records, 2)
        XCTAssertNil(try kb.detail(for: pmid(2)))
        XCTAssertNil(try kb.detail(for: pmid(8)), "nothing the rejected record said is kept")
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [], "nor its full-text row")
    }

    /// A multi-row insert that fails part way (`INSERT OR FAIL` keeps the rows before the
    /// failing one) still leaves nothing of its record: the record is rolled back alone.
    func testARecordWhoseListFailsPartWayLeavesNoRowOfIt() throws {
        let kb = try KnowledgeBase()
        // Work id 2 will be the second record's: its second author's place is already taken.
        try kb.queue.write { db in try db.execute(sql: "INSERT INTO author (work_id, position, family) VALUES (2, 1, 'Squatter')") }
        let authors = [Author(family: "First"), Author(family: "Second"), Author(family: "Third")]
        let outcome = try kb.ingest([
            Fixture.record(.pubmedXML, pmid: 1, title: "One", authors: [Author(family: "Solo")]),
            Fixture.record(.pubmedXML, pmid: 2, title: "Two", authors: authors),
            Fixture.record(.pubmedXML, pmid: 3, title: "Three"),
        ], file: "authors.xml")
        XCTAssertEqual(outcome.failed, 1)
        XCTAssertEqual(outcome.notes.map(\.location.record), [2])
        XCTAssertNil(try kb.detail(for: pmid(2)))
        XCTAssertEqual(try kb.count("author", where: "family IN ('First', 'Second', 'Third')"), 0)
        XCTAssertEqual(try kb.count("author"), 2)
        XCTAssertEqual(try kb.stats().records, 2)
    }

    /// Records handed over in parts are written as they come, a transaction every
    /// `recordsPerTransaction` records: a record the store rejects rolls back only itself, in
    /// whichever part of the transaction it came, and every transaction's records are handed
    /// back once stored.
    func testRecordsStreamedInPartsLandInTransactionsAndARejectedOneFailsAlone() throws {
        let kb = try KnowledgeBase()
        try kb.queue.write { db in
            try db.execute(sql: "CREATE TEMP TRIGGER reject BEFORE INSERT ON main.work WHEN NEW.title = 'boom' BEGIN SELECT RAISE(ABORT, 'rejected'); END")
        }
        let source = try kb.registerSource(SourceFileInput(path: "parts.xml", sha256: String(repeating: "e", count: 64), format: .pubmedXML, size: 1))
        var records: [IncomingRecord] = []
        for number in 1...7 {
            let record = Fixture.record(.pubmedXML, pmid: number, title: number == 5 ? "boom" : "Record \(number)",
                                        links: [Link(kind: .cites, target: Fixture.mention(pmid: 100 + number))])
            records.append(IncomingRecord(record: record, location: SourceLocation(file: "parts.xml", record: number)))
        }
        // Parts of 2, 2, 2 and 1 records; transactions of 3 take parts whole: (1 2 3 4), then
        // (5 6), which record 5 ends (written again record by record), then (7).
        var parts = [0..<2, 2..<4, 4..<6, 6..<7].map { IngestPart(records: Array(records[$0]), progress: SourceProgress(storedThrough: $0.upperBound, records: $0.upperBound)) }
        var committed: [[Int]] = []
        var progressAtCommit: [SourceState] = []
        let outcome = try kb.write(from: source, recordsPerTransaction: 3, next: { parts.isEmpty ? nil : parts.removeFirst() },
                                   committed: {
                                       committed.append($0.map { $0.location.record ?? 0 })
                                       progressAtCommit.append(try! kb.sourceState(sha256: String(repeating: "e", count: 64), format: .pubmedXML))
                                   })
        XCTAssertEqual(committed, [[1, 2, 3, 4], [5, 6], [7]])
        // Each transaction commits how far it reached, the one rewritten record by record too;
        // the file stays incomplete until finished.
        XCTAssertEqual(progressAtCommit, [4, 6, 7].map { SourceState.interrupted(SourceProgress(storedThrough: $0, records: $0)) })
        try kb.finishSource(source, records: 7)
        guard case .complete = try kb.sourceState(sha256: String(repeating: "e", count: 64), format: .pubmedXML) else {
            return XCTFail("a finished file is complete")
        }
        XCTAssertEqual(outcome.added, 6)
        XCTAssertEqual(outcome.failed, 1)
        XCTAssertEqual(outcome.stubsCreated, 6)
        XCTAssertEqual(outcome.notes.map(\.location.record), [5])
        XCTAssertNil(try kb.detail(for: pmid(5)))
        XCTAssertNil(try kb.detail(for: pmid(105)), "nothing the rejected record said is kept")
        XCTAssertEqual(try kb.detail(for: pmid(6))?.record.title, "Record 6", "the record after it, in the same transaction, lands")
        XCTAssertEqual(try kb.stats().records, 6)
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
    }

    /// Each format replaces only its own abstracts: PubMed XML read again (a daily update, or
    /// --force) keeps the JATS article's French abstract and summary, which XML does not have.
    func testAFormatReplacesOnlyItsOwnAbstracts() throws {
        let kb = try KnowledgeBase()
        let english = Abstract(language: "eng", sections: [AbstractSection(text: "From JATS.")])
        let french = Abstract(language: "fre", kind: .publisher, sections: [AbstractSection(text: "Résumé.")])
        let summary = Abstract(language: "eng", kind: .plainLanguageSummary, sections: [AbstractSection(text: "In short.")])
        try kb.ingest([Fixture.record(.jats, pmid: 1, title: "T", abstracts: [english, french, summary])], file: "a.nxml")
        let xml = Fixture.record(.pubmedXML, pmid: 1, title: "T", abstracts: [Abstract(language: "eng", sections: [AbstractSection(text: "From XML.")])])
        try kb.ingest([xml], file: "a.xml")
        try kb.ingest([xml], file: "b.xml")
        var abstracts = try XCTUnwrap(kb.detail(for: pmid(1))).record.abstracts
        XCTAssertEqual(abstracts.map { "\($0.kind) \($0.language ?? "") \($0.sections[0].text)" },
                       ["main eng From XML.", "publisher fre Résumé.", "plain-language-summary eng In short."])
        // A new version of the JATS article without its summary drops it; XML's main abstract stays.
        try kb.ingest([Fixture.record(.jats, pmid: 1, title: "T", abstracts: [english, french])], file: "b.nxml")
        abstracts = try XCTUnwrap(kb.detail(for: pmid(1))).record.abstracts
        XCTAssertEqual(abstracts.map { "\($0.kind) \($0.language ?? "") \($0.sections[0].text)" },
                       ["main eng From XML.", "publisher fre Résumé."])
        XCTAssertEqual(try kb.fullTextIndexMismatches(), [])
    }

    /// A title and year find a work cited the same way only when it holds no other id of a kind
    /// the mention gives: PubMed holds thousands of works titled "Author Correction" in a year.
    func testSameTitleAndYearNeverJoinWorksWithOtherIds() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 100, title: "Citing", links: [
            Link(kind: .cites, target: Fixture.mention(pmid: 1, title: "Author Correction", year: 2021)),
            Link(kind: .cites, target: Fixture.mention(pmid: 2, title: "Author Correction", year: 2021)),
        ])])
        // A second record names PMID 3, titled the same: a work of its own.
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 101, title: "Citing again", links: [
            Link(kind: .cites, target: Fixture.mention(pmid: 3, title: "Author Correction", year: 2021)),
        ])], file: "second.xml")
        XCTAssertEqual(try kb.list(.references, of: pmid(101)).entries.map { $0.pmid?.value }, [3])
        let references = try kb.list(.references, of: pmid(100)).entries
        XCTAssertEqual(references.map { $0.pmid?.value }, [1, 2])
        XCTAssertEqual(try kb.stats().works, 5)
    }

    /// A reference list whose ids disagree (PMID 2 with the PMCID of PMID 3) gives its stub an id
    /// that PMID 3's own record later claims: the record takes it, whichever came first.
    func testARecordTakesItsOwnIdFromAStubThatAReferenceGaveIt() throws {
        let citing = Fixture.record(.pubmedXML, pmid: 1, title: "Citing", links: [
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(2), pmcid: PMCID("PMC100")), title: "Another paper")),
        ])
        let own = Fixture.record(.pubmedXML, pmid: 3, pmcid: "PMC100", title: "The paper PMC100 is")
        for order in [[citing, own], [own, citing]] {
            let kb = try KnowledgeBase()
            var notes: [String] = []
            for (index, record) in order.enumerated() {
                notes += try kb.ingest([record], file: "file\(index).xml").notes.map(\.message)
            }
            XCTAssertEqual(try kb.detail(for: .pmcid(PMCID("PMC100")!))?.record.ids.pmid?.value, 3)
            let stub = try XCTUnwrap(kb.detail(for: pmid(2)))
            XCTAssertNil(stub.record.ids.pmcid)
            XCTAssertTrue(stub.isStub)
            XCTAssertEqual(try kb.list(.references, of: pmid(1)).entries.map { $0.pmid?.value }, [2])
            if order[0] == citing {
                XCTAssertTrue(notes.contains("PMC100 was held by PMID 2, known only from other records' lists; its own record PMID 3 takes it"), "\(notes)")
            }
        }
    }

    /// Reference lists write PMIDs and PMC numbers in each other's slots: a list never gives a
    /// work with its own record a PMC id, and no stub keeps a PMC id that is `PMC` + its PMID.
    func testListsGiveNoPMCIDToARecordAndNonePMCPlusItsOwnPMID() throws {
        let kb = try KnowledgeBase()
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 10, doi: "10.1000/ten", title: "A record without a PMC id")], file: "a.xml")
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 1, title: "Citing", links: [
            // The record's PMID with someone else's PMC id.
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(10), pmcid: PMCID("PMC777")))),
            // A DOI with its PMID written as a PMC id, then the same DOI with the PMID.
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmcid: PMCID("PMC31912902"), doi: DOI("10.3322/caac.21590")))),
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(31912902), doi: DOI("10.3322/caac.21590")))),
            // The other order, for another work.
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(31912903), pmcid: PMCID("PMC31912903")))),
        ])], file: "b.xml")
        XCTAssertNil(try kb.detail(for: pmid(10))?.record.ids.pmcid)
        let stub = try XCTUnwrap(kb.detail(for: pmid(31912902)))
        XCTAssertEqual(stub.record.ids.doi?.value, "10.3322/caac.21590")
        XCTAssertNil(stub.record.ids.pmcid)
        XCTAssertNil(try kb.detail(for: pmid(31912903))?.record.ids.pmcid)
        // A stub that gets its own PubMed record without a PMC id loses the one a list gave it.
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 2, title: "Citing too", links: [
            Link(kind: .cites, target: WorkMention(ids: Identifiers(pmid: PMID(20), pmcid: PMCID("PMC888")))),
        ])], file: "c.xml")
        XCTAssertEqual(try kb.detail(for: pmid(20))?.record.ids.pmcid?.value, "PMC888")
        try kb.ingest([Fixture.record(.pubmedXML, pmid: 20, title: "Its own record")], file: "d.xml")
        XCTAssertNil(try kb.detail(for: pmid(20))?.record.ids.pmcid)
        XCTAssertFalse(try XCTUnwrap(kb.detail(for: pmid(20))).isStub)
    }
}
