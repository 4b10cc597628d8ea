#!/usr/bin/env bash
# Builds the binaries of the real-cluster stage from their Go modules and
# caches them under ~/.cache/headlamp-flux-crossplane/cluster/.
#
# Table-driven: every directory test/cluster/go/<name>/ with a go.mod, a go.sum
# and a build.env is one binary. build.env holds three assignments:
#   PKG=<package path to build>        e.g. github.com/fluxcd/source-controller
#   BIN=<binary name>                   e.g. source-controller
#   LDFLAGS=<go build -ldflags>         may use ${VERSION} and ${VERSION_MINOR}
# VERSION is the version go.mod requires of the module that holds PKG (the
# longest required module path that is a prefix of PKG); VERSION_MINOR its
# second number. The binary is cached as <BIN>-<VERSION>-<key>, where the key
# hashes go.mod (comments aside), go.sum and the expanded LDFLAGS, so it is
# rebuilt only when a pinned version or a flag changes.
#
# Usage: build.sh [NAME...]   (no NAME: every module; NAME: those directories only)
# Prints the directory of links to every module's current binary (those built
# or cached; a module not built yet has no link) as its last line, e.g.
#   BIN_DIR=/root/.cache/headlamp-flux-crossplane/cluster/bin-1a2b3c4d5e6f
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${HFC_CLUSTER_CACHE:-${HOME}/.cache/headlamp-flux-crossplane/cluster}"
go_cache="${HFC_GO_CACHE:-${HOME}/.cache/headlamp-flux-crossplane/go}"
mkdir -p "$cache" "$go_cache/build" "$go_cache/mod"

command -v go >/dev/null || { echo "build.sh: go is not installed" >&2; exit 1; }

# Two cores: -p=2 keeps the compile jobs (and their memory) in check.
export GOFLAGS="-p=2 -mod=readonly -buildvcs=false"
export GOCACHE="$go_cache/build"
export GOMODCACHE="$go_cache/mod"

modules=()
for dir in "$here"/go/*/; do
  dir="${dir%/}"
  [ -f "$dir/go.mod" ] && [ -f "$dir/go.sum" ] && [ -f "$dir/build.env" ] || continue
  modules+=("$(basename "$dir")")
done
[ "${#modules[@]}" -gt 0 ] || { echo "build.sh: no module under $here/go" >&2; exit 1; }

wanted=("$@")
for name in "${wanted[@]}"; do
  [ -f "$here/go/$name/build.env" ] || { echo "build.sh: no module $name (test/cluster/go/$name/build.env)" >&2; exit 1; }
done
is_wanted() {
  [ "${#wanted[@]}" -eq 0 ] && return 0
  local name
  for name in "${wanted[@]}"; do [ "$name" = "$1" ] && return 0; done
  return 1
}

# Reads build.env without running it: only PKG, BIN and LDFLAGS, one per line,
# optionally quoted.
env_value() { # file, variable
  sed -n "s/^$2=//p" "$1" | tail -n 1 | sed -E "s/^'(.*)'\$/\\1/; s/^\"(.*)\"\$/\\1/"
}

# The version go.mod requires of the module holding the package.
version_of() { # go.mod, package
  awk -v pkg="$2" '
    $1 == "require" && $2 != "(" { path = $2; version = $3 }
    $1 == "require" && $2 == "(" { inblock = 1; next }
    inblock && $1 == ")" { inblock = 0; next }
    inblock { path = $1; version = $2 }
    path != "" && (pkg == path || index(pkg, path "/") == 1) && length(path) > best {
      best = length(path); found = version
    }
    { path = "" }
    END { print found }
  ' "$1"
}

key_of() { # dir, flags — comments in go.mod do not count
  { grep -v '^[[:space:]]*//' "$1/go.mod"; cat "$1/go.sum"; echo "$2"; } | sha256sum | cut -c1-12
}

# Prints a line every 30 s while a build runs, so a slow build is visibly alive.
ticker() { # name, start
  while sleep 30; do
    echo "build.sh: $1: still building, $((SECONDS - $2)) s so far"
  done
}

