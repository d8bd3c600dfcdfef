#!/usr/bin/env bash
# Fuzzes litkb's parsers with libFuzzer (coverage-guided, AddressSanitizer on):
#
#   scripts/fuzz.sh [--seconds N | --runs N] [FORMAT...]
#
# FORMAT: pubmed-xml medline elink pmc-jats page-text retraction-watch nih-occ (default: all, one after another).
# Each runs from a corpus kept in .fuzz/corpus/FORMAT, seeded with the test fixtures and,
# when present, the real samples of ../shared/corpus (read in place; copies go to .fuzz/seeds
# only; .fuzz/ is outside the build folder, which SwiftPM may tidy, and out of git). A crash, hang (>10 s), leak or more than 2 GB stops the run: the input is written to
# .fuzz/artifacts/FORMAT/, the script exits 1, and `swift run litkb-fuzz FORMAT FILE`
# replays it; keep it in Tests/LitKBParsersTests/Fixtures/fuzz/FORMAT/ as a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=20
runs=""
formats=()
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        *) formats+=("$1"); shift ;;
    esac
done
[ ${#formats[@]} -gt 0 ] || formats=(pubmed-xml medline elink pmc-jats page-text retraction-watch nih-occ)

fuzzer=/opt/swift/usr/lib/clang/21/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a
[ -f "$fuzzer" ] || fuzzer=$(find "$(dirname "$(dirname "$(command -v swift)")")" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -n 1)
# Coverage and AddressSanitizer from the compiler; libFuzzer's driver without its main, which
# the fuzz target calls itself (SwiftPM points `main` at the target's own entry point).
# LITKB_FUZZ_BUILD: another build folder, so that a build never replaces a binary a fuzzer runs.
build=${LITKB_FUZZ_BUILD:-.build-fuzz}
swift build -c release --product litkb-fuzz --scratch-path "$build" \
    -Xswiftc -sanitize=address -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
    -Xswiftc -DFUZZING -Xlinker "$fuzzer" -Xlinker -lstdc++ 2>&1 | tail -n 1
binary=$build/release/litkb-fuzz
shared=../shared/corpus
fixtures=Tests/LitKBParsersTests/Fixtures

status=0
for format in "${formats[@]}"; do
    corpus=.fuzz/corpus/$format
    seeds=.fuzz/seeds/$format
    artifacts=.fuzz/artifacts/$format
    mkdir -p "$corpus" "$seeds" "$artifacts"
    case "$format" in
        pubmed-xml) sources=("$fixtures/pubmed-xml"/*.xml "$shared/pubmed-xml/pubmed-29768149.xml") ;;
        medline) sources=("$fixtures/medline"/*.nbib "$shared/medline-nbib"/*) ;;
        elink) sources=("$fixtures/elink"/*.xml "$shared/elink"/*.xml) ;;
        pmc-jats) sources=("$fixtures/jats"/*.nxml "$shared/pmc-jats"/*.nxml) ;;
        page-text) sources=(corpus/page-text/*.txt "$shared/page-text"/*.txt) ;;
        retraction-watch) sources=("$fixtures/retraction-watch"/*.csv "$shared/retraction-watch"/*.csv) ;;
        # The CSV as the parser sees it once out of its container (the zip is the container's test).
        nih-occ) sources=("$fixtures/nih-occ"/*.csv) ;;
        *) echo "unknown format $format" >&2; exit 64 ;;
    esac
    for source in "${sources[@]}" "$fixtures/fuzz/$format"/*; do
        [ -f "$source" ] && cp "$source" "$seeds/" || true
    done
    limit=(-max_total_time="$seconds")
    [ -n "$runs" ] && limit=(-runs="$runs")
    echo "== $format: ${runs:-$seconds s}${runs:+ inputs}"
    if ! LITKB_FUZZ_FORMAT=$format "$binary" "${limit[@]}" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$artifacts/" -print_final_stats=1 "$corpus" "$seeds" 2>&1 \
            | grep --line-buffered -E "^(#[0-9]+.*pulse|Done|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written|.*INFO: (seed|-max_len))"; then
        :
    fi
    # Slow units are reported, not failures (a loaded machine makes them); crashes, hangs,
    # leaks and memory blow-ups are.
    if ls "$artifacts" | grep -qE '^(crash|timeout|leak|oom)-'; then
        echo "$format: inputs that failed are in $artifacts" >&2
        status=1
    fi
done
exit $status
