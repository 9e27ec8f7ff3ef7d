#!/usr/bin/env bash
# Installs everything chargecheck needs on a fresh machine that has only rustup, cargo,
# node, npm and python3, and that can reach crates.io, npm, PyPI and Debian's apt but NOT
# GitHub. Idempotent: a second run takes seconds.
#
#   tools/setup.sh            # Rust wasm target, wasm-pack, wasm-bindgen-cli, wasm-opt, npm deps, Chromium
#   WITH_BROWSER=0 tools/setup.sh   # skip Chromium (the demo does not need it)
#
# Traps this avoids (measured on Debian 12, see ../shared/toolchain/NOTES.md):
# - npm's `wasm-pack` downloads from GitHub and fails: install it with cargo.
# - wasm-bindgen-cli must equal the wasm-bindgen version in Cargo.lock EXACTLY, or
#   wasm-pack silently builds its own copy (minutes, every fresh cache). Cargo.toml pins it.
# - `cargo install wasm-bindgen-cli --locked` fails here (a locked dependency is missing
#   from the registry): install without --locked.
# - Debian bookworm's binaryen (v108) emits modules that throw at load; use npm's
#   binaryen and put it first on PATH (wasm-pack takes the first wasm-opt it finds).
# - `npx playwright install` downloads a browser and fails: use Debian's chromium with
#   playwright-core; wasm-pack's browser tests need chromedriver on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
BINARYEN_NPM_VERSION=132.0.0
TOOLS_DIR=${WASM_TOOLS_DIR:-$HOME/.cache/chargecheck-tools}
LINK_DIR=${WASM_LINK_DIR:-$HOME/.cargo/bin}   # already on PATH wherever cargo is
WITH_BROWSER=${WITH_BROWSER:-1}
WASM_BINDGEN_VERSION=$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

step() { local s; s=$(date +%s); echo "[setup] $*" >&2; "$@"; echo "[setup] done in $(( $(date +%s) - s ))s" >&2; }

rustup target list --installed | grep -qx wasm32-unknown-unknown || step rustup target add wasm32-unknown-unknown
rustup component list --installed 2>/dev/null | grep -q "^rustfmt" || step rustup component add rustfmt

[ "$(wasm-pack --version 2>/dev/null || true)" = "wasm-pack $WASM_PACK_VERSION" ] \
  || step cargo install wasm-pack --version "$WASM_PACK_VERSION"

[ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] \
  || step cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force

want_major=${BINARYEN_NPM_VERSION%%.*}
if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $want_major "; then
  mkdir -p "$TOOLS_DIR"
  step npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_NPM_VERSION"
fi
mkdir -p "$LINK_DIR"
ln -sf "$TOOLS_DIR/node_modules/binaryen/bin/wasm-opt" "$LINK_DIR/wasm-opt"
resolved=$(command -v wasm-opt || true)
if [ "$resolved" != "$LINK_DIR/wasm-opt" ]; then
  echo "[setup] WARNING: wasm-opt resolves to $resolved; put $LINK_DIR first on PATH" >&2
fi

if [ "$WITH_BROWSER" = 1 ] && ! { command -v chromium && command -v chromedriver; } >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages' -newermt '-1 day' 2>/dev/null | head -1)" ]; then
    step $SUDO apt-get update -qq
  fi
  step $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
fi

# Node packages for the JS tests (playwright-core drives Debian's chromium; no browser download).
if [ -f tests/js/package.json ]; then
  (cd tests/js && step npm install --no-audit --no-fund --loglevel=error)
fi

echo "[setup] $(wasm-pack --version); $(wasm-bindgen --version); wasm-opt $(wasm-opt --version | awk '{print $3}')" >&2
