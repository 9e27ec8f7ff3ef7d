#!/usr/bin/env bash
# Tests the npm package as vendors get it (docs/package.md): packs pkg/ with `npm pack`,
# installs the tarball into the consumer projects, then runs
#   tests/js          every conformance case through the installed package = native CLI
#   tests/packaging   Vite 8 and webpack 5 production builds, no-bundler page, Web Worker,
#                     strict CSP and privacy in headless Chromium; Node ESM/CJS; tsc --strict;
#                     size budget; CDS Hooks cards
# Expects tools/build-pkg.sh to have built pkg/ and the native CLI to be built.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/npm
rm -f target/npm/chargecheck-*.tgz
tarball=$(cd pkg && npm pack --pack-destination ../target/npm --loglevel=error | tail -1)
tgz="$PWD/target/npm/$tarball"
echo "[test-package] $tarball: $(wc -c < "$tgz") bytes packed" >&2
npm_quiet=(--no-audit --no-fund --loglevel=error)

(cd tests/js && npm install "${npm_quiet[@]}" --no-save "$tgz" \
  && node --test --test-reporter=spec --test-reporter-destination=stdout)

# The consumers' own dependencies come from their committed lock (npm ci); the package
# under test is the tarball, installed without touching the lock.
(cd tests/packaging && npm ci "${npm_quiet[@]}" && npm install "${npm_quiet[@]}" --no-save "$tgz" \
  && node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout)
