#!/usr/bin/env python3
"""Counts, independently of litkb's parser (ElementTree over the XML), what FIDELITY.md reports
of PubMed XML files: references, those with a pubmed id, those whose pubmed and pmc ids are the
same number, pmc ids that are not PMC numbers, pubmed ids above any PMID assigned by the end of
the year of the citing record's latest date (DateCompleted, DateRevised, History; the bounds of
PMIDTimeline.swift, copied), references naming the record itself, ORCID identifiers and those
that are not valid iDs (ISO 7064 11,2 check character).

    python3 scripts/fidelity-counts.py ../shared/corpus/pubmed-xml/pubmed21n1298.xml.gz ...
"""
import gzip
import re
import sys
import xml.etree.ElementTree as ElementTree

ORCID_SHAPE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


# The highest PMID assigned by the end of each year, about (PMIDTimeline.swift), and the margin.
PMID_ENDS = [(1990, 2_100_000), (1995, 8_600_000), (2000, 11_100_000), (2005, 16_400_000), (2010, 21_200_000),
             (2015, 26_700_000), (2018, 30_600_000), (2019, 31_900_000), (2020, 33_400_000), (2021, 34_960_000),
             (2022, 36_600_000), (2023, 38_200_000), (2024, 39_800_000), (2025, 41_400_000)]


def highest_plausible_pmid(year):
    if year <= PMID_ENDS[0][0]:
        assigned = PMID_ENDS[0][1]
    elif year >= PMID_ENDS[-1][0]:
        assigned = PMID_ENDS[-1][1] + (year - PMID_ENDS[-1][0]) * 1_700_000
    else:
        (a_year, a_pmid), (b_year, b_pmid) = next((a, b) for a, b in zip(PMID_ENDS, PMID_ENDS[1:]) if b[0] >= year)
        assigned = a_pmid + (b_pmid - a_pmid) * (year - a_year) // (b_year - a_year)
    return assigned + 2_000_000


def valid_orcid(value):
    if not ORCID_SHAPE.match(value):
        return False
    digits = value.replace("-", "")
    total = 0
    for character in digits[:15]:
        total = (total + int(character)) * 2
    result = (12 - total % 11) % 11
    return digits[15] == ("X" if result == 10 else str(result))


def bare_orcid(text):
    value = (text or "").strip()
    for prefix in ("https://orcid.org/", "http://orcid.org/", "orcid.org/"):
        if value.lower().startswith(prefix):
            value = value[len(prefix):]
    if len(value) == 16 and "-" not in value:
        value = "-".join(value[i:i + 4] for i in range(0, 16, 4))
    return value


def count(path):
    counts = dict(records=0, references=0, with_pubmed=0, pubmed_equals_pmc=0, malformed_pmc=0,
                  implausible_pmid=0, self_citations=0, orcids=0, invalid_orcids=0)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path) as handle:
        for _, element in ElementTree.iterparse(handle, events=("end",)):
            if element.tag == "MedlineCitation":
                counts["records"] += 1
                for author in element.iterfind("Article/AuthorList/Author"):
                    for identifier in author.iterfind("Identifier"):
                        if identifier.get("Source") == "ORCID" and bare_orcid(identifier.text):
                            counts["orcids"] += 1
                            counts["invalid_orcids"] += not valid_orcid(bare_orcid(identifier.text))
                            break
            elif element.tag == "PubmedArticle":
                pmid = element.findtext("MedlineCitation/PMID")
                years = [int(year.text) for year in element.iterfind("MedlineCitation/DateCompleted/Year")]
                years += [int(year.text) for year in element.iterfind("MedlineCitation/DateRevised/Year")]
                years += [int(year.text) for year in element.iterfind("PubmedData/History/PubMedPubDate/Year")]
                bound = highest_plausible_pmid(max(years)) if years else None
                for reference in element.iterfind("PubmedData/ReferenceList//Reference"):
                    counts["references"] += 1
                    ids = {}
                    for article_id in reference.iterfind("ArticleIdList/ArticleId"):
                        ids.setdefault(article_id.get("IdType"), (article_id.text or "").strip())
                    pubmed, pmc = ids.get("pubmed"), ids.get("pmc") or ids.get("pmcid")
                    counts["with_pubmed"] += bool(pubmed)
                    counts["pubmed_equals_pmc"] += bool(pubmed and pmc and re.sub("^PMC", "", pmc) == pubmed)
                    counts["malformed_pmc"] += bool(pmc and not re.match(r"^(PMC)?\d+(\.\d+)?$", pmc))
                    counts["self_citations"] += bool(pubmed and pubmed == pmid)
                    same = bool(pubmed and pmc and re.sub("^PMC", "", pmc) == pubmed)
                    counts["implausible_pmid"] += bool(pubmed and not same and bound and pubmed.isdigit() and int(pubmed) > bound)
                element.clear()
    return counts


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(path.split("/")[-1], count(path))
