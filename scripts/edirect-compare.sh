#!/bin/sh
# Builds EDirect's local PubMed archive (Debian's ncbi-entrez-direct: rchive, phrase-search) from
# PubMed XML files, the steps of its archive-pubmed script without the downloads, and times the
# same searches there and in litkb, as whole commands (process start-up included), medians of 5.
#
#   scripts/edirect-compare.sh WORKDIR KB.sqlite LITKB FILE.xml.gz...
#
# KB.sqlite must hold the same files (litkb ingest). EDirect's archive keeps records and
# postings as files under WORKDIR; its MeSH postings need NLM's MeSH tree file, which needs the
# network, so MeSH searches are left out.
set -eu
work=$1; kb=$2; litkb=$3; shift 3
rm -rf "$work" && mkdir -p "$work/Archive/Sentinels" "$work/Index" "$work/Invert" "$work/Merged" "$work/Postings" "$work/Source" "$work/Extras"
work=$(cd "$work" && pwd)
touch "$work/Extras/meshtree.txt"
start=$(date +%s)
for file in "$@"; do
    base=$(basename "$file" .xml.gz)
    gunzip -c "$file" | transmute -strict -normalize pubmed |
        transmute -compress -strict -wrp PubmedArticleSet -pattern "PubmedArticleSet/*" -format flush > "$work/Source/$base.xml"
    rchive -gzip -db pubmed -input "$work/Source/$base.xml" -archive "$work/Archive" "$work/Index" "$work/Invert" \
        -index MedlineCitation/PMID^Version -pattern PubmedArticle < /dev/null
done
rchive -e2incIndex "$work/Archive" "$work/Index" -transform "$work/Extras/meshtree.txt" -e2index
rchive -e2incInvert "$work/Index" "$work/Invert"
(cd "$work/Invert" && rchive -gzip -merge "$work/Merged" *.inv.gz)
terms="UID TITL TIAB PAIR CODE TREE MESH SUBH YEAR PDAT RDAT JOUR VOL ISS PAGE LANG PROP PTYP ANUM AUTH FAUT LAUT CSRT INVR"
(cd "$work/Merged" && ls *.mrg.gz | sort | xargs -n 100 echo | while read -r files; do rchive -promote "$work/Postings" "$terms" $files; done)
echo "EDirect archive and postings built in $(( $(date +%s) - start )) s"

median() { sort -n | sed -n 3p; }
timed() { # command...: median milliseconds of 5 runs
    for run in 1 2 3 4 5; do
        s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 ))
    done | median
}
echo "| EDirect query | matches | phrase-search ms | litkb query | matches | litkb search --count ms | litkb search (first page) ms |"
echo "|---|---|---|---|---|---|---|"
while IFS='|' read -r edirect ours; do
    n=$(phrase-search -path "$work/Postings" -query "$edirect" | wc -l)
    t=$(timed phrase-search -path "$work/Postings" -query "$edirect")
    m=$("$litkb" search --db "$kb" --no-history --count "$ours")
    c=$(timed "$litkb" search --db "$kb" --no-history --count "$ours")
    p=$(timed "$litkb" search --db "$kb" --no-history "$ours")
    echo "| \`$edirect\` | $n | $t | \`$ours\` | $m | $c | $p |"
done <<'QUERIES'
patients [TIAB]|patients[tiab]
cancer [TIAB] NOT breast [TIAB]|cancer[tiab] NOT breast[tiab]
risk factors [TIAB]|"risk factors"[tiab]
wheez* [TIAB]|wheez*[tiab]
asthma [TIAB] AND child* [TIAB]|asthma[tiab] AND child*[tiab]
review [PTYP]|review[pt]
2020 [YEAR]|2020[dp]
smith j [AUTH]|smith j[au]
covid [TITL]|covid[ti]
QUERIES
echo "litkb --version: $(timed "$litkb" --version) ms; phrase-search with an empty query: $(timed phrase-search -path "$work/Postings" -query "zzzzqqq [TIAB]") ms"
