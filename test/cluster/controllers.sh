#!/usr/bin/env bash
# Runs the real Flux and Crossplane controllers of the real-cluster stage
# against its "controllers" API server (start.sh), as local processes:
# source-controller, kustomize-controller, helm-controller (built by build.sh
# from test/cluster/go/*) and Crossplane core, plus the local Git server and
# Helm repository (controllers/localServers.ts).
#
# All of them run in one network namespace of their own that has only a
# loopback interface: nothing they do can reach beyond 127.0.0.1. The API
# server comes in through a Unix-socket bridge (controllers/socketBridge.ts)
# at the same 127.0.0.1 address, so the kubeconfig and TLS names are the
# same inside and out. Inside, ports are fixed (the namespace is empty).
#
# Usage:
#   controllers.sh setup BIN_DIR RUN_DIR   the namespace, bridges, CRDs, Git and Helm servers, every controller
#   controllers.sh start RUN_DIR NAME...   start controllers again (after stop)
#   controllers.sh stop RUN_DIR NAME...    stop controllers (by recorded PID)
# NAME: source-controller kustomize-controller helm-controller crossplane.
# Writes RUN_DIR/controllers/controllers.env (read by the story tests).
# stop.sh RUN_DIR stops everything this started.
set -euo pipefail
cd "$(dirname "$0")/../.."
here=test/cluster

command_name="${1:?usage: controllers.sh setup BIN_DIR RUN_DIR | start RUN_DIR NAME... | stop RUN_DIR NAME...}"
shift

# Ports inside the namespace.
SOURCE_STORAGE=127.0.0.1:19090
GIT_USER=flux
declare -A METRICS=([source-controller]=18080 [kustomize-controller]=18082 [helm-controller]=18084 [crossplane]=18086)
declare -A HEALTH=([source-controller]=18081 [kustomize-controller]=18083 [helm-controller]=18085 [crossplane]=18087)
ALL=(source-controller kustomize-controller helm-controller crossplane)

in_namespace() { # command... — runs it inside the controllers' network namespace
  nsenter --net="/proc/$(cat "$dir/netns.pid")/ns/net" -- "$@"
}

start_one() { # name
  local name="$1" bin="$bin_dir/$1" log="$dir/$1.log"
  [ -x "$bin" ] || { echo "controllers.sh: $name is not built ($bin missing): run build.sh" >&2; return 1; }
  local -a args
  case "$name" in
    crossplane)
      args=(core start --namespace crossplane-system --webhook-enabled=false
        --tls-client-certs-dir "$dir/crossplane-tls" --xpkg-cache-dir "$dir/crossplane-xpkg"
        --metrics-port "${METRICS[$name]}" --health-probe-port "${HEALTH[$name]}"
        --poll-interval 10s --sync-interval 1m)
      ;;
    source-controller)
      args=(--enable-leader-election=false --events-addr= --log-encoding console
        --metrics-addr "127.0.0.1:${METRICS[$name]}" --health-addr "127.0.0.1:${HEALTH[$name]}"
        --storage-path "$dir/source-storage" --storage-addr "$SOURCE_STORAGE" --storage-adv-addr "$SOURCE_STORAGE")
      ;;
    *)
      args=(--enable-leader-election=false --events-addr= --log-encoding console
        --metrics-addr "127.0.0.1:${METRICS[$name]}" --health-addr "127.0.0.1:${HEALTH[$name]}")
      ;;
  esac
  echo "--- started $(date -u +%FT%TZ)" >>"$log"
  KUBECONFIG="$kubeconfig" RUNTIME_NAMESPACE=flux-system POD_NAMESPACE=crossplane-system \
    nsenter --net="/proc/$(cat "$dir/netns.pid")/ns/net" -- "$bin" "${args[@]}" >>"$log" 2>&1 &
  echo $! >"$dir/$name.pid"
  local deadline=$((SECONDS + 90))
  until in_namespace curl -sf "http://127.0.0.1:${HEALTH[$name]}/readyz" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$dir/$name.pid")" 2>/dev/null; then
      echo "controllers.sh: $name exited; last lines of its log:" >&2
      tail -n 20 "$log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "controllers.sh: $name not ready after 90 s (log $log)" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "controllers.sh: $name ready"
}

stop_one() { # name
  local pid_file="$dir/$1.pid" pid
  [ -f "$pid_file" ] || return 0
  pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$pid_file"
  echo "controllers.sh: $1 stopped"
}

case "$command_name" in
  setup)
    bin_dir="$(cd "${1:?BIN_DIR}" && pwd)"
    run="$(cd "${2:?RUN_DIR}" && pwd)"
    ;;
  start | stop)
    run="$(cd "${1:?RUN_DIR}" && pwd)"
    shift
    [ "$#" -gt 0 ] || { echo "controllers.sh: name the controllers to $command_name" >&2; exit 1; }
    ;;
  *) echo "controllers.sh: unknown command $command_name" >&2; exit 1 ;;
esac
dir="$run/controllers"
# shellcheck disable=SC1091
set -a; source "$run/cluster.env"; set +a
kubeconfig="$HFC_CLUSTER_CONTROLLERS_KUBECONFIG"

