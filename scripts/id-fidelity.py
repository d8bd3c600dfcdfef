#!/usr/bin/env python3
"""Checks, independently of litkb's parser (ElementTree over the XML, sqlite3 over the knowledge
base), that every record of PubMed XML files has in the knowledge base the ids its own XML gives
(PMID, DOI, PMC id, in the record's own ArticleIdList; a DOI two records give can be held by one of them only, and is
noted), that no stub holds a PMC id equal to `PMC` + its PMID unless a record says so, and
that every reference is a link to the work its ids name: the work of its PMID when litkb
trusts it (not the same number as its pmc id, not the citing record's own), else the work
holding its DOI. FIDELITY.md; CI runs it on the real files.

    python3 scripts/id-fidelity.py KB.sqlite FILE.xml.gz...

Exit status 1 when a record's ids differ, such a stub exists, or a reference is not a link to its work.
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
                references = []
                for reference in element.findall("PubmedData/ReferenceList/Reference"):
                    given = {}
                    for article_id in reference.findall("ArticleIdList/ArticleId"):
                        kind, text = article_id.get("IdType"), (article_id.text or "").strip()
                        if text and kind not in given:
                            given[kind] = text
                    references.append(given)
                yield "record", (pmid, version, ids, references)
                element.clear()


def normalized_doi(text):
    """A reference's DOI as a DOI (`10.` digits `/` suffix), the sentence's punctuation after
    it dropped; None for text that is not one: a space in it, or no slash
    (`10.1007%252Fs00586-011-2029-6`, its slash escaped twice)."""
    doi = text.strip().lower().rstrip(".,;]")
    registrant, slash, suffix = doi.partition("/")
    if any(character.isspace() for character in doi) or not slash or not suffix or not registrant.startswith("10."):
        return None
    return doi


def reference_problems(db, expected, deleted):
    """Every reference that gives a PMID litkb trusts (not the same number as its pmc id, not
    the citing record's own) must be a link from the record to the work of that PMID."""
    problems = []
    trusted = doubted = own = doi_only = 0
    for pmid, (_, _, references) in expected.items():
        if pmid in deleted:
            continue
        row = db.execute("SELECT id FROM work WHERE pmid = ?", (int(pmid),)).fetchone()
        if row is None:
            continue
        cited = {number for (number,) in db.execute(
            "SELECT w.pmid FROM link l JOIN work w ON w.id = l.to_work WHERE l.from_work = ? AND l.kind = 'cites' AND w.pmid IS NOT NULL",
            (row[0],))}
        cited_dois = {doi for (doi,) in db.execute("""
            SELECT w.doi FROM link l JOIN work w ON w.id = l.to_work WHERE l.from_work = ?1 AND l.kind = 'cites' AND w.doi IS NOT NULL
            UNION SELECT lower(a.value) FROM link l JOIN article_id a ON a.work_id = l.to_work WHERE l.from_work = ?1 AND l.kind = 'cites' AND a.type = 'doi'
            """, (row[0],))}
        for given in references:
            number = given.get("pubmed", "")
            if number.isdigit() and (given.get("pmc") or given.get("pmcid") or "").upper().removeprefix("PMC") == number:
                doubted += 1
                number = ""
            if number == pmid:
                own += 1
            elif number.isdigit():
                trusted += 1
                if int(number) not in cited:
                    problems.append(f"PMID {pmid}: its reference to PMID {number} is not a link to that work")
            elif doi := normalized_doi(given.get("doi", "")):
                doi_only += 1
                if doi not in cited_dois:
                    problems.append(f"PMID {pmid}: its reference to doi {doi} is not a link to a work holding that DOI")
    print(f"{trusted} references with a PMID litkb trusts checked against the links; {doubted} doubted "
          f"(their pubmed and pmc ids the same number), {own} naming their own record; "
          f"{doi_only} found by their DOI alone (no PMID, or a doubted one) checked")
    return problems


def main():
    database, files = sys.argv[1], sys.argv[2:]
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    expected, deleted = {}, set()
    for path in files:
        for kind, value in records(path):
            if kind == "deleted":
                deleted.update(value)
                continue
            pmid, version, ids, references = value
            # The latest version of a PMID is the one a knowledge base keeps.
            if pmid not in expected or version >= expected[pmid][0]:
                expected[pmid] = (version, ids, references)
    problems, shared = [], []
    checked = 0
    doi_owners = {}
    for pmid, (_, ids, _) in expected.items():
        if pmid not in deleted and ids.get("doi"):
            doi_owners[ids["doi"].lower()] = doi_owners.get(ids["doi"].lower(), 0) + 1
    for pmid, (version, ids, _) in sorted(expected.items(), key=lambda item: int(item[0])):
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
    record_pmcs = {(ids.get("pmc") or "").split(".")[0].upper() for _, ids, _ in expected.values()}
    problems += reference_problems(db, expected, deleted)
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
