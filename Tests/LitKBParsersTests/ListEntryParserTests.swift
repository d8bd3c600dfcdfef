import XCTest
import LitKBModel
@testable import LitKBParsers

/// Single "Similar articles" / "Cited by" entries, including forms the seed does not show.
final class ListEntryParserTests: XCTestCase {
    func testJournalWithInnerPeriodsIsFoundByItsRepeat() {
        let entry = ListEntryParser.parse("Heart failure in Spain.Rev. Esp. Cardiol. 2019 Jan;72(1):10-15. doi: 10.1016/j.rec.2018.01.001. Rev. Esp. Cardiol. 2019. PMID: 41000170")
        XCTAssertEqual(entry.mention.title, "Heart failure in Spain.")
        XCTAssertEqual(entry.mention.journal, "Rev. Esp. Cardiol")
        XCTAssertEqual(entry.mention.volume, "72")
        XCTAssertEqual(entry.problems, [])
    }

    func testSeveralNoticesAreSeparateLinks() {
        let entry = ListEntryParser.parse("A trial.Lancet. 2001 Feb;357(9255):100-105. Lancet. 2001. Erratum in: Lancet. 2001 Jun;357(9272):1976. Comment in: BMJ. 2001 Mar 3;322(7285):500. doi: 10.1136/bmj.322.7285.500. PMID: 41000171 Randomized Controlled Trial.")
        XCTAssertEqual(entry.mention.notices.map(\.kind), [.erratumIn, .commentIn])
        XCTAssertEqual(entry.mention.notices[0].target.pages, "1976")
        XCTAssertEqual(entry.mention.notices[1].target.journal, "BMJ")
        XCTAssertEqual(entry.mention.notices[1].target.ids.doi, DOI("10.1136/bmj.322.7285.500"))
        XCTAssertNil(entry.mention.ids.doi, "the notice's DOI is not the entry's")
        XCTAssertEqual(entry.mention.ids.pmid, PMID(41000171))
        XCTAssertEqual(entry.mention.publicationTypes, ["Randomized Controlled Trial"])
    }

    func testFlagsWithoutSpacesAfterPMIDAndPeriods() {
        let entry = ListEntryParser.parse("Renal transplantation in 2016.Indian J Urol. 2016 Jul-Sep;32(3):175-7. doi: 10.4103/0970-1591.185099. Indian J Urol. 2016. PMID: 27555673Free PMC article.No abstract available.")
        XCTAssertEqual(entry.mention.ids.pmid, PMID(27555673))
        XCTAssertEqual(entry.mention.flags, ["Free PMC article", "No abstract available"])
        XCTAssertEqual(entry.mention.published, PartialDate(year: 2016, month: 7, text: "2016 Jul-Sep"))
    }

    func testUnknownCapitalisedWordsAfterPMIDArePublicationTypes() {
        let entry = ListEntryParser.parse("X.J Foo. 2020;1:2. J Foo. 2020. PMID: 41000172 Free article. Retracted. Twin Study. No abstract available.")
        XCTAssertEqual(entry.mention.flags, ["Free article", WorkMention.retractedFlag, "No abstract available"])
        XCTAssertEqual(entry.mention.publicationTypes, ["Twin Study"])
    }

    func testEntryWithoutRepeatedJournalFallsBackToTheDateAndSaysSo() {
        let entry = ListEntryParser.parse("Kidney donation and risk of ESRD.JAMA. 2014 Jul 2;312(1):92-3. doi: 10.1001/jama.2014.5515. PMID: 25058223 No abstract available.")
        XCTAssertEqual(entry.mention.title, "Kidney donation and risk of ESRD.")
        XCTAssertEqual(entry.mention.journal, "JAMA")
        XCTAssertEqual(entry.mention.pages, "92-3")
        XCTAssertEqual(entry.mention.ids.doi, DOI("10.1001/jama.2014.5515"))
        XCTAssertEqual(entry.problems, ["journal not repeated before the PMID; split at the first date"])
    }

    func testOnlineAheadOfPrintIsAFlag() {
        let entry = ListEntryParser.parse("New drug.Nat Med. 2025 Mar 3. doi: 10.1038/s41591-025-00001-1. Online ahead of print. Nat Med. 2025. PMID: 41000173")
        XCTAssertEqual(entry.mention.published, PartialDate(year: 2025, month: 3, day: 3))
        XCTAssertEqual(entry.mention.flags, ["Online ahead of print"])
        XCTAssertEqual(entry.problems, [])
    }

    func testReferenceLinkLabelsAreStrippedInAnyCombination() {
        XCTAssertEqual(CitationListParser.withoutLinkLabels("Text. 10.1/x - DOI - PMC - PubMed"), "Text. 10.1/x")
        XCTAssertEqual(CitationListParser.withoutLinkLabels("Text - PubMed"), "Text")
        XCTAssertEqual(CitationListParser.withoutLinkLabels("Text - PMC"), "Text")
        XCTAssertEqual(CitationListParser.withoutLinkLabels("Pre - Post design."), "Pre - Post design.")
    }
}
