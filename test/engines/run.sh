#!/usr/bin/env bash
# The differential render stage (`npm run test:engines`): builds (or takes from the cache)
# kustomize and the flux CLI from their Go modules, then renders every fixture tree of
# test/fixtures/validate/ with the built-in renderer and with both engines
# (test/engines/*.engines.ts). The last line is `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/../.."

build_log=$(mktemp)
bash test/engines/build.sh 2>&1 | tee "$build_log"
build_status=${PIPESTATUS[0]}
engines_dir=$(sed -n 's/^ENGINES_DIR=//p' "$build_log" | tail -n 1)
rm -f "$build_log"
if [ "$build_status" -ne 0 ] || [ -z "$engines_dir" ]; then
  echo "test:engines: the build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi
HFC_ENGINES_DIR="$engines_dir" node scripts/run-tests.mjs --config test/engines/vitest.config.ts "$@"
