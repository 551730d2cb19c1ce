#!/usr/bin/env bash
# Installs Confluent's JavaScript client for ConfluentJavaScriptCompatibilityTest, once, from the committed lock
# file. Without npm the test skips and says so; the build itself does not need Node.js.
#
# install.sh --background DIR: npm ci goes on after this returns, at the lowest priority, and writes its pid to
# DIR/npm-ci.pid, its output to DIR/npm-ci.log and, when it is over, its exit code to DIR/npm-ci.exit, which the test
# waits for. The build calls it so (deploy/pom.xml): the install (about 20 s of CPU, most of it unpacking) then runs
# beside the torture suite, on the CPU it leaves idle, instead of holding up every integration test behind it.
set -euo pipefail
status=""
if [ "${1:-}" = --background ]; then
  status="${2:?install.sh --background DIR}"
  [ "${status#/}" != "$status" ] || status="$PWD/$status" # before the cd below
fi
cd "$(dirname "$0")"
# One install at a time in this folder: one of an earlier build may still run (a build stopped, or one that ran no
# integration test). The lock is held until npm ends, by the background install too, which inherits it. Where there
# is no flock (macOS), builds in one checkout must not overlap.
exec 9<package-lock.json
if command -v flock >/dev/null 2>&1; then
  flock 9
fi
if [ -n "$status" ]; then
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
# Detached, every stream redirected: Maven waits for this script's output to end, not for npm.
(
  echo "$BASHPID" >"$status/npm-ci.pid"
  code=0
  nice -n 19 "${install[@]}" >"$status/npm-ci.log" 2>&1 || code=$?
  echo "$code" >"$status/npm-ci.exit.tmp" && mv "$status/npm-ci.exit.tmp" "$status/npm-ci.exit"
) </dev/null >/dev/null 2>&1 &
# The test waits only where the pid is written: write it before the build goes on.
while [ ! -s "$status/npm-ci.pid" ]; do sleep 0.05; done
