#!/usr/bin/env bash
# The real-cluster stage (`npm run test:cluster`): builds (or takes from the
# cache) kube-apiserver, etcd and the Flux and Crossplane controllers, starts
# them on 127.0.0.1 (the controllers in a network namespace of their own), runs
# test/cluster/**/*.cluster.ts against them, stops them, and prints how long
# each part took. The last line is `N passed, N failed`.
#
# Extra arguments go to vitest (e.g. a file filter: `npm run test:cluster -- rbac`).
# HFC_CLUSTER_BROWSER_GATE=FILE makes the browser part wait until FILE exists (.ci/run runs
# this stage beside its other stages: the browser part then starts after those have built
# dist/main.js and run their own browser tests). HFC_CLUSTER_BUILT_MARK=FILE is created when
# the build has ended (.ci/run then starts the engines' Go build, so that on cold caches the
# two builds do not share the CPU while the controller stories, which wait, could).
# HFC_CLUSTER_KEEP=1 leaves the servers' run directory (logs, kubeconfig) behind;
# the servers themselves are always stopped.
set -uo pipefail
cd "$(dirname "$0")/../.."
here=test/cluster

fail_early() {
  echo "test:cluster: $1" >&2
  echo "0 passed, 1 failed"
  exit 1
}

stage_start=$SECONDS
echo "::: cluster: build (cached under ~/.cache/headlamp-flux-crossplane/cluster)"
build_log=$(mktemp)
# The stage's own servers and controllers (go/kustomize and go/flux, the validate engines,
# are built by the same build.sh for test/engines).
bash "$here/build.sh" etcd apiserver source-controller kustomize-controller helm-controller crossplane 2>&1 | tee "$build_log"
build_status=${PIPESTATUS[0]}
[ -z "${HFC_CLUSTER_BUILT_MARK:-}" ] || touch "$HFC_CLUSTER_BUILT_MARK"
bin_dir=$(sed -n 's/^BIN_DIR=//p' "$build_log" | tail -n 1)
rm -f "$build_log"
[ "$build_status" -eq 0 ] && [ -n "$bin_dir" ] || fail_early "the build failed"
build_secs=$((SECONDS - stage_start))

start_start=$SECONDS
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/hfc-cluster.XXXXXX")
cleanup() {
  bash "$here/stop.sh" "$run_dir"
  if [ "${HFC_CLUSTER_KEEP:-0}" = 1 ]; then echo "test:cluster: logs and kubeconfig kept in $run_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
echo "::: cluster: start etcd and kube-apiserver on 127.0.0.1"
bash "$here/start.sh" "$bin_dir" "$run_dir" || fail_early "the servers did not start (logs in $run_dir)"
echo "::: cluster: start the Flux and Crossplane controllers, the Git server and Helm repository"
controllers_failed=0
bash "$here/controllers.sh" setup "$bin_dir" "$run_dir" || {
  controllers_failed=1
  echo "test:cluster: the controllers did not all start (logs in $run_dir/controllers); their stories will fail" >&2
}
start_secs=$((SECONDS - start_start))

set -a
# shellcheck disable=SC1091
source "$run_dir/cluster.env"
set +a

tests_start=$SECONDS
# The tests run the CLI's bundle (bin/ → dist-cli/): built from the current sources, once,
# before the test runs below start (vitest's globalSetup builds it again, atomically).
node scripts/build-cli.mjs || fail_early "the CLI bundle did not build"
test_log=$(mktemp)
stories_pid=""
if [ "$#" -eq 0 ]; then
  # The controller stories (third API server, minutes of real waits, mostly idle) run beside the
  # other files (main and second API servers) and the browser tests; their output follows.
  stories_log=$(mktemp)
  echo "::: cluster: controller stories started (their output follows the other tests')"
  HFC_CLUSTER_FILES=stories node scripts/run-tests.mjs --config test/cluster/vitest.config.ts >"$stories_log" 2>&1 &
  stories_pid=$!
  echo "::: cluster: tests"
  HFC_CLUSTER_FILES=others nice -n 5 node scripts/run-tests.mjs --config test/cluster/vitest.config.ts 2>&1 | tee "$test_log"
else
  echo "::: cluster: tests"
  node scripts/run-tests.mjs --config test/cluster/vitest.config.ts "$@" 2>&1 | tee "$test_log"
fi
test_status=${PIPESTATUS[0]}
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$test_log" | tail -n 1)
rm -f "$test_log"

# The built plugin in Chromium against this API server, inside the real Headlamp of
# test/e2e/headlampBuilds.json (its backend reads the kubeconfig; the shell proxy where absent).
if [ -n "${HFC_CLUSTER_BROWSER_GATE:-}" ] && [ ! -e "$HFC_CLUSTER_BROWSER_GATE" ]; then
  echo "::: cluster: browser tests wait for CI's build and browser stages"
  gate_start=$SECONDS
  next_line=$((SECONDS + 30))
  until [ -e "$HFC_CLUSTER_BROWSER_GATE" ]; do
    sleep 1
    if [ "$SECONDS" -ge "$next_line" ]; then
      echo "test:cluster: still waiting for the build and browser stages, $((SECONDS - gate_start)) s"
      next_line=$((next_line + 30))
    fi
  done
fi
echo "::: cluster: browser tests against the real API server"
browser_log=$(mktemp)
nice -n 5 node --import tsx test/e2e/runRealCluster.ts 2>&1 | tee "$browser_log"
browser_status=${PIPESTATUS[0]}
browser_summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$browser_log" | tail -n 1)
rm -f "$browser_log"
count() {
  local line="${1:-0 passed, 1 failed}"
  if [ "$2" = 1 ]; then echo "$line" | sed -E 's/^([0-9]+) passed.*/\1/'; else echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/'; fi
}
passed_total=$(( $(count "$summary" 1) + $(count "$browser_summary" 1) ))
failed_total=$(( $(count "$summary" 2) + $(count "$browser_summary" 2) + controllers_failed ))

if [ -n "$stories_pid" ]; then
  echo "::: cluster: waiting for the controller stories"
  next_line=$((SECONDS + 30))
  while kill -0 "$stories_pid" 2>/dev/null; do
    sleep 1
    if [ "$SECONDS" -ge "$next_line" ]; then
      echo "test:cluster: controller stories running, $((SECONDS - tests_start)) s: $(grep -v '^[[:space:]]*$' "$stories_log" | tail -n 1 | cut -c1-160)"
      next_line=$((next_line + 30))
    fi
  done
  wait "$stories_pid"
  stories_status=$?
  echo "::: cluster: controller stories (their output)"
  cat "$stories_log"
  stories_summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$stories_log" | tail -n 1)
  rm -f "$stories_log"
  passed_total=$((passed_total + $(count "$stories_summary" 1)))
  failed_total=$((failed_total + $(count "$stories_summary" 2)))
  [ "$stories_status" -eq 0 ] || test_status=1
fi
summary="${passed_total} passed, ${failed_total} failed"
[ "$browser_status" -eq 0 ] || test_status=1
[ "$controllers_failed" -eq 0 ] || test_status=1
tests_secs=$((SECONDS - tests_start))
if [ "$test_status" -ne 0 ]; then
  echo "test:cluster: last lines of the main kube-apiserver log:"
  tail -n 15 "$run_dir/apiserver-main.log"
fi

echo "::: cluster timings: build ${build_secs} s, start-up ${start_secs} s, tests ${tests_secs} s, total $((SECONDS - stage_start)) s"
echo "${summary:-0 passed, 1 failed}"
exit "$test_status"
