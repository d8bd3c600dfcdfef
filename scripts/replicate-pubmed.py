#!/usr/bin/env python3
"""Replicates a PubMed XML file as a distinct set of works, for scale benchmarks.

Copy K of a file shifts every identifier litkb matches works by, so the copies of a file are
different works whose citation graph (references, CommentsCorrections, DeleteCitation) stays
consistent inside each copy:

  PMID        <PMID ...>123</PMID> (records, CommentsCorrections, DeleteCitation) and
              <ArticleId IdType="pubmed">123</ArticleId>        -> 123 + K*100000000
  PMC id      <ArticleId IdType="pmc"|"pmcid">PMC123</ArticleId> -> PMC(123 + K*100000000); a bare
              number stays bare, a version suffix (PMC123.4) is kept;
              <OtherID Source="NLM">PMC123 [Available on ...]</OtherID> likewise
  DOI         <ArticleId IdType="doi">, <ELocationID EIdType="doi"> -> DOI + ".k{K:02d}"
              (10.1016/j.ijid.2020.03.062 -> 10.1016/j.ijid.2020.03.062.k07); "doi: X" inside
              a CommentsCorrections <RefSource> likewise (litkb reads a DOI from there)

Everything else (titles, abstracts, pii, mid, ...) is left byte for byte as it was. Copy 0 is
the input itself: the compressed input is copied unchanged.

    replicate-pubmed.py --copy K [--level 1] INPUT.xml.gz OUTPUT.xml.gz
    replicate-pubmed.py --copies N --out-dir DIR [--jobs J] INPUT.xml.gz...
        (writes DIR/copy-KK-<basename of INPUT> for K = 0..N-1)

The input is read in chunks cut just after an end tag, so no identifier element is ever split.
Outputs are written to a temporary name and renamed when complete, with a fixed gzip header
(no name, mtime 0), so the same input and K always give the same bytes.
"""

import argparse
import concurrent.futures
import gzip
import os
import re
import shutil
import sys
import time

PMID_STEP = 100_000_000
DOI_SUFFIX = ".k{:02d}"
CHUNK = 8 << 20

# One element holding an identifier: name, attributes, text, matching end tag. The text holds no
# markup, so the match cannot run past the element.
ID_ELEMENT = re.compile(
    rb"<(PMID|ArticleId|ELocationID|OtherID|RefSource)(\s[^>]*)?>([^<]*)</\1\s*>")
ATTRIBUTE = {
    b"ArticleId": re.compile(rb"""\sIdType\s*=\s*(["'])([^"']*)\1"""),
    b"ELocationID": re.compile(rb"""\sEIdType\s*=\s*(["'])([^"']*)\1"""),
    b"OtherID": re.compile(rb"""\sSource\s*=\s*(["'])([^"']*)\1"""),
}
NUMBER = re.compile(rb"^(\s*)(\d+)(\s*)$")
PMC = re.compile(rb"^(\s*)((?:PMC|pmc)?)(\d+)")
# What litkb's DOI normalization strips from the end (spaces, sentence punctuation): the suffix
# goes before it, so a copy's DOIs normalize to the original's plus the suffix.
DOI_TEXT = re.compile(rb"^(.*?)([\s.,;:]*)$", re.S)
REFSOURCE_DOI = re.compile(rb"(doi: )([^ <]+)")


def make_transform(k):
    """The function rewriting one chunk of XML for copy k."""
    offset = k * PMID_STEP
    suffix = DOI_SUFFIX.format(k).encode()

    def shift_number(text):
        m = NUMBER.match(text)
        if not m:
            return None
        return m.group(1) + str(int(m.group(2)) + offset).encode() + m.group(3)

    def shift_pmc(text):
        m = PMC.match(text)
        if not m:
            return None
        return (m.group(1) + m.group(2) + str(int(m.group(3)) + offset).encode()
                + text[m.end():])

    def suffix_doi(text):
        if not text.strip():
            return None
        m = DOI_TEXT.match(text)
        return m.group(1) + suffix + m.group(2)

    def suffix_refsource_doi(m):
        return m.group(1) + suffix_doi(m.group(2))

    def replace(m):
        name, attributes, text = m.group(1), m.group(2) or b"", m.group(3)
        if name == b"PMID":
            new = shift_number(text)
        elif name == b"RefSource":
            if b"doi: " not in text:
                return m.group(0)
            new = REFSOURCE_DOI.sub(suffix_refsource_doi, text)
        else:
            if attributes.endswith(b"/"):     # <ArticleId IdType="doi"/>: no text of its own
                return m.group(0)
            a = ATTRIBUTE[name].search(attributes)
            kind = a.group(2).strip().lower() if a else b""
            if name == b"ArticleId":
                if kind == b"pubmed":
                    new = shift_number(text)
                elif kind in (b"pmc", b"pmcid"):
                    new = shift_pmc(text)
                elif kind == b"doi":
                    new = suffix_doi(text)
                else:
                    return m.group(0)
            elif name == b"ELocationID":
                if kind != b"doi":
                    return m.group(0)
                new = suffix_doi(text)
            else:  # OtherID: Source="NLM" holds the PMC id (or a manuscript id, left alone)
                if kind != b"nlm" or not text.lstrip()[:3] in (b"PMC", b"pmc"):
                    return m.group(0)
                new = shift_pmc(text)
        if new is None:
            return m.group(0)
        t0, t1 = m.span(3)
        s = m.start()
        whole = m.group(0)
        return whole[:t0 - s] + new + whole[t1 - s:]

    def transform(chunk):
        return ID_ELEMENT.sub(replace, chunk)

    return transform


