#!/usr/bin/env bash
# Fetch the Brown word clusters the syntax models read at training time, reproducibly:
#   1. `pip download --no-deps` the pinned spacy-lookups-data wheel into a cache directory,
#   2. check its SHA-256 against scripts/clusters/SHA256SUMS,
#   3. write its English cluster table (en_lexeme_cluster: word -> Brown path, 1,000 classes)
#      as `word<TAB>path` lines, words without a cluster left out, sorted by word.
# The table is stored inside data/models/syntax/model.bin by `annals train syntax`; nothing
# reads this file at run time. Needs pip and python3.
# Output: $ANNALS_CLUSTERS_CACHE/en-brown-clusters.tsv (default target/clusters-cache).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${ANNALS_CLUSTERS_CACHE:-$root/target/clusters-cache}
mkdir -p "$cache"
cd "$cache"
wheel=spacy_lookups_data-1.0.5-py2.py3-none-any.whl
[ -f "$wheel" ] || pip download --quiet --no-deps -d . spacy-lookups-data==1.0.5
sha256sum --check --quiet "$root/scripts/clusters/SHA256SUMS"
python3 - "$wheel" en-brown-clusters.tsv <<'PY'
import gzip, json, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    table = json.loads(gzip.decompress(z.read("spacy_lookups_data/data/en_lexeme_cluster.json.gz")))
with open(out, "w", encoding="utf-8", newline="\n") as o:
    o.write("# Brown clusters from PyPI spacy-lookups-data 1.0.5 (MIT licence), en_lexeme_cluster.\n")
    o.write("# word<TAB>path; the path's first step is its lowest bit.\n")
    for word in sorted(table):
        path = table[word]
        if path and "\t" not in word and "\n" not in word and word.strip() == word and word:
            o.write(f"{word}\t{path}\n")
PY
echo "$cache/en-brown-clusters.tsv: $(grep -vc '^#' en-brown-clusters.tsv) words, sha256 $(sha256sum en-brown-clusters.tsv | cut -d' ' -f1)"
