#!/usr/bin/env bash
# Installs Confluent's JavaScript client for ConfluentJavaScriptCompatibilityTest, once, from the committed lock
# file. Without npm the test skips and says so; the build itself does not need Node.js.
#
# install.sh --background DIR: npm ci goes on after this returns, at a lower priority, and writes DIR/npm-ci.log and,
# when it is over, its exit code to DIR/npm-ci.exit, which the test waits for. The build calls it so: the install
# (about 20 s of CPU, most of it unpacking) then runs beside the torture suite, which leaves part of the cores idle,
# instead of holding up every integration test behind it.
set -euo pipefail
cd "$(dirname "$0")"
status=""
if [ "${1:-}" = --background ]; then
  status="${2:?install.sh --background DIR}"
  rm -rf "$status" # what an earlier build left there says nothing of this one
fi
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
install=(npm ci --no-audit --no-fund --loglevel=error)
if [ -z "$status" ]; then
  echo "[callstream] npm ci in $(pwd) (Confluent's JavaScript client for the compatibility test)"
  "${install[@]}"
  exit 0
fi
mkdir -p "$status"
echo "[callstream] npm ci in $(pwd), in the background (Confluent's JavaScript client for the compatibility test;" \
  "its log: $status/npm-ci.log)"
touch "$status/npm-ci.started"
# Detached, every stream redirected: Maven waits for this script's output to end, not for npm.
(
  code=0
  nice -n 10 "${install[@]}" >"$status/npm-ci.log" 2>&1 || code=$?
  echo "$code" >"$status/npm-ci.exit.tmp" && mv "$status/npm-ci.exit.tmp" "$status/npm-ci.exit"
) </dev/null >/dev/null 2>&1 &
disown
