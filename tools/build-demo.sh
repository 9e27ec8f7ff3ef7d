#!/usr/bin/env bash
# Assembles the demo page's generated files next to its sources in js-demo/ (all
# gitignored): the built npm package (pkg/, from tools/build-pkg.sh), the CPT short
# labels and global days (rules/facts/cpt-codes.json) and the optional ICD-10-CM titles
# asset (rules/icd10cm/descriptions.tsv, fetched by the page on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
test -f pkg/index.js || { echo "build-demo: pkg/ is missing; run tools/build-pkg.sh first" >&2; exit 1; }
rm -rf js-demo/pkg js-demo/examples js-demo/data
cp -r pkg js-demo/pkg
mkdir -p js-demo/data
cp rules/facts/cpt-codes.json js-demo/data/cpt-codes.json
cp rules/icd10cm/descriptions.tsv js-demo/data/icd10cm-descriptions.tsv
echo "[build-demo] js-demo/ ready ($(du -sh js-demo | cut -f1))" >&2
