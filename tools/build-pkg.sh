#!/usr/bin/env bash
# Builds the npm package `chargecheck` into pkg/: the wasm (release, wasm-opt -Oz) for
# browsers/bundlers (pkg/web, ES module) and for Node (pkg/node, CommonJS), merged with
# pkg-template/ (package.json, README, entry points, types).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf pkg target/pkg-web target/pkg-node
wasm-pack build --release --target web --out-dir target/pkg-web --out-name chargecheck --no-pack 2>&1 | grep -v '^\[INFO\]' || true
wasm-pack build --release --target nodejs --out-dir target/pkg-node --out-name chargecheck --no-pack 2>&1 | grep -v '^\[INFO\]' || true
test -f target/pkg-web/chargecheck_bg.wasm && test -f target/pkg-node/chargecheck_bg.wasm
mkdir -p pkg/web pkg/node
cp target/pkg-web/chargecheck.js target/pkg-web/chargecheck.d.ts target/pkg-web/chargecheck_bg.wasm pkg/web/
cp target/pkg-node/chargecheck.js pkg/node/chargecheck.cjs
cp target/pkg-node/chargecheck.d.ts pkg/node/chargecheck.d.cts
# The CJS glue loads its wasm by name next to itself.
cp target/pkg-node/chargecheck_bg.wasm pkg/node/
cp -r pkg-template/. pkg/
version=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
node -e '
  const fs = require("fs"); const p = JSON.parse(fs.readFileSync("pkg/package.json"));
  p.version = process.argv[1]; fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
' "$version"
echo "[build-pkg] pkg/ $(du -sh pkg | cut -f1); wasm $(wc -c < pkg/web/chargecheck_bg.wasm) bytes, gzipped $(gzip -9 -c pkg/web/chargecheck_bg.wasm | wc -c)" >&2
