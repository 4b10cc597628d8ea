#!/usr/bin/env bash
# Builds kube-apiserver and etcd for the real-cluster stage from their Go
# modules (pinned in test/cluster/go/*/go.mod) and caches the binaries under
# ~/.cache/headlamp-flux-crossplane/cluster/. A binary is rebuilt only when
# its go.mod (comments aside), go.sum or build flags change (the cache key).
#
# Prints the directory holding both binaries as its last line, e.g.
#   BIN_DIR=/root/.cache/headlamp-flux-crossplane/cluster/bin-1a2b3c4d5e6f
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cache="${HFC_CLUSTER_CACHE:-${HOME}/.cache/headlamp-flux-crossplane/cluster}"
mkdir -p "$cache"

command -v go >/dev/null || { echo "build.sh: go is not installed" >&2; exit 1; }

# Version strings the binaries report (kube-apiserver /version, etcd --version
# come from the modules themselves); kept in step with go/apiserver/go.mod.
k8s_version="$(awk '$1 == "require" && $2 == "k8s.io/kubernetes" {print $3}' "$here/go/apiserver/go.mod")"
etcd_version="$(awk '$1 == "require" && $2 == "go.etcd.io/etcd/server/v3" {print $3}' "$here/go/etcd/go.mod")"
[ -n "$k8s_version" ] && [ -n "$etcd_version" ] || { echo "build.sh: cannot read the pinned versions" >&2; exit 1; }
k8s_minor="$(echo "$k8s_version" | cut -d. -f2)"

apiserver_ldflags="-s -w -X k8s.io/component-base/version.gitVersion=${k8s_version} -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${k8s_minor}"
etcd_ldflags="-s -w"

key_of() { # dir, flags — comments in go.mod do not count
  { grep -v '^[[:space:]]*//' "$1/go.mod"; cat "$1/go.sum"; echo "$2"; } | sha256sum | cut -c1-12
}
apiserver_key="$(key_of "$here/go/apiserver" "$apiserver_ldflags")"
etcd_key="$(key_of "$here/go/etcd" "$etcd_ldflags")"
apiserver_bin="$cache/kube-apiserver-${k8s_version}-${apiserver_key}"
etcd_bin="$cache/etcd-${etcd_version}-${etcd_key}"

# Two cores: -p=2 keeps the compile jobs (and their memory) in check.
export GOFLAGS="-p=2 -mod=readonly -buildvcs=false"

build() { # name, module dir, package, ldflags, output
  local name="$1" dir="$2" pkg="$3" flags="$4" out="$5"
  if [ -x "$out" ]; then
    echo "build.sh: ${name}: cached ($(basename "$out"))"
    return 0
  fi
  echo "build.sh: ${name}: building ${pkg} (from cold, with module downloads: etcd ~3 min, kube-apiserver ~10 min on 2 cores)"
  local start=$SECONDS
  (cd "$dir" && go build -trimpath -ldflags "$flags" -o "$out.partial" "$pkg")
  mv "$out.partial" "$out"
  echo "build.sh: ${name}: built in $((SECONDS - start)) s"
}

build etcd "$here/go/etcd" go.etcd.io/etcd/server/v3 "$etcd_ldflags" "$etcd_bin"
build kube-apiserver "$here/go/apiserver" k8s.io/kubernetes/cmd/kube-apiserver "$apiserver_ldflags" "$apiserver_bin"

# A stable directory of links to the current pair, for start.sh.
bin_dir="$cache/bin-$(echo "${apiserver_key}${etcd_key}" | sha256sum | cut -c1-12)"
mkdir -p "$bin_dir"
ln -sfn "$apiserver_bin" "$bin_dir/kube-apiserver"
ln -sfn "$etcd_bin" "$bin_dir/etcd"

# Old builds (other keys) are removed so the cache does not grow with each bump.
for old in "$cache"/kube-apiserver-* "$cache"/etcd-* "$cache"/bin-*; do
  [ -e "$old" ] || continue
  case "$old" in
    "$apiserver_bin" | "$etcd_bin" | "$bin_dir") ;;
    *.partial) rm -f "$old" ;;
    *) rm -rf "$old" ;;
  esac
done

echo "BIN_DIR=$bin_dir"