if [ "$command_name" = stop ]; then
  for name in "$@"; do stop_one "$name"; done
  exit 0
fi
if [ "$command_name" = start ]; then
  bin_dir="$(cat "$dir/bin_dir")"
  for name in "$@"; do start_one "$name"; done
  exit 0
fi

# --- setup --------------------------------------------------------------------
for tool in git nsenter unshare ip openssl curl tar; do
  command -v "$tool" >/dev/null || { echo "controllers.sh: $tool is not installed" >&2; exit 1; }
done
mkdir -p "$dir" "$dir/source-storage" "$dir/crossplane-xpkg" "$dir/git" "$dir/charts"
echo "$bin_dir" >"$dir/bin_dir"
api_address="${HFC_CLUSTER_CONTROLLERS_SERVER#https://}"

# The namespace: held by a sleeping process, entered by everything else.
unshare --net sleep infinity &
echo $! >"$dir/netns.pid"
until [ "$(readlink "/proc/$(cat "$dir/netns.pid")/ns/net")" != "$(readlink /proc/self/ns/net)" ]; do sleep 0.05; done
in_namespace ip link set lo up

# The API server, brought into the namespace at the same address.
node --import tsx "$here/controllers/socketBridge.ts" unix-to-tcp "$dir/api.sock" "$api_address" \
  >"$dir/bridge-host.log" 2>&1 &
echo $! >"$dir/bridge-host.pid"
for _ in $(seq 1 100); do [ -S "$dir/api.sock" ] && break; sleep 0.1; done
# (Background commands run nsenter directly, never through a shell function, so that
# the recorded PID is the process itself.)
nsenter --net="/proc/$(cat "$dir/netns.pid")/ns/net" -- \
  node --import tsx "$here/controllers/socketBridge.ts" tcp-to-unix "$api_address" "$dir/api.sock" \
  >"$dir/bridge-namespace.log" 2>&1 &
echo $! >"$dir/bridge-namespace.pid"
until in_namespace curl -sf --cacert "$HFC_CLUSTER_CA" -H "Authorization: Bearer $HFC_CLUSTER_ADMIN_TOKEN" \
  "$HFC_CLUSTER_CONTROLLERS_SERVER/readyz" >/dev/null 2>&1; do sleep 0.2; done

# CRDs (Flux, Crossplane, provider-nop: the project's copies in test/fixtures/crds) and the controllers' namespaces.
node --import tsx "$here/controllers/installCrds.ts" test/fixtures/crds

# Git (bare repositories under git/, basic auth) and Helm (charts/) over HTTP.
git init --quiet --bare --initial-branch=main "$dir/git/crossplane-configs.git"
openssl rand -hex 16 >"$dir/git-password"
nsenter --net="/proc/$(cat "$dir/netns.pid")/ns/net" -- \
  node --import tsx "$here/controllers/localServers.ts" --git-root "$dir/git" \
  --charts "$dir/charts" --username "$GIT_USER" --password-file "$dir/git-password" \
  --port-file "$dir/servers.port" >"$dir/servers.log" 2>&1 &
echo $! >"$dir/servers.pid"
for _ in $(seq 1 100); do [ -s "$dir/servers.port" ] && break; sleep 0.1; done
[ -s "$dir/servers.port" ] || { echo "controllers.sh: the Git/Helm server did not start:" >&2; cat "$dir/servers.log" >&2; exit 1; }

# Crossplane's client certificate for Functions (it will not start without one).
tls="$dir/crossplane-tls"
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=crossplane-ca" \
  -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=crossplane" -keyout "$tls/tls.key" -out "$tls/tls.csr" 2>/dev/null
printf 'extendedKeyUsage=clientAuth\n' >"$tls/tls.ext"
openssl x509 -req -in "$tls/tls.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 2 \
  -extfile "$tls/tls.ext" -out "$tls/tls.crt" 2>/dev/null

servers_port="$(cat "$dir/servers.port")"
cat >"$dir/controllers.env" <<EOF
HFC_CONTROLLERS_DIR=$dir
HFC_CONTROLLERS_GIT_URL=http://127.0.0.1:${servers_port}/git/crossplane-configs.git
HFC_CONTROLLERS_GIT_REPOSITORY=$dir/git/crossplane-configs.git
HFC_CONTROLLERS_GIT_USER=$GIT_USER
HFC_CONTROLLERS_GIT_PASSWORD_FILE=$dir/git-password
HFC_CONTROLLERS_CHARTS_URL=http://127.0.0.1:${servers_port}/charts
HFC_CONTROLLERS_CHARTS_DIR=$dir/charts
EOF

# Each controller that is built starts; one that is missing or fails is
# named, the others run, and the stories that need it are skipped (see
# HFC_CONTROLLERS_RUNNING) while setup exits 1, which fails the stage.
failed=0
running=()
for name in "${ALL[@]}"; do
  if start_one "$name"; then running+=("$name"); else failed=1; fi
done
echo "HFC_CONTROLLERS_RUNNING=${running[*]}" >>"$dir/controllers.env"
[ "$failed" -eq 0 ] || exit 1
echo "controllers.sh: ready (Git and Helm on 127.0.0.1:${servers_port} inside the controllers' network namespace)"
