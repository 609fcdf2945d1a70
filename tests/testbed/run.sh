#!/usr/bin/env bash
# Runs the whole test suite against the real testbed: prepares it (setup.sh), starts a Podman API service on a
# private Unix socket, runs `deno test`, then stops the service by PID and removes what it made.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# The rootless service account setup.sh makes (deno_base_image.sh) and the image test builds and runs as.
export ARR_TEST_ROOTLESS_USER="${ARR_TEST_ROOTLESS_USER:-arrimage}"
bash "$here/setup.sh" || { echo "testbed: setup failed" >&2; exit 1; }
TB="${ARR_TESTBED_DIR:-/var/tmp/arr-mcp-testbed}"
export ARR_TESTBED_DIR="$TB" CONTAINERS_CONF="$TB/containers.conf" PATH="$TB/bin:$PATH"
export ARR_TEST_IMAGE="localhost/busybox:test"
run_dir="$(mktemp -d /tmp/arr-testbed.XXXXXX)"
export ARR_TEST_PODMAN_SOCKET="$run_dir/podman.sock"
podman system service --time=0 "unix://$ARR_TEST_PODMAN_SOCKET" >"$run_dir/podman-service.log" 2>&1 &
svc_pid=$!
cleanup() {
  kill "$svc_pid" 2>/dev/null && wait "$svc_pid" 2>/dev/null
  rm -rf "$run_dir"
}
trap cleanup EXIT INT TERM
for _ in $(seq 1 100); do [ -S "$ARR_TEST_PODMAN_SOCKET" ] && break; sleep 0.05; done
[ -S "$ARR_TEST_PODMAN_SOCKET" ] || { echo "testbed: podman API socket did not appear" >&2; exit 1; }
# The start task's dependency: tests that start arr-mcp as `deno task start` does then run its bundle.
deno task bundle || { echo "testbed: deno task bundle failed" >&2; exit 1; }
# The V8 flag is the start task's: log_search runs user regexes on the linear-time engine (mcp/fs/linear_regex.ts).
deno test --allow-all --parallel --v8-flags=--enable-experimental-regexp-engine "$@"
