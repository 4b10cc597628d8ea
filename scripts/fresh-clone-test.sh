#!/usr/bin/env bash
# `npm test` the way a new contributor gets it: the git-tracked files copied into a temporary
# folder with nothing beside it (no shared/ reference folder), `npm ci` there (reusing the npm
# cache), then `npm test`. Ends with npm test's `N passed, N failed`; exit code: npm test's.
set -uo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "fresh clone: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

parent=$(mktemp -d "${TMPDIR:-/tmp}/hfc-fresh-clone.XXXXXX") || fail "no temporary folder"
trap 'rm -rf "$parent"' EXIT
dir="$parent/headlamp-flux-crossplane"
mkdir "$dir"
git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$dir" || fail "copying the checkout failed"
[ ! -e "$parent/shared" ] || fail "$parent/shared exists"
echo "fresh clone: $(git ls-files | wc -l) tracked files in $dir"

cd "$dir" || fail "no $dir"
export npm_config_cache="${npm_config_cache:-$HOME/.cache/headlamp-flux-crossplane/npm}"
start=$SECONDS
npm ci --no-audit --no-fund --prefer-offline || fail "npm ci failed"
echo "fresh clone: npm ci took $((SECONDS - start)) s"
npm test
