#!/usr/bin/env bash
# Every test, from a fresh machine: set-up, Rust unit/integration/conformance tests,
# the wasm package build, and the tests of the packed npm package (Node, Vite, webpack,
# headless Chromium, TypeScript): tools/test-package.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
t0=$(date +%s)
tools/setup.sh
echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo test"
cargo test --all-targets
echo "== fuzz, bounded (proptest; tests/fuzz.rs; the long run is tools/bench.sh)"
CHARGECHECK_FUZZ_CASES=5000 cargo test --test fuzz
cargo build --release --quiet
echo "== native conformance run"
target/release/chargecheck conformance ../shared/conformance | tail -1 || true
echo "== wasm package"
tools/build-pkg.sh
echo "== the packed npm package in Node, bundlers, browsers and TypeScript"
tools/test-package.sh
echo "== demo page: pure modules, presets, end-to-end in headless Chromium (screenshots in artifacts/)"
tools/build-demo.sh
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error && node --test --test-reporter=spec --test-reporter-destination=stdout)
echo "== all tests passed in $(( $(date +%s) - t0 ))s"
