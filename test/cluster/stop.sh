#!/usr/bin/env bash
# Stops what start.sh RUN_DIR started (by the PIDs it recorded) and, unless
# HFC_CLUSTER_KEEP=1, removes RUN_DIR.
set -uo pipefail
run="${1:?usage: stop.sh RUN_DIR}"
[ -d "$run" ] || exit 0

stop_pid() { # pid file
  [ -f "$1" ] || return 0
  local pid
  pid="$(cat "$1")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$1"
}

# The controllers and their local servers first (controllers.sh), then the
# API servers, then the etcd they use.
for pid_file in "$run"/controllers/*.pid; do stop_pid "$pid_file"; done
stop_pid "$run/apiserver-main.pid"
stop_pid "$run/apiserver-second.pid"
stop_pid "$run/apiserver-controllers.pid"
stop_pid "$run/etcd.pid"

if [ "${HFC_CLUSTER_KEEP:-0}" != 1 ]; then
  rm -rf "$run"
fi
