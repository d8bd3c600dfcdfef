#!/usr/bin/env python3
"""Checks, independently of litkb's parser (ElementTree over the XML, sqlite3 over the knowledge
base), that every record of PubMed XML files has in the knowledge base the ids its own XML gives
(PMID, DOI, PMC id, in the record's own ArticleIdList; a DOI two records give can be held by one of them only, and is
noted), and that no stub holds a PMC id equal to
`PMC` + its PMID unless a record says so. FIDELITY.md; CI runs it on the real files.

    python3 scripts/id-fidelity.py KB.sqlite FILE.xml.gz...

Exit status 1 when a record's ids differ or such a stub exists.
"""
import gzip
import sqlite3
import sys
import xml.etree.ElementTree as ElementTree


def records(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as stream:
        for _, element in ElementTree.iterparse(stream, events=("end",)):
            if element.tag == "DeleteCitation":
                yield "deleted", [pmid.text.strip() for pmid in element.findall("PMID")]
                element.clear()
            elif element.tag == "PubmedArticle":
                pmid = element.findtext("MedlineCitation/PMID").strip()
                version = int(element.find("MedlineCitation/PMID").get("Version", "1"))
                ids = {}
                for article_id in element.findall("PubmedData/ArticleIdList/ArticleId"):
                    kind, text = article_id.get("IdType"), (article_id.text or "").strip()
                    if kind in ("doi", "pmc") and text and kind not in ids:
                        ids[kind] = text
                yield "record", (pmid, version, ids)
                element.clear()


def main():
    database, files = sys.argv[1], sys.argv[2:]
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    expected, deleted = {}, set()
    for path in files:
        for kind, value in records(path):
            if kind == "deleted":
                deleted.update(value)
                continue
            pmid, version, ids = value
            # The latest version of a PMID is the one a knowledge base keeps.
            if pmid not in expected or version >= expected[pmid][0]:
                expected[pmid] = (version, ids)
    problems, shared = [], []
    checked = 0
    doi_owners = {}
    for pmid, (_, ids) in expected.items():
        if pmid not in deleted and ids.get("doi"):
            doi_owners[ids["doi"].lower()] = doi_owners.get(ids["doi"].lower(), 0) + 1
    for pmid, (version, ids) in sorted(expected.items(), key=lambda item: int(item[0])):
        if pmid in deleted:
            continue
        row = db.execute("SELECT doi, pmcid, source_rank FROM work WHERE pmid = ?", (int(pmid),)).fetchone()
        checked += 1
        if row is None:
            problems.append(f"PMID {pmid}: not in the knowledge base")
            continue
        doi, pmcid, rank = row
        if rank <= 10:
            problems.append(f"PMID {pmid}: a stub, not its record")
        want_doi = ids.get("doi", "").lower() or None
        want_pmc = (ids.get("pmc") or "").split(".")[0].upper() or None  # PMC6134338.4: version 4
        if want_pmc and not want_pmc.startswith("PMC"):
            want_pmc = "PMC" + want_pmc
        if want_doi and doi != want_doi and doi_owners[want_doi] > 1:
            shared.append(f"PMID {pmid}: doi {want_doi} is given by {doi_owners[want_doi]} records; another holds it")
        elif want_doi and doi != want_doi:
            problems.append(f"PMID {pmid}: doi {doi!r}, its XML says {want_doi!r}")
        if want_pmc and pmcid != want_pmc:
            problems.append(f"PMID {pmid}: pmcid {pmcid!r}, its XML says {want_pmc!r}")
        if pmcid and not want_pmc:
            problems.append(f"PMID {pmid}: pmcid {pmcid!r}, its XML gives none")
    record_pmcs = {(ids.get("pmc") or "").split(".")[0].upper() for _, ids in expected.values()}
    for pmid, pmcid in db.execute("SELECT pmid, pmcid FROM work WHERE source_rank <= 10 AND pmcid = 'PMC' || pmid"):
        if pmcid not in record_pmcs:
            problems.append(f"stub PMID {pmid} holds {pmcid}, PMC + its own PMID, which no record gives")
    for problem in problems[:50]:
        print(problem)
    for note in shared:
        print("note:", note)
    print(f"{checked} records checked: {len(problems)} with ids other than their XML's" if problems
          else f"{checked} records checked: every one has its own XML's PMID, DOI and PMC id; no stub holds PMC + its PMID")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
