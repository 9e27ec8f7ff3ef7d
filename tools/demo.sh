#!/usr/bin/env bash
# The main job: set up, build, run the CLI on every example, then serve the demo page.
#   tools/demo.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WITH_BROWSER=0 tools/setup.sh
cargo build --release --quiet
tools/build-pkg.sh
for f in examples/*.json; do
  echo "== chargecheck check $f"
  target/release/chargecheck check "$f" | node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8"));
    console.log(`status: ${r.status} (rules ${r.rules_version})`);
    for (const f of r.findings) console.log(`  ${f.severity.padEnd(7)} ${f.rule}: ${f.message}`);'
done
tools/build-demo.sh
exec node tools/serve.mjs js-demo --port "${1:-8080}"
