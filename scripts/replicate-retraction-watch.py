#!/usr/bin/env python3
"""Writes a Retraction Watch CSV of N rows from a sample's rows (the real layout: CRLF, quoted
fields, the sample's Latin-1 byte), each copy's ids shifted so that every row is a new notice
about a new paper: PMIDs + K x 100,000,000, `.kNNNN` appended to DOIs, record ids + K x 100,000, `(copy K)`
after titles.
For the ingest benchmark of BENCHMARKS.md ("Retraction Watch"); the real database has 60-70
thousand rows.

    python3 scripts/replicate-retraction-watch.py ../shared/corpus/retraction-watch/retraction_watch-sample.csv 60000 > rw-60k.csv
"""
import csv
import io
import sys


def main():
    sample, rows_wanted = sys.argv[1], int(sys.argv[2])
    raw = open(sample, "rb").read()
    text = raw.decode("latin-1")  # byte for byte: the sample's one non-UTF-8 byte stays one byte
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    rows = list(reader)
    column = {name: index for index, name in enumerate(header)}
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    written = 0
    copy = 0
    while written < rows_wanted:
        for row in rows:
            if written == rows_wanted:
                break
            shifted = list(row)
            shifted[column["Record ID"]] = str(int(row[column["Record ID"]]) + copy * 100000)
            if copy:
                # Real rows are about different papers: the same title and year in every copy
                # would make each copy's papers look cited the same way.
                shifted[column["Title"]] = f"{row[column['Title']]} (copy {copy})"
            for name in ("RetractionPubMedID", "OriginalPaperPubMedID"):
                value = row[column[name]]
                if value.isdigit() and value != "0":
                    shifted[column[name]] = str(int(value) + copy * 100000000)
            for name in ("RetractionDOI", "OriginalPaperDOI"):
                value = row[column[name]]
                if value.startswith("10.") and copy:
                    shifted[column[name]] = f"{value}.k{copy:04d}"
            writer.writerow(shifted)
            written += 1
        copy += 1
    sys.stdout.buffer.write(out.getvalue().encode("latin-1"))


if __name__ == "__main__":
    main()
