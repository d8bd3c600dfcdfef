#!/usr/bin/env python3
"""Times the search queries of litkb-scale on a bare FTS5 table of the same texts, beside litkb.

Issue 13 asks how litkb's search compares with a plain FTS5 table holding the same documents:
no records-above-stubs key, no snippets, no summaries, no fielded indexes. This script builds
that table once (in BARE.sqlite, from the knowledge base's own work_fts rows: the same texts,
the same tokenizer, rowid = work id), then times, through Python's sqlite3 (the same system
libsqlite3 litkb links), for each query:

  page   SELECT rowid, bm25(t, 10.0, 1.0, 4.0, 2.0) AS s FROM t WHERE t MATCH ? ORDER BY s LIMIT 20
  count  SELECT count(*) FROM t WHERE t MATCH ?

medians of --runs runs, and runs `litkb-scale --only search` on the knowledge base in the same
session for litkb's figures (its first page: ranking, records first, summaries and snippets).

    scripts/bare-fts5-bench.py --db KB.sqlite --bare BARE.sqlite --scale .build/release/litkb-scale [--runs 5]
"""
import argparse
import os
import re
import sqlite3
import statistics
import subprocess
import time

# The 40 queries of litkb-scale (Sources/litkb-scale/main.swift), written as FTS5 queries:
# `a -b` is `a NOT b`, `title:x` a column filter, as litkb's SearchQuery translates them.
QUERIES = [
    ("patients", "patients"), ("cancer", "cancer"), ("treatment", "treatment"), ("study", "study"), ("cells", "cells"),
    ("risk", "risk"), ("children", "children"), ("women", "women"), ("disease", "disease"), ("health", "health"),
    ("mdma", "mdma"), ("psilocybin", "psilocybin"), ("zebrafish", "zebrafish"), ("thalidomide", "thalidomide"),
    ("hantavirus", "hantavirus"), ("ayahuasca", "ayahuasca"), ("leptospirosis", "leptospirosis"), ("kawasaki", "kawasaki"),
    ("narcolepsy", "narcolepsy"), ("chagas", "chagas"),
    ('"risk factors"', '"risk factors"'), ('"randomized controlled trial"', '"randomized controlled trial"'),
    ('"quality of life"', '"quality of life"'), ('"public health"', '"public health"'), ('"machine learning"', '"machine learning"'),
    ("cardio*", "cardio*"), ("immun*", "immun*"), ("vaccin*", "vaccin*"), ("neuro*", "neuro*"), ("diabet*", "diabet*"),
    ("asthma OR wheeze", "asthma OR wheeze"), ("covid OR sars", "covid OR sars"), ("cancer -breast", "cancer NOT breast"),
    ("patients -children", "patients NOT children"), ("obesity diabetes -mice", "obesity AND diabetes NOT mice"),
    ("title:covid", "title:covid"), ("mesh:humans", "mesh:humans"), ("abstract:mortality", "abstract:mortality"),
    ("keywords:obesity", "keywords:obesity"), ('title:"case report"', 'title:"case report"'),
]


def build(kb, bare):
    if os.path.exists(bare):
        return
    started = time.perf_counter()
    connection = sqlite3.connect(bare + ".partial")
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(title, abstract, keywords, mesh, tokenize = 'unicode61 remove_diacritics 2')")
    connection.execute("ATTACH DATABASE ? AS kb", (f"file:{kb}?mode=ro",))
    connection.execute("INSERT INTO t (rowid, title, abstract, keywords, mesh) SELECT rowid, title, abstract, keywords, mesh FROM kb.work_fts")
    connection.commit()
    connection.execute("DETACH DATABASE kb")
    connection.execute("INSERT INTO t (t) VALUES ('optimize')")
    connection.commit()
    connection.close()
    os.rename(bare + ".partial", bare)
    print(f"built {bare} in {time.perf_counter() - started:.0f} s")


def median_ms(connection, sql, argument, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        connection.execute(sql, (argument,)).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--scale", required=True)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    build(options.db, options.bare)

    connection = sqlite3.connect(f"file:{options.bare}?mode=ro", uri=True)
    connection.execute("PRAGMA cache_size = -49152")
    connection.execute("PRAGMA mmap_size = 1073741824")
    page_sql = "SELECT rowid, bm25(t, 10.0, 1.0, 4.0, 2.0) AS s FROM t WHERE t MATCH ? ORDER BY s LIMIT 20"
    count_sql = "SELECT count(*) FROM t WHERE t MATCH ?"
    bare = {}
    for shown, pattern in QUERIES:
        bare[shown] = (median_ms(connection, page_sql, pattern, options.runs), median_ms(connection, count_sql, pattern, options.runs))

    output = subprocess.run([options.scale, "--db", options.db, "--runs", str(options.runs), "--only", "search"],
                            capture_output=True, text=True, check=True).stdout
    litkb = {}
    for line in output.splitlines():
        match = re.match(r"^\| `(.*)` \| ([\d,]+) \| ([\d.]+) \|$", line)
        if match:
            litkb[match.group(1)] = (int(match.group(2).replace(",", "")), float(match.group(3)))

    print("| query | matches | litkb first page ms | bare FTS5 first page ms | bare FTS5 count ms |")
    print("|---|---|---|---|---|")
    for shown, _ in QUERIES:
        matches, page = litkb.get(shown, (0, float("nan")))
        print(f"| `{shown}` | {matches:,} | {page:.2f} | {bare[shown][0]:.2f} | {bare[shown][1]:.2f} |")
    ours = [litkb[shown][1] for shown, _ in QUERIES if shown in litkb]
    pages = [bare[shown][0] for shown, _ in QUERIES]
    counts = [bare[shown][1] for shown, _ in QUERIES]
    print(f"| median | | {statistics.median(ours):.2f} | {statistics.median(pages):.2f} | {statistics.median(counts):.2f} |")
    print(f"| p95 | | {percentile(ours, 0.95):.2f} | {percentile(pages, 0.95):.2f} | {percentile(counts, 0.95):.2f} |")


if __name__ == "__main__":
    main()
