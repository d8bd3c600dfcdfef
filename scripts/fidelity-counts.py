#!/usr/bin/env python3
"""Counts, independently of litkb's parser (ElementTree over the XML), what FIDELITY.md reports
of PubMed XML files: references, those with a pubmed id, those whose pubmed and pmc ids are the
same number, pmc ids that are not PMC numbers, references naming the record itself, ORCID
identifiers and those that are not valid iDs (ISO 7064 11,2 check character).

    python3 scripts/fidelity-counts.py ../shared/corpus/pubmed-xml/pubmed21n1298.xml.gz ...
"""
import gzip
import re
import sys
import xml.etree.ElementTree as ElementTree

ORCID_SHAPE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


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
                  self_citations=0, orcids=0, invalid_orcids=0)
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
                element.clear()
    return counts


if __name__ == "__main__":
    for path in sys.argv[1:]:
        print(path.split("/")[-1], count(path))
