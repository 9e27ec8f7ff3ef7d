#!/usr/bin/env bash
# Every benchmark, one command (BENCHMARKS.md): native criterion benches, the Node and
# headless-Chromium harnesses on the built package, and the budget check.
#
#   tools/bench.sh            full run (about 10-15 minutes on 2 cores)
#   tools/bench.sh --quick    a tenth of the calls, short criterion runs (about 3 minutes)
#
# Figures go to target/bench/ (criterion's reports, node.json, chromium.json,
# native.json, summary.md) and the summary is printed. Set BENCH_STRICT=1 to exit 1
# when a budget is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
quick=""; [[ "${1:-}" == "--quick" ]] && quick="--quick"
out=target/bench; mkdir -p "$out"
tools/setup.sh >/dev/null

# One build of the library for the benches: the release profile's panic=abort and the
# bench profile's LTO would otherwise build it twice into the same file names (cargo
# issue 6313), which breaks links at random.
export CARGO_PROFILE_BENCH_LTO=off CARGO_PROFILE_BENCH_PANIC=unwind CRITERION_HOME="$PWD/$out/criterion"
crit=(); [[ -n "$quick" ]] && crit=(--warm-up-time 1 --measurement-time 2)
echo "== criterion (native)"
cargo bench --target-dir target/bench-build --bench validate -- "${crit[@]}" 2>&1 | tee "$out/criterion.txt" | grep -E '^[a-z]|time:|thrpt:'
if [[ -f benches/icd_lookup.rs ]]; then
  cargo bench --target-dir target/bench-build --bench icd_lookup -- "${crit[@]}" 2>&1 | tee "$out/criterion-icd.txt" | grep -E '^[a-z]|time:|thrpt:'
fi
echo "== fuzz, long run in an optimized build (10 ms per call enforced)"
CHARGECHECK_FUZZ_CASES=${FUZZ_CASES:-20000} cargo test --profile bench --target-dir target/bench-build --test fuzz -- --nocapture 2>&1 \
  | tee "$out/fuzz.txt" | grep -E 'worst case|test result'
# Criterion's point estimates (ns) for the summary.
node -e '
  const fs = require("fs"), path = require("path");
  const root = process.argv[2], out = {};
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { if (e.name === "new" && fs.existsSync(path.join(p, "estimates.json"))) {
      const est = JSON.parse(fs.readFileSync(path.join(p, "estimates.json")));
      const bench = JSON.parse(fs.readFileSync(path.join(p, "benchmark.json")));
      out[bench.full_id] = { median_ns: est.median.point_estimate, mean_ns: est.mean.point_estimate };
    } else walk(p); } } };
  if (fs.existsSync(root)) walk(root);
  fs.writeFileSync(process.argv[1], JSON.stringify(out, null, 2) + "\n");
' "$out/native.json" "$out/criterion"

echo "== wasm package"
unset CARGO_PROFILE_BENCH_LTO CARGO_PROFILE_BENCH_PANIC
tools/build-pkg.sh
(cd bench && npm install --no-audit --no-fund --loglevel=error >/dev/null)
echo "== Node harness"
node bench/node.mjs $quick --out "$out/node.json" >/dev/null
echo "== headless Chromium harness"
node bench/browser.mjs $quick --out "$out/chromium.json" >/dev/null
echo "== summary"
node bench/summary.mjs "$out" | tee "$out/summary.md"
