#!/usr/bin/env bash
# Starts etcd and two kube-apiservers on 127.0.0.1 for the real-cluster stage:
#   main    — the Flux, Crossplane and provider-nop CRDs and the scenario go here;
#   second  — the same etcd under another prefix: an empty cluster that the
#             "Crossplane CRDs deleted" tests own;
#   controllers — a third prefix, where real Flux and Crossplane controllers
#             run (controllers.sh) and the failure stories play out.
# Both use generated certificates, RBAC authorization and a static token file
# with three users:
#   admin   — group system:masters (bound to cluster-admin by the bootstrap policy)
#   reader  — get/list/watch on everything (ClusterRole hfc-reader, made by setup)
#   team    — everything in namespace $HFC_TEAM_NAMESPACE only (Role hfc-team, made by setup)
#
# Usage: start.sh BIN_DIR RUN_DIR
# Writes RUN_DIR/cluster.env (sourced by run.sh, read by the tests) and
# RUN_DIR/kubeconfig (contexts admin, reader, team, second-admin, controllers-admin)
# and RUN_DIR/controllers.kubeconfig (controllers-admin only, for the controllers).
# stop.sh RUN_DIR stops it all.
set -euo pipefail
bin_dir="${1:?usage: start.sh BIN_DIR RUN_DIR}"
run="${2:?usage: start.sh BIN_DIR RUN_DIR}"
mkdir -p "$run"
run="$(cd "$run" && pwd)"
team_namespace="${HFC_TEAM_NAMESPACE:-flux-system}"

for tool in openssl curl node; do
  command -v "$tool" >/dev/null || { echo "start.sh: $tool is not installed" >&2; exit 1; }
done

