#!/usr/bin/env bash
# The scale benchmark of BENCHMARKS.md: a knowledge base of the two real PubMed files (50,788
# records), grown to twenty copies of them (1,015,760 records) by scripts/replicate-pubmed.py,
# which shifts every PMID, PMC id and DOI per copy so that each copy is new works with its own
# consistent citation graph. Every file's ingest is timed (it must stay flat as the base
# grows), and litkb-scale times the reads at 50k records (after copy 0) and at the end.
#
#     swift build -c release --product litkb && swift build -c release --product litkb-scale
#     scripts/scale-bench.sh [COPIES]        # 20 by default; LITKB_SCALE_DIR=/tmp/litkb-scale
#     (LITKB=path and LITKB_SCALE=path run other builds of the two binaries)
#
# Needs about 1.5 GB for the copies and 7 GB for the knowledge base, and 20–30 minutes here.
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-20}
work=${LITKB_SCALE_DIR:-/tmp/litkb-scale}
corpus=../shared/corpus/pubmed-xml
litkb=${LITKB:-.build/release/litkb}
scale=${LITKB_SCALE:-.build/release/litkb-scale}
for binary in "$litkb" "$scale"; do
    [ -x "$binary" ] || { echo "scale-bench: build $binary first (swift build -c release --product $(basename "$binary"))" >&2; exit 2; }
done
mkdir -p "$work/copies"
db="$work/kb.sqlite"
rm -f "$db" "$db-wal" "$db-shm" "$db-ingest-lock"

echo "replicating ${copies} copies into $work/copies" >&2
python3 scripts/replicate-pubmed.py --copies "$copies" --out-dir "$work/copies" --jobs 2 \
    "$corpus/pubmed20n0014.xml.gz" "$corpus/pubmed21n1298.xml.gz" >&2

# Wall and CPU seconds (user + system) of each file's ingest: CPU time is the steadier of the
# two on a shared machine.
ingest_log="$work/ingest-times.tsv"
printf 'copy\tfile\twall_s\tcpu_s\tdatabase_mb\n' > "$ingest_log"
for ((k = 0; k < copies; k++)); do
    for file in "$work"/copies/copy-$(printf %02d "$k")-*; do
        /usr/bin/time -f '%e %U %S' -o "$work/time.out" "$litkb" ingest --db "$db" "$file" > /dev/null
        read -r wall user system < "$work/time.out"
        size=$(du -m "$db" | cut -f1)
        printf '%d\t%s\t%s\t%s\t%d\n' "$k" "$(basename "$file")" "$wall" "$(echo "$user + $system" | bc)" "$size" | tee -a "$ingest_log" >&2
    done
    if ((k == 0)); then
        "$scale" --db "$db" --litkb "$litkb" > "$work/reads-50k.md"
        cat "$work/reads-50k.md"
    fi
done
"$scale" --db "$db" --litkb "$litkb" > "$work/reads-1m.md"
cat "$work/reads-1m.md"
echo "per-file ingest seconds: $ingest_log" >&2
