#!/usr/bin/env bash
# Builds (or takes from the cache) the real render engines of the differential tests,
# kustomize and the flux CLI, pinned in test/cluster/go/{kustomize,flux}/: the one Go build
# of the project (test/cluster/build.sh, the same caches as the real-cluster stage's binaries).
#
# Prints the directory holding both binaries as its last line, e.g.
#   ENGINES_DIR=/root/.cache/headlamp-flux-crossplane/cluster/bin-1a2b3c4d5e6f
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
bash "$here/../cluster/build.sh" kustomize flux 2>&1 | tee "$log"
bin_dir=$(sed -n 's/^BIN_DIR=//p' "$log" | tail -n 1)
[ -n "$bin_dir" ] && [ -x "$bin_dir/kustomize" ] && [ -x "$bin_dir/flux" ] ||
  { echo "engines/build.sh: kustomize or flux was not built" >&2; exit 1; }
echo "ENGINES_DIR=$bin_dir"
