import XCTest
import LitKBModel
import LitKBParsers

final class ReferenceCitationParserTests: XCTestCase {
    func testAPAJournalArticleWithBareDOI() {
        let mention = ReferenceCitationParser.parse("Agin-Liebes, G., Zeifman, R. J., Luoma, J. B., Garland, E. L., Campbell, W. K., & Weiss, B. (2022). Prospective examination of the therapeutic role of psychological flexibility and cognitive reappraisal in the ceremonial use of ayahuasca. Journal of Psychopharmacology, 36(3), 295–308. 10.1177/02698811221080165")
        XCTAssertEqual(mention.authors.map(\.family), ["Agin-Liebes", "Zeifman", "Luoma", "Garland", "Campbell", "Weiss"])
        XCTAssertEqual(mention.authors.map(\.initials), ["G", "RJ", "JB", "EL", "WK", "B"])
        XCTAssertEqual(mention.published, PartialDate(year: 2022))
        XCTAssertEqual(mention.journal, "Journal of Psychopharmacology")
        XCTAssertEqual(mention.volume, "36")
        XCTAssertEqual(mention.issue, "3")
        XCTAssertEqual(mention.pages, "295–308")
        XCTAssertEqual(mention.ids.doi, DOI("10.1177/02698811221080165"))
        XCTAssertNil(mention.url)
    }

    func testVancouverWithoutPeriodAfterJournal() {
        let mention = ReferenceCitationParser.parse("Carhart-Harris RL, Bolstridge M, Rucker J, et al. Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study. Lancet Psychiatry 2016;3:619-627.")
        XCTAssertEqual(mention.authors.map(\.family), ["Carhart-Harris", "Bolstridge", "Rucker"])
        XCTAssertEqual(mention.title, "Psilocybin with psychological support for treatment-resistant depression: an open-label feasibility study")
        XCTAssertEqual(mention.journal, "Lancet Psychiatry")
        XCTAssertEqual(mention.published?.year, 2016)
        XCTAssertEqual(mention.volume, "3")
        XCTAssertEqual(mention.pages, "619-627")
    }

    func testDOIPrefixFormsAndTrailingPeriod() {
        XCTAssertEqual(ReferenceCitationParser.parse("Smith, J. (2020). A title. Journal, 1(2), 3–4. https://doi.org/10.1000/ABC.123.").ids.doi?.value, "10.1000/abc.123")
        XCTAssertEqual(ReferenceCitationParser.parse("Smith, J. (2020). A title. Journal, 1(2), 3–4. doi:10.1000/abc(5)6").ids.doi?.value, "10.1000/abc(5)6")
        XCTAssertEqual(ReferenceCitationParser.parse("Smith, J. (2020). A title. Journal, 1(2), 3–4. doi: 10.1000/xyz").ids.doi?.value, "10.1000/xyz")
    }

    func testGroupAuthorBookHasNoJournal() {
        let mention = ReferenceCitationParser.parse("American Psychiatric Association . (2013). Diagnostic and statistical manual of mental disorders (5th ed.). American Psychiatric Association.")
        XCTAssertEqual(mention.authors, [Author(collective: "American Psychiatric Association")])
        XCTAssertEqual(mention.title, "Diagnostic and statistical manual of mental disorders (5th ed.)")
        XCTAssertNil(mention.journal)
        XCTAssertEqual(mention.published?.year, 2013)
    }

    func testURLIsKeptAndNotMistakenForADOI() {
        let mention = ReferenceCitationParser.parse("American Psychological Association . (2017). Clinical practice guideline for the treatment of posttraumatic stress disorder (PTSD) in adults. http://www.apa.org/about/offices/directorates/guidelines/ptsd.pdf")
        XCTAssertEqual(mention.url, "http://www.apa.org/about/offices/directorates/guidelines/ptsd.pdf")
        XCTAssertNil(mention.ids.doi)
        XCTAssertEqual(mention.title, "Clinical practice guideline for the treatment of posttraumatic stress disorder (PTSD) in adults")
    }

    func testQuestionMarkTitleAndDatedYear() {
        let mention = ReferenceCitationParser.parse("Doe, A. B. (2019, March 5). Does therapy work? Psychology Today, 12, 40–41.")
        XCTAssertEqual(mention.title, "Does therapy work?")
        XCTAssertEqual(mention.published, PartialDate(year: 2019, month: 3, day: 5, text: "2019 March 5"))
        XCTAssertEqual(mention.journal, "Psychology Today")
        XCTAssertEqual(mention.volume, "12")
        XCTAssertNil(mention.issue)
        XCTAssertEqual(mention.pages, "40–41")
    }

    func testVancouverCitation() {
        let mention = ReferenceCitationParser.parse("Delmonico FL, Dew MA. Living donor kidney transplantation in a global environment. Kidney Int. 2007;71(7):608–614.")
        XCTAssertEqual(mention.authors, [Author(family: "Delmonico", initials: "FL"), Author(family: "Dew", initials: "MA")])
        XCTAssertEqual(mention.title, "Living donor kidney transplantation in a global environment")
        XCTAssertEqual(mention.journal, "Kidney Int")
        XCTAssertEqual(mention.published, PartialDate(year: 2007))
        XCTAssertEqual(mention.volume, "71")
        XCTAssertEqual(mention.issue, "7")
        XCTAssertEqual(mention.pages, "608–614")
    }

    func testUnparseableTextKeepsItsCitation() {
        let mention = ReferenceCitationParser.parse("Personal communication with the author")
        XCTAssertEqual(mention.citation, "Personal communication with the author")
        XCTAssertNil(mention.title)
        XCTAssertEqual(mention.authors, [])
    }

    /// PubMed XML references and notices give ids and text: the text describes their stub.
    func testDescribeReadsJournalDateAndOnlyAPlainTitle() {
        let notice = ReferenceCitationParser.describe("J Biol Chem. 1951 Nov;193(1):265-75")
        XCTAssertEqual(notice.journal, "J Biol Chem")
        XCTAssertEqual(notice.published, PartialDate(year: 1951, month: 11))
        XCTAssertEqual([notice.volume, notice.issue, notice.pages], ["193", "1", "265-75"])
        XCTAssertNil(notice.title)

        // Real text from pubmed21n1298 whose authors the reader cannot split from the title.
        let runOn = ReferenceCitationParser.describe("Carra G, Elli F, Ianosi B, et al. Association of dose of intracranial hypertension with outcome in subarachnoid hemorrhage. Neurocrit Care 2021. https://doi.org/10.1007/s12028-021-01221-4 .")
        XCTAssertNil(runOn.title)

        let plain = ReferenceCitationParser.describe("O'Byrne PM, FitzGerald JM, Bateman ED, et al. Inhaled combined budesonide-formoterol as needed in mild asthma. N Engl J Med. 2018;378(20):1865-1876. doi: 10.1056/NEJMoa1715274.")
        XCTAssertEqual(plain.title, "Inhaled combined budesonide-formoterol as needed in mild asthma")
        XCTAssertEqual(plain.journal, "N Engl J Med")
        XCTAssertEqual(plain.published?.year, 2018)
        XCTAssertTrue(plain.ids.isEmpty, "ids come from the list's ids, never from its text")
    }
}