def open_input(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    return gzip.open(path, "rb") if magic == b"\x1f\x8b" else open(path, "rb")


def chunks(stream):
    """Chunks of the stream, each cut just after an end tag (`</...>`), never inside an
    identifier element (whose text holds no markup)."""
    rest = b""
    while True:
        data = stream.read(CHUNK)
        if not data:
            if rest:
                yield rest
            return
        buf = rest + data
        cut = -1
        start = buf.rfind(b"</")
        while start != -1:
            end = buf.find(b">", start)
            if end != -1:
                cut = end + 1
                break
            start = buf.rfind(b"</", 0, start)
        if cut == -1:
            rest = buf
            continue
        rest = buf[cut:]
        yield buf[:cut]


def replicate(input_path, output_path, k, level=1):
    """Writes copy k of input_path to output_path; returns seconds taken."""
    started = time.monotonic()
    directory = os.path.dirname(os.path.abspath(output_path))
    temporary = os.path.join(directory, "." + os.path.basename(output_path) + ".part")
    try:
        with open(input_path, "rb") as f:
            gzipped = f.read(2) == b"\x1f\x8b"
        if k == 0 and gzipped:
            shutil.copyfile(input_path, temporary)
        else:
            transform = make_transform(k) if k else (lambda chunk: chunk)
            with open_input(input_path) as source, open(temporary, "wb") as raw, \
                    gzip.GzipFile(filename="", mode="wb", compresslevel=level, fileobj=raw, mtime=0) as out:
                for chunk in chunks(source):
                    out.write(transform(chunk))
        os.replace(temporary, output_path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return time.monotonic() - started


def copy_name(out_dir, input_path, k):
    return os.path.join(out_dir, "copy-{:02d}-{}".format(k, os.path.basename(input_path)))


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Write copy K of a PubMed XML file with shifted PMIDs, PMC ids and DOIs.")
    parser.add_argument("--copy", type=int, metavar="K", help="the copy to write (0..99; 0 is the input)")
    parser.add_argument("--copies", type=int, metavar="N", help="write copies 0..N-1 of each input into --out-dir")
    parser.add_argument("--out-dir", metavar="DIR", help="directory for --copies (created if missing)")
    parser.add_argument("--level", type=int, default=1, choices=range(0, 10), metavar="0-9",
                        help="gzip compression level of the output (default 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes for --copies (default: the number of CPUs)")
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args(argv)

    if args.copies is not None:
        if args.copy is not None or not args.out_dir:
            parser.error("--copies takes --out-dir DIR and input files, not --copy")
        if not 1 <= args.copies <= 100:
            parser.error("--copies must be 1..100")
        os.makedirs(args.out_dir, exist_ok=True)
        tasks = [(path, copy_name(args.out_dir, path, k), k) for path in args.files for k in range(args.copies)]
        # The slowest first: transformed copies of the largest files.
        tasks.sort(key=lambda t: (t[2] == 0, -os.path.getsize(t[0])))
        started = time.monotonic()
        with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(replicate, src, dst, k, args.level): dst for src, dst, k in tasks}
            for future in concurrent.futures.as_completed(futures):
                print("{} ({:.1f} s)".format(futures[future], future.result()), flush=True)
        print("{} files in {:.1f} s".format(len(tasks), time.monotonic() - started))
        return 0

    if args.copy is None or len(args.files) != 2:
        parser.error("give --copy K INPUT OUTPUT, or --copies N --out-dir DIR INPUT...")
    if not 0 <= args.copy <= 99:
        parser.error("--copy must be 0..99")
    source, destination = args.files
    if os.path.abspath(source) == os.path.abspath(destination):
        parser.error("OUTPUT must differ from INPUT")
    seconds = replicate(source, destination, args.copy, args.level)
    print("{} ({:.1f} s)".format(destination, seconds), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
