#!/usr/bin/env bash
# Builds the real render engines of the differential tests (kustomize, the flux CLI) from
# their Go modules, pinned in test/cluster/go/{kustomize,flux}/ (go.mod, go.sum, build.env:
# PKG, BIN, LDFLAGS, optionally EMBED_PLACEHOLDER), and caches the binaries under
# ~/.cache/headlamp-flux-crossplane/go-tools/. A binary is rebuilt only when its go.mod
# (comments aside), go.sum or build.env change (the cache key).
#
# Prints the directory holding both binaries as its last line, e.g.
#   ENGINES_DIR=/root/.cache/headlamp-flux-crossplane/go-tools/bin-1a2b3c4d5e6f
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
modules="$here/../cluster/go"
cache="${HFC_ENGINES_CACHE:-${HOME}/.cache/headlamp-flux-crossplane/go-tools}"
mkdir -p "$cache"

command -v go >/dev/null || { echo "engines/build.sh: go is not installed" >&2; exit 1; }

# Go's caches beside the binaries; two cores: -p=2 keeps the compile jobs in check.
export GOCACHE="${GOCACHE:-${HOME}/.cache/headlamp-flux-crossplane/go/cache}"
export GOMODCACHE="${GOMODCACHE:-${HOME}/.cache/headlamp-flux-crossplane/go/mod}"
export GOFLAGS="-p=2 -mod=readonly -buildvcs=false"
export GOTOOLCHAIN=local

key_of() { # module dir
  { grep -v '^[[:space:]]*//' "$1/go.mod"; cat "$1/go.sum" "$1/build.env"; } | sha256sum | cut -c1-12
}

keys=""
build() { # module name
  local dir="$modules/$1"
  local PKG="" BIN="" LDFLAGS="" EMBED_PLACEHOLDER=""
  # shellcheck disable=SC1091
  . "$dir/build.env"
  [ -n "$PKG" ] && [ -n "$BIN" ] || { echo "engines/build.sh: $dir/build.env needs PKG and BIN" >&2; exit 1; }
  local key
  key="$(key_of "$dir")"
  keys="${keys}${key}"
  local out="$cache/${BIN}-${key}"
  if [ -x "$out" ]; then
    echo "engines/build.sh: ${BIN}: cached ($(basename "$out"))"
    ln -sfn "$out" "$cache/$BIN.current"
    return 0
  fi
  echo "engines/build.sh: ${BIN}: building ${PKG} (from cold: kustomize ~3 min, flux ~10 min on 2 cores)"
  local start=$SECONDS
  if [ -z "$EMBED_PLACEHOLDER" ]; then
    (cd "$dir" && go build -trimpath -ldflags "$LDFLAGS" -o "$out.partial" "$PKG")
  else
    # The package embeds files the module zip lacks: build it from a writable copy of the
    # module (verified against go.sum by the download) with a placeholder in their place.
    local module version src
    module="$(cd "$dir" && go list -m -f '{{.Path}}' all | awk -v pkg="$PKG" 'index(pkg, $0 "/") == 1 { print length($0), $0 }' | sort -rn | head -n 1 | cut -d' ' -f2)"
    version="$(cd "$dir" && go list -m -f '{{.Version}}' "$module")"
    src="$(cd "$dir" && go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    [ -d "$src" ] || { echo "engines/build.sh: cannot find the source of $module@$version" >&2; exit 1; }
    local copy="$cache/src-${BIN}-${key}"
    rm -rf "$copy"
    cp -r "$src" "$copy"
    chmod -R u+w "$copy"
    mkdir -p "$(dirname "$copy/$EMBED_PLACEHOLDER")"
    echo "# placeholder: this ${BIN} is built for the validate differential tests" >"$copy/$EMBED_PLACEHOLDER"
    (cd "$copy" && go build -trimpath -ldflags "$LDFLAGS" -o "$out.partial" "./${PKG#"$module"/}")
    rm -rf "$copy"
  fi
  mv "$out.partial" "$out"
  ln -sfn "$out" "$cache/$BIN.current"
  echo "engines/build.sh: ${BIN}: built in $((SECONDS - start)) s"
}

build kustomize
build flux

# A stable directory of links named as the tools are, to put on PATH.
bin_dir="$cache/bin-$(echo "$keys" | sha256sum | cut -c1-12)"
mkdir -p "$bin_dir"
ln -sfn "$(readlink "$cache/kustomize.current")" "$bin_dir/kustomize"
ln -sfn "$(readlink "$cache/flux.current")" "$bin_dir/flux"

echo "ENGINES_DIR=$bin_dir"
