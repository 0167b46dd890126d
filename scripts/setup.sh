#!/usr/bin/env bash
# Install whatever this machine lacks to build, run and test Huaben on
# Debian/Ubuntu: system packages, tauri-driver, the UI's npm packages.
# Idempotent and quiet when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

APT_PACKAGES=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  webkit2gtk-driver xvfb xauth imagemagick
)
if ! command -v node >/dev/null 2>&1; then APT_PACKAGES+=(nodejs npm); fi

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js $(node --version) is too old; the UI build (Vite) needs Node.js 20.19 or newer" >&2
  exit 1
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo (Rust) is missing; install Rust with rustup first" >&2
  exit 1
fi

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
if ! { command -v tauri-driver >/dev/null 2>&1 || [ -x "$CARGO_BIN/tauri-driver" ]; }; then
  echo "setup: installing tauri-driver 2.x"
  cargo install tauri-driver --version "^2" --locked --quiet
fi

# npm ci when node_modules is missing or older than the lockfile.
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  echo "setup: installing UI packages"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
fi
