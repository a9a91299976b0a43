#!/usr/bin/env bash
# Installs what Ferry and its test bed need: Debian packages, npm packages, the build,
# and the Go-built binaries of the test bed (cached outside the repo).
set -euo pipefail
cd "$(dirname "$0")/.."

debian_packages=(git docker-registry apache2-utils ca-certificates openssl gnupg chromium)
missing=()
for p in "${debian_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's package starts a registry service on :5000; the test bed runs its own.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now docker-registry >/dev/null 2>&1 || true; fi

command -v go >/dev/null || { echo "Go 1.26 is required (the test bed builds Kubernetes from the Go module proxy)"; exit 1; }
command -v node >/dev/null || { echo "Node.js 20 is required"; exit 1; }

echo "==> npm ci"
npm ci --no-audit --no-fund --loglevel=error
echo "==> build"
npm run -s build
echo "==> test bed binaries (cold: ~10 minutes on 2 cores; warm: instant)"
node dist/src/cli/main.js testbed build >/dev/null
