#!/usr/bin/env python3
"""Writes a citation-pair file (the NIH Open Citation Collection's layout) of COPIES copies of
the real sample, copy K with every PMID shifted by K x 100,000,000 as scripts/replicate-pubmed.py
shifts the PubMed files, so each copy is the sample's citation graph again, on PMIDs of its own,
and the file stays sorted by citing PMID as the collection is. For the load benchmark
(BENCHMARKS.md): 100 copies are 9.3 million pairs.

    scripts/replicate-occ.py COPIES OUT.csv[.gz] [--sample PATH]
"""
import argparse
import gzip
import os

parser = argparse.ArgumentParser()
parser.add_argument("copies", type=int)
parser.add_argument("out")
here = os.path.dirname(os.path.abspath(__file__))
parser.add_argument("--sample", default=os.path.join(here, "..", "..", "shared", "corpus", "nih-occ",
                                                   "open_citation_collection-sample.csv"))
arguments = parser.parse_args()

with open(arguments.sample) as sample:
    header = sample.readline()
    pairs = [tuple(int(field) for field in line.split(",")) for line in sample if line.strip()]

opener = gzip.open if arguments.out.endswith(".gz") else open
with opener(arguments.out, "wt") as out:
    out.write(header)
    for copy in range(arguments.copies):
        shift = copy * 100_000_000
        out.write("".join(f"{citing + shift},{cited + shift}\n" for citing, cited in pairs))
print(f"{arguments.out}: {len(pairs) * arguments.copies:,} pairs")
