#!/usr/bin/env bash
# Installs everything the tests need (Debian packages too, when run as root) and runs every suite:
# lint, typecheck (node + web), layers (dependency-cruiser), electron-vite build, the CLI build
# (out/cli), unit, integration and E2E in Debian's Chromium.
# `.ci/run` calls exactly this. Set MOSTRADOR_SKIP_INSTALL=1 to skip the install steps locally.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(xmlsec1 libxml2-utils poppler-utils zbar-tools chromium gnome-keyring dbus-x11
  libsecret-tools xvfb fonts-dejavu-core)

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [ "${MOSTRADOR_SKIP_INSTALL:-0}" != "1" ]; then
  missing=()
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then
      step "apt-get install ${missing[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "Faltan paquetes de Debian: ${missing[*]}. Instálelos con: sudo apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
  fi
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "biome"
npx biome ci .

step "typecheck (node, web)"
npx tsc -p tsconfig.node.json --noEmit
npx tsc -p tsconfig.web.json --noEmit

step "layers and cycles (dependency-cruiser, .dependency-cruiser.cjs)"
npx depcruise src test scripts --config .dependency-cruiser.cjs

step "electron-vite build"
npx electron-vite build

step "renderer build for the browser host"
npx vite build --config vite.renderer.config.ts --logLevel warn

step "CLI and browser host build (out/cli, what bin/mostrador.mjs runs)"
node scripts/build-cli.mjs

# The keychain tests need a real Secret Service: one session bus and an unlocked gnome-keyring
# for the whole run.
step "vitest (unit, integration, e2e) under dbus + gnome-keyring"
mkdir -p test-results
export MOSTRADOR_REAL_KEYRING=1
# gnome-keyring keeps its login keyring under $XDG_DATA_HOME/keyrings: a keyring left by another
# run (created with another password) would start locked and fail every keychain test, so this run
# gets a keyring folder of its own.
KEYRING_HOME="$(mktemp -d)"
trap 'rm -rf "$KEYRING_HOME"' EXIT
export KEYRING_HOME
dbus-run-session -- bash -c '
  set -euo pipefail
  export XDG_DATA_HOME="$KEYRING_HOME"
  eval "$(printf "test-password" | gnome-keyring-daemon --unlock --components=secrets)" >/dev/null
  export GNOME_KEYRING_CONTROL
  npx vitest run "$@"
' vitest "$@"
