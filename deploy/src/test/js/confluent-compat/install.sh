#!/usr/bin/env bash
# Installs Confluent's JavaScript client for ConfluentJavaScriptCompatibilityTest, once, from the committed lock
# file. Without npm the test skips and says so; the build itself does not need Node.js.
set -euo pipefail
cd "$(dirname "$0")"
skip_its="${CALLSTREAM_SKIP_ITS:-false}"
if [ "${skip_its,,}" = true ]; then
  exit 0 # -DskipITs: no integration test runs, so none needs the client
fi
if [ -d node_modules/@confluentinc/schemaregistry ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "[callstream] npm not found: ConfluentJavaScriptCompatibilityTest will be skipped (install Node.js 20+ and npm)."
  exit 0
fi
echo "[callstream] npm ci in $(pwd) (Confluent's JavaScript client for the compatibility test)"
npm ci --no-audit --no-fund --loglevel=error