build() { # name, dir, package, ldflags, output
  local name="$1" dir="$2" pkg="$3" flags="$4" out="$5"
  echo "build.sh: ${name}: building ${pkg} (cold builds with module downloads take minutes on 2 cores)"
  local start=$SECONDS
  ticker "$name" "$start" &
  local ticker_pid=$!
  local status=0
  (cd "$dir" && go build -trimpath -ldflags "$flags" -o "$out.partial" "$pkg") || status=$?
  kill "$ticker_pid" 2>/dev/null || true
  wait "$ticker_pid" 2>/dev/null || true
  if [ "$status" -ne 0 ]; then
    rm -f "$out.partial"
    echo "build.sh: ${name}: FAILED after $((SECONDS - start)) s" >&2
    return "$status"
  fi
  mv "$out.partial" "$out"
  echo "build.sh: ${name}: built in $((SECONDS - start)) s"
}

declare -A current=() # BIN -> cached binary path
all_keys=""
failed=0
for name in "${modules[@]}"; do
  dir="$here/go/$name"
  pkg="$(env_value "$dir/build.env" PKG)"
  bin="$(env_value "$dir/build.env" BIN)"
  flags_template="$(env_value "$dir/build.env" LDFLAGS)"
  [ -n "$pkg" ] && [ -n "$bin" ] || { echo "build.sh: $name/build.env needs PKG= and BIN=" >&2; exit 1; }
  VERSION="$(version_of "$dir/go.mod" "$pkg")"
  [ -n "$VERSION" ] || { echo "build.sh: $name/go.mod requires no module holding $pkg" >&2; exit 1; }
  VERSION_MINOR="$(echo "$VERSION" | cut -d. -f2)"
  flags="${flags_template//\$\{VERSION\}/$VERSION}"
  flags="${flags//\$\{VERSION_MINOR\}/$VERSION_MINOR}"
  key="$(key_of "$dir" "$flags")"
  out="$cache/${bin}-${VERSION}-${key}"
  all_keys="${all_keys}${bin}=${key};"
  current[$bin]="$out"
  if [ -x "$out" ]; then
    echo "build.sh: ${name}: cached ($(basename "$out"))"
  elif is_wanted "$name"; then
    # Another run (a second worktree, CI beside a developer) may be building the same binary:
    # wait for it instead of writing the same output twice.
    exec {lock_fd}>"$out.lock"
    if ! flock -n "$lock_fd"; then
      echo "build.sh: ${name}: another build of it is running; waiting for it"
      flock "$lock_fd"
    fi
    if [ -x "$out" ]; then
      echo "build.sh: ${name}: built by the other run ($(basename "$out"))"
    else
      build "$name" "$dir" "$pkg" "$flags" "$out" || failed=1
    fi
    flock -u "$lock_fd"
    exec {lock_fd}>&-
  fi
done

# A stable directory of links to the current binaries, for start.sh.
bin_dir="$cache/bin-$(echo "$all_keys" | sha256sum | cut -c1-12)"
mkdir -p "$bin_dir"
for bin in "${!current[@]}"; do
  if [ -x "${current[$bin]}" ]; then ln -sfn "${current[$bin]}" "$bin_dir/$bin"; fi
done

# Old builds (other keys) are removed so the cache does not grow with each bump.
for bin in "${!current[@]}"; do
  for old in "$cache/${bin}"-v*; do
    [ -e "$old" ] || continue
    [ "$old" = "${current[$bin]}" ] || [ "$old" = "${current[$bin]}.partial" ] ||
      [ "$old" = "${current[$bin]}.lock" ] || rm -f "$old"
  done
done
# Link directories of other module sets go after a day (another worktree may be using one now).
find "$cache" -maxdepth 1 -name 'bin-*' -type d -mmin +1440 ! -path "$bin_dir" -exec rm -rf {} +

echo "BIN_DIR=$bin_dir"
[ "$failed" -eq 0 ] || { echo "build.sh: a build failed (above); the others are linked" >&2; exit 1; }
