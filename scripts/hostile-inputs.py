#!/usr/bin/env python3
"""Peak memory and outcome of `litkb ingest` on hostile and huge inputs of every format: gzip
bombs (1 GB decompressed, one record of almost all of it), one 200 MB line, large files of many
small records, a page-text list of 100,000 entries. Each input is ingested into a new knowledge
base by the release binary under `/usr/bin/time -v`; the table gives wall time, peak resident
memory, exit status and the first error litkb printed. See RELIABILITY.md.

    swift build -c release --product litkb
    python3 scripts/hostile-inputs.py [--dir /tmp/litkb-hostile] [--gb 1] [--many-mb 100] [--keep] [--litkb PATH]
"""
import argparse
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MB = 1 << 20


class GzipWriter:
    """Writes a gzip stream fast (level 1): the bombs are repetitive and compress ~1000:1."""

    def __init__(self, path):
        self.file = open(path, "wb")
        self.stream = gzip.GzipFile(fileobj=self.file, mode="wb", compresslevel=1)
        self.size = 0

    def write(self, text):
        data = text.encode() if isinstance(text, str) else text
        self.stream.write(data)
        self.size += len(data)

    def fill(self, chunk, total):
        """`chunk` repeated until `total` bytes were written in all."""
        block = chunk * max(1, (4 * MB) // len(chunk))
        while self.size + len(block) <= total:
            self.write(block)
        while self.size + len(chunk) <= total:
            self.write(chunk)

    def close(self):
        self.stream.close()
        self.file.close()
        return self.size


class PlainWriter(GzipWriter):
    def __init__(self, path):
        self.file = open(path, "wb")
        self.stream = self.file
        self.size = 0

    def close(self):
        self.file.close()
        return self.size


def pubmed_record(pmid):
    return (f"<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">{pmid}</PMID>"
            f"<Article><Journal><Title>Journal of Tests</Title></Journal><ArticleTitle>Record {pmid} on asthma in children.</ArticleTitle>"
            f"<Abstract><AbstractText>Abstract of record {pmid}: wheeze, inhaled corticosteroids and outcomes.</AbstractText></Abstract>"
            f"<AuthorList><Author><LastName>Roe</LastName><Initials>R</Initials></Author></AuthorList></Article></MedlineCitation>"
            f"<PubmedData><ArticleIdList><ArticleId IdType=\"pubmed\">{pmid}</ArticleId></ArticleIdList></PubmedData></PubmedArticle>\n")


def medline_record(pmid):
    return (f"PMID- {pmid}\nTI  - Record {pmid} on asthma in children.\nAB  - Abstract of record {pmid}: wheeze, inhaled\n"
            f"      corticosteroids and outcomes.\nAU  - Roe R\nTA  - J Tests\nDP  - 2020\n\n")


def elink_set(pmid):
    links = "".join(f"<Link><Id>{pmid * 10 + k}</Id><Score>{1000 - k}</Score></Link>" for k in range(1, 6))
    return (f"<LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>{pmid}</Id></IdList><LinkSetDb><DbTo>pubmed</DbTo>"
            f"<LinkName>pubmed_pubmed</LinkName>{links}</LinkSetDb></LinkSet>\n")


def jats_article(pmid):
    return (f"<article><front><journal-meta><journal-title-group><journal-title>J Tests</journal-title></journal-title-group></journal-meta>"
            f"<article-meta><article-id pub-id-type=\"pmid\">{pmid}</article-id><title-group><article-title>Record {pmid}</article-title>"
            f"</title-group><abstract><p>Abstract of record {pmid}.</p></abstract></article-meta></front></article>\n")


def page_text_list(entries):
    seed = open(os.path.join(ROOT, "corpus/page-text/38174611.txt"), encoding="utf-8").read()
    head, _, rest = seed.partition("Similar articles\n")
    _, _, tail = rest.partition("Cited by\n")
    lines = [head + "Similar articles\n"]
    for k in range(entries):
        pmid = 10_000_000 + k
        lines.append(f"-\nEntry {k} on asthma in children.J Tests. 2020 Jan;1(1):{k}-{k + 9}. doi: 10.5555/t.{k}. J Tests. 2020. PMID: {pmid}\n")
    lines.append("Cited by\n" + tail)
    return "".join(lines)


def build(directory, gb, many_mb):
    total = gb * 1024 * MB
    many = many_mb * MB
    inputs = []

    def add(name, writer_class, header, filler, footer, size):
        path = os.path.join(directory, name)
        writer = writer_class(path)
        writer.write(header)
        if callable(filler):
            k = 0
            while writer.size < size:
                writer.write(filler(1_000_000 + k))
                k += 1
        else:
            writer.fill(filler, size - len(footer))
        writer.write(footer)
        inputs.append((name, path, writer.close()))

    add("pubmed-bomb.xml.gz", GzipWriter,
        "<?xml version=\"1.0\"?>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>",
        "a" * 4096, "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n", total)
    # Inside the document element: a comment before it, as a DOCTYPE must be, hides the
    # format from the 8 KB that detection reads, and the file is refused before it is read.
    add("pubmed-comment-bomb.xml.gz", GzipWriter, "<?xml version=\"1.0\"?>\n<PubmedArticleSet><!--", "a" * 4096,
        "-->\n" + pubmed_record(2) + "</PubmedArticleSet>\n", total)
    add("pubmed-doctype-bomb.xml.gz", GzipWriter, "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [<!ENTITY x \"",
        "a" * 4096, "\">]>\n<PubmedArticleSet>" + pubmed_record(3) + "</PubmedArticleSet>\n", total)
    add("pubmed-tag-bomb.xml.gz", GzipWriter, "<?xml version=\"1.0\"?>\n<PubmedArticleSet><PubmedArticle a=\"",
        "a" * 4096, "\"></PubmedArticle>" + pubmed_record(4) + "</PubmedArticleSet>\n", total)
    add("pubmed-one-line.xml", PlainWriter, "<?xml version=\"1.0\"?>\n<PubmedArticleSet>",
        pubmed_record(1).replace("\n", ""), "</PubmedArticleSet>", 200 * MB)
    add("pubmed-many.xml.gz", GzipWriter, "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n", pubmed_record, "</PubmedArticleSet>\n", many)
    add("medline-bomb.nbib.gz", GzipWriter, "PMID- 1\nTI  - A bomb.\nAB  - start\n", "      " + "a" * 4089 + "\n", "\n", total)
    add("medline-one-line.nbib", PlainWriter, "PMID- 1\nAB  - ", "a" * 4096, "\n\nPMID- 2\nTI  - After the line.\n", 200 * MB)
    add("medline-many.nbib.gz", GzipWriter, "", medline_record, "", many)
    add("elink-bomb.xml.gz", GzipWriter,
        "<?xml version=\"1.0\"?>\n<eLinkResult><LinkSet><DbFrom>pubmed</DbFrom><IdList><Id>1</Id></IdList><LinkSetDb><DbTo>pubmed</DbTo><LinkName>pubmed_pubmed</LinkName>",
        "<Link><Id>2</Id></Link>" * 100, "</LinkSetDb></LinkSet></eLinkResult>\n", total)
    add("elink-many.xml.gz", GzipWriter, "<?xml version=\"1.0\"?>\n<eLinkResult>\n", elink_set, "</eLinkResult>\n", many)
    add("jats-bomb.nxml.gz", GzipWriter,
        "<?xml version=\"1.0\"?>\n<article><front><article-meta><article-id pub-id-type=\"pmid\">1</article-id></article-meta></front><body><p>",
        "a" * 4096, "</p></body></article>\n", total)
    add("jats-many.xml.gz", GzipWriter, "<?xml version=\"1.0\"?>\n<pmc-articleset>\n", jats_article, "</pmc-articleset>\n", many)
    add("page-text-bomb.txt.gz", GzipWriter, page_text_list(1), "a" * 4096, "\n", total)
    path = os.path.join(directory, "page-text-100k.txt")
    with open(path, "w", encoding="utf-8") as out:
        out.write(page_text_list(100_000))
    inputs.append(("page-text-100k.txt", path, os.path.getsize(path)))
    return inputs


def measure(litkb, name, path, directory):
    database = os.path.join(directory, name + ".sqlite")
    command = ["/usr/bin/time", "-v", litkb, "ingest", "--db", database, path]
    result = subprocess.run(command, capture_output=True, text=True)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr).group(1)
    report = [line for line in result.stdout.splitlines() if line.strip()]
    first = next((line.strip() for line in report if "error:" in line or "FAILED" in line), report[0] if report else "")
    for suffix in ("", "-wal", "-shm", "-ingest-lock"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    return wall, rss // 1024, result.returncode, first


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", default=None)
    parser.add_argument("--gb", type=int, default=1)
    parser.add_argument("--many-mb", type=int, default=100)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--only", default="", help="measure only inputs whose name starts with this")
    parser.add_argument("--litkb", default=os.path.join(ROOT, ".build/release/litkb"), help="the binary to measure")
    arguments = parser.parse_args()
    litkb = arguments.litkb
    if not os.path.exists(litkb):
        sys.exit("build the release binary first: swift build -c release --product litkb")
    directory = arguments.dir or tempfile.mkdtemp(prefix="litkb-hostile-")
    os.makedirs(directory, exist_ok=True)
    try:
        inputs = build(directory, arguments.gb, arguments.many_mb)
        print(f"| input | bytes read | wall | peak RSS | exit | what litkb said |")
        print(f"| --- | ---: | ---: | ---: | ---: | --- |")
        for name, path, size in inputs:
            if not name.startswith(arguments.only):
                continue
            wall, rss, status, said = measure(litkb, name, path, directory)
            said = said.replace(directory + "/", "").replace("|", "\\|")
            if len(said) > 160:
                said = said[:157] + "..."
            print(f"| {name} | {size / MB:,.0f} MB | {wall} | {rss} MB | {status} | {said} |", flush=True)
    finally:
        if not arguments.keep and arguments.dir is None:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
