#!/usr/bin/env bash
# Fetch the word table the syntax models read at training time, reproducibly:
#   1. `pip download --no-deps` the pinned spacy-lookups-data wheel into a cache directory,
#   2. check its SHA-256 against scripts/clusters/SHA256SUMS,
#   3. write `word<TAB>path[<TAB>classes]` lines, sorted by word:
#      - path: the word's Brown cluster path from en_lexeme_cluster (1,000 classes; 0 = none);
#      - classes: the parts of speech WordNet 3.0 allows the lower-case word, one letter each
#        (n noun, N plural noun, v verb, V inflected verb, a adjective, A comparative or
#        superlative adjective, r adverb), from the wheel's en_lemma_index (WordNet's lemma
#        lists), en_lemma_exc (its irregular forms) and en_lemma_rules (regular endings),
#        read in reverse: a lemma plus an ending is an inflected form.
# The table is stored inside data/models/syntax/model.bin by `annals train syntax`; nothing
# reads this file at run time. Needs pip and python3.
# Output: $ANNALS_CLUSTERS_CACHE/en-words.tsv (default target/clusters-cache).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${ANNALS_CLUSTERS_CACHE:-$root/target/clusters-cache}
mkdir -p "$cache"
cd "$cache"
wheel=spacy_lookups_data-1.0.5-py2.py3-none-any.whl
[ -f "$wheel" ] || pip download --quiet --no-deps -d . spacy-lookups-data==1.0.5
sha256sum --check --quiet "$root/scripts/clusters/SHA256SUMS"
python3 - "$wheel" en-words.tsv <<'PY'
import gzip, json, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    def table(name):
        return json.loads(gzip.decompress(z.read(f"spacy_lookups_data/data/{name}.json.gz")))
    clusters = table("en_lexeme_cluster")
    index, irregular, endings = table("en_lemma_index"), table("en_lemma_exc"), table("en_lemma_rules")
# Letter of a lemma and of an inflected form, per WordNet part of speech.
letters = {"noun": ("n", "N"), "verb": ("v", "V"), "adj": ("a", "A"), "adv": ("r", "r")}
classes = {}
def add(word, letter):
    if word and word.isascii() and word.lower() == word and not any(c in word for c in "_ \t"):
        classes.setdefault(word, set()).add(letter)
for pos, (lemma_letter, inflected_letter) in letters.items():
    for lemma in index.get(pos, []):
        add(lemma, lemma_letter)
        # A rule (ending, replacement) turns a form into its lemma; read backwards it turns
        # the lemma into the form.
        for ending, replacement in endings.get(pos, []):
            if ending and lemma.endswith(replacement):
                add(lemma[: len(lemma) - len(replacement)] + ending, inflected_letter)
    for form in irregular.get(pos, {}):
        add(form, inflected_letter)
paths = {w: p for w, p in clusters.items()
         if p and "\t" not in w and "\n" not in w and w.strip() == w and w}
order = "nNvVaAr"
with open(out, "w", encoding="utf-8", newline="\n") as o:
    o.write("# Word table from PyPI spacy-lookups-data 1.0.5 (MIT licence): Brown cluster paths\n")
    o.write("# (en_lexeme_cluster) and WordNet 3.0 classes (en_lemma_index, en_lemma_exc,\n")
    o.write("# en_lemma_rules; WordNet licence, Princeton University).\n")
    o.write("# word<TAB>path (first step in the lowest bit; 0 = no cluster)[<TAB>classes of nNvVaAr]\n")
    for word in sorted(set(paths) | set(classes)):
        letters_of = "".join(l for l in order if l in classes.get(word, ()))
        o.write(f"{word}\t{paths.get(word, 0)}" + (f"\t{letters_of}" if letters_of else "") + "\n")
PY
echo "$cache/en-words.tsv: $(grep -vc '^#' en-words.tsv) words, $(grep -v '^#' en-words.tsv | awk -F'\t' '$2 != 0' | wc -l) with a cluster, $(grep -v '^#' en-words.tsv | awk -F'\t' 'NF == 3' | wc -l) with WordNet classes, sha256 $(sha256sum en-words.tsv | cut -d' ' -f1)"
