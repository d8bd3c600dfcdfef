#!/usr/bin/env python3
"""Runs the same searches with two litkb binaries on one knowledge base and compares their
output byte for byte: the 40 PubMed-syntax searches of litkb-scale (first pages, second pages,
counts, pages newest first further down) and its plain searches (by relevance and newest
first). A faster query path must give what the slower one gave.

An older binary refuses a database of a newer schema: give --old-version, and the file's
user_version is set to it around the older binary's runs, and back after (the older binary
then reads the newer file as if it were its own; nothing is written: --no-history).

    scripts/compare-search-output.py --db KB.sqlite --new .build/release/litkb \
        --old /tmp/prev/.build/release/litkb --old-version 15

--queries FILE runs the searches of FILE (one a line) instead, for their counts and two pages
each, newest first or in the order a line names, with the options it adds
(`review[pt] | first-author`, `covid | relevance | --year 2020 --lang ger`).
"""
import argparse
import ast
import os
import re
import shlex
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def searches():
    source = open(os.path.join(HERE, "..", "Sources", "litkb-scale", "main.swift")).read()
    block = source[source.index("let queries = ["):source.index("]", source.index("let queries = ["))]
    plain = [ast.literal_eval('"' + m + '"') for m in re.findall(r'"((?:[^"\\]|\\.)*)"', block)]
    pubmed_block = source[source.index("let pubmedQueries"):source.index('if wanted("pubmed")')]
    pubmed = [(ast.literal_eval('"' + q + '"'), o) for q, o in re.findall(r'\("((?:[^"\\]|\\.)*)", \.(\w+)\)', pubmed_block)]
    orders = {"relevance": "relevance", "journal": "journal", "pubdate": "pubdate", "firstAuthor": "first-author", "cited": "cited"}
    runs = [(q, orders[o], []) for q, o in pubmed]
    runs += [(q, orders[o], ["--offset", "20"]) for q, o in pubmed]
    runs += [(q, "relevance", ["--count"]) for q, _ in pubmed]
    runs += [(q, "pubdate", ["--offset", "40"]) for q, _ in pubmed[:20]]
    runs += [(q, "relevance", []) for q in plain] + [(q, "pubdate", []) for q in plain[:20]]
    return runs


def output(binary, database, runs):
    results = []
    for query, order, extra in runs:
        done = subprocess.run([binary, "search", "--db", database, "--no-history", "--json", "--sort", order] + extra + [query],
                              capture_output=True)
        results.append(done.stdout + done.stderr)
    return results


def set_version(database, version):
    connection = sqlite3.connect(database)
    connection.execute(f"PRAGMA user_version = {int(version)}")
    connection.commit()
    connection.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--new", required=True, help="the litkb binary under test")
    parser.add_argument("--old", required=True, help="the litkb binary to compare with")
    parser.add_argument("--old-version", type=int, help="the schema version the older binary knows")
    parser.add_argument("--queries", help="a file of searches, one a line (`QUERY | ORDER` for a sort other than "
                                          "newest first), each run for its count and two pages instead of litkb-scale's")
    arguments = parser.parse_args()
    if arguments.queries:
        lines = [line.strip().split(" | ") for line in open(arguments.queries) if line.strip()]
        options = [shlex.split(q[2]) if len(q) > 2 else [] for q in lines]
        runs = [(q[0], "relevance", ["--count"] + o) for q, o in zip(lines, options)]
        runs += [(q[0], q[1] if len(q) > 1 else "pubdate", extra + o) for q, o in zip(lines, options) for extra in ([], ["--offset", "37"])]
    else:
        runs = searches()
    new = output(arguments.new, arguments.db, runs)
    current = sqlite3.connect(arguments.db).execute("PRAGMA user_version").fetchone()[0]
    if arguments.old_version is not None:
        set_version(arguments.db, arguments.old_version)
    try:
        old = output(arguments.old, arguments.db, runs)
    finally:
        set_version(arguments.db, current)
    same = sum(a == b for a, b in zip(old, new))
    print(f"{same} of {len(runs)} searches give identical output")
    for (query, order, extra), a, b in zip(runs, old, new):
        if a != b:
            print(f"differs: {query} --sort {order} {' '.join(extra)}\n  old: {a[:200]!r}\n  new: {b[:200]!r}")
    if any(not out.strip() for out in new):
        print("some searches printed nothing: check the binaries and the database")
        return 1
    return 0 if same == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
