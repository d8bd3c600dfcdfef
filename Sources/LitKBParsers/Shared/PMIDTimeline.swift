/// How far PMIDs had got by the end of a year. NLM assigns PMIDs in sequence as it adds
/// citations (about 0.5M a year in the 1990s, 1M in the 2010s, 1.5M now), so a reference list
/// written by some year cannot name a PMID assigned later: a higher number in a reference's
/// `pubmed` slot is some other number (a typo, a publisher's internal id). An old work can have
/// a high PMID (OLDMEDLINE citations were added decades after publication), so the bound is
/// taken from when the citing record was last dated, never from when the cited work appeared.
///
/// The figures are approximate (PubMed's yearly counts, checked against the real files: a
/// record revised in June 2021 has PMID 34,097,368), so a number counts as implausible only a
/// margin of 2,000,000 (over a year of PMIDs) beyond them. Over the 142,208 reference PMIDs of
/// pubmed20n0014 and pubmed21n1298 none is; the nearest is 2.9M below its bound.
enum PMIDTimeline {
    /// The highest PMID assigned by the end of each year, about.
    private static let ends: [(year: Int, pmid: Int)] = [
        (1990, 2_100_000), (1995, 8_600_000), (2000, 11_100_000), (2005, 16_400_000), (2010, 21_200_000),
        (2015, 26_700_000), (2018, 30_600_000), (2019, 31_900_000), (2020, 33_400_000), (2021, 34_960_000),
        (2022, 36_600_000), (2023, 38_200_000), (2024, 39_800_000), (2025, 41_400_000),
    ]
    /// Added each year after the last in the table.
    private static let perYear = 1_700_000
    static let margin = 2_000_000

    /// About the highest PMID assigned by the end of `year`; between the years of the table, in
    /// proportion.
    static func highestAssigned(by year: Int) -> Int {
        guard let first = ends.first, let last = ends.last else { return 0 }
        if year <= first.year { return first.pmid }
        if year >= last.year { return last.pmid + (year - last.year) * perYear }
        let upper = ends.firstIndex { $0.year >= year }!
        let (a, b) = (ends[upper - 1], ends[upper])
        return a.pmid + (b.pmid - a.pmid) * (year - a.year) / (b.year - a.year)
    }

    /// The highest PMID a reference list written by the end of `year` can plausibly name.
    static func highestPlausible(by year: Int) -> Int { highestAssigned(by: year) + margin }
}