# Free loopback ports, chosen by the kernel.
read -r etcd_port etcd_peer_port api_port second_port controllers_port < <(node -e '
const net = require("node:net");
const servers = [];
const next = () => new Promise(resolve => {
  const server = net.createServer();
  server.listen(0, "127.0.0.1", () => { servers.push(server); resolve(server.address().port); });
});
(async () => {
  const ports = [];
  for (let i = 0; i < 5; i++) ports.push(await next());
  servers.forEach(server => server.close());
  console.log(ports.join(" "));
})();')

# --- certificates -------------------------------------------------------------
pki="$run/pki"
mkdir -p "$pki"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=hfc-test-ca" \
  -keyout "$pki/ca.key" -out "$pki/ca.crt" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
  -keyout "$pki/apiserver.key" -out "$pki/apiserver.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$pki/apiserver.ext"
openssl x509 -req -in "$pki/apiserver.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
  -CAcreateserial -days 2 -extfile "$pki/apiserver.ext" -out "$pki/apiserver.crt" 2>/dev/null
openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null

# --- users --------------------------------------------------------------------
token() { openssl rand -hex 24; }
admin_token="$(token)"
reader_token="$(token)"
team_token="$(token)"
cat >"$pki/tokens.csv" <<EOF
${admin_token},admin,uid-admin,"system:masters"
${reader_token},reader,uid-reader
${team_token},team,uid-team
EOF
chmod 600 "$pki"/*.key "$pki/tokens.csv"

# --- etcd ---------------------------------------------------------------------
"$bin_dir/etcd" \
  --name hfc \
  --data-dir "$run/etcd" \
  --listen-client-urls "http://127.0.0.1:${etcd_port}" \
  --advertise-client-urls "http://127.0.0.1:${etcd_port}" \
  --listen-peer-urls "http://127.0.0.1:${etcd_peer_port}" \
  --initial-advertise-peer-urls "http://127.0.0.1:${etcd_peer_port}" \
  --initial-cluster "hfc=http://127.0.0.1:${etcd_peer_port}" \
  --unsafe-no-fsync \
  --log-level warn \
  >"$run/etcd.log" 2>&1 &
echo $! >"$run/etcd.pid"

# --- kube-apiserver -----------------------------------------------------------
start_apiserver() { # name, port, etcd prefix
  "$bin_dir/kube-apiserver" \
    --bind-address 127.0.0.1 \
    --advertise-address 127.0.0.1 \
    --secure-port "$2" \
    --etcd-servers "http://127.0.0.1:${etcd_port}" \
    --etcd-prefix "$3" \
    --tls-cert-file "$pki/apiserver.crt" \
    --tls-private-key-file "$pki/apiserver.key" \
    --client-ca-file "$pki/ca.crt" \
    --token-auth-file "$pki/tokens.csv" \
    --authorization-mode RBAC \
    --anonymous-auth=false \
    --service-account-issuer https://kubernetes.default.svc \
    --service-account-key-file "$pki/sa.pub" \
    --service-account-signing-key-file "$pki/sa.key" \
    --service-cluster-ip-range 10.96.0.0/24 \
    --endpoint-reconciler-type none \
    --profiling=false \
    -v 1 \
    >"$run/apiserver-$1.log" 2>&1 &
  echo $! >"$run/apiserver-$1.pid"
}
start_apiserver main "$api_port" /registry
start_apiserver second "$second_port" /registry-second
start_apiserver controllers "$controllers_port" /registry-controllers

wait_ready() { # name, port, pid file
  local deadline=$((SECONDS + 180))
  until curl -sf --cacert "$pki/ca.crt" -H "Authorization: Bearer ${admin_token}" \
    "https://127.0.0.1:$2/readyz" >/dev/null 2>&1; do
    if ! kill -0 "$(cat "$3")" 2>/dev/null; then
      echo "start.sh: $1 exited; last lines of its log:" >&2
      tail -n 30 "$run/$(basename "$3" .pid).log" >&2
      return 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "start.sh: $1 not ready after 180 s" >&2
      return 1
    fi
    sleep 0.5
  done
}
wait_ready main "$api_port" "$run/apiserver-main.pid"
wait_ready second "$second_port" "$run/apiserver-second.pid"
wait_ready controllers "$controllers_port" "$run/apiserver-controllers.pid"

# --- kubeconfig and environment for the tests ---------------------------------
ca_data="$(base64 -w0 <"$pki/ca.crt")"
cat >"$run/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: hfc-main
  cluster:
    server: https://127.0.0.1:${api_port}
    certificate-authority-data: ${ca_data}
- name: hfc-second
  cluster:
    server: https://127.0.0.1:${second_port}
    certificate-authority-data: ${ca_data}
- name: hfc-controllers
  cluster:
    server: https://127.0.0.1:${controllers_port}
    certificate-authority-data: ${ca_data}
users:
- name: admin
  user: {token: ${admin_token}}
- name: reader
  user: {token: ${reader_token}}
- name: team
  user: {token: ${team_token}}
contexts:
- name: admin
  context: {cluster: hfc-main, user: admin}
- name: reader
  context: {cluster: hfc-main, user: reader}
- name: team
  context: {cluster: hfc-main, user: team, namespace: ${team_namespace}}
- name: second-admin
  context: {cluster: hfc-second, user: admin}
- name: controllers-admin
  context: {cluster: hfc-controllers, user: admin}
current-context: admin
EOF
chmod 600 "$run/kubeconfig"
cat >"$run/controllers.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: hfc-controllers
  cluster:
    server: https://127.0.0.1:${controllers_port}
    certificate-authority-data: ${ca_data}
users:
- name: admin
  user: {token: ${admin_token}}
contexts:
- name: controllers-admin
  context: {cluster: hfc-controllers, user: admin}
current-context: controllers-admin
EOF
chmod 600 "$run/controllers.kubeconfig"

cat >"$run/cluster.env" <<EOF
HFC_CLUSTER_RUN_DIR=$run
HFC_CLUSTER_SERVER=https://127.0.0.1:${api_port}
HFC_CLUSTER_SECOND_SERVER=https://127.0.0.1:${second_port}
HFC_CLUSTER_CONTROLLERS_SERVER=https://127.0.0.1:${controllers_port}
HFC_CLUSTER_CONTROLLERS_KUBECONFIG=$run/controllers.kubeconfig
HFC_CLUSTER_CA=$pki/ca.crt
HFC_CLUSTER_KUBECONFIG=$run/kubeconfig
HFC_CLUSTER_ADMIN_TOKEN=${admin_token}
HFC_CLUSTER_READER_TOKEN=${reader_token}
HFC_CLUSTER_TEAM_TOKEN=${team_token}
HFC_TEAM_NAMESPACE=${team_namespace}
EOF
chmod 600 "$run/cluster.env"
echo "start.sh: etcd on 127.0.0.1:${etcd_port}, kube-apiserver main on 127.0.0.1:${api_port}, second on 127.0.0.1:${second_port}, controllers on 127.0.0.1:${controllers_port}"
