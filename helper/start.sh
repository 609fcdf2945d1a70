#!/bin/sh
# arr-helper launcher: the ONE place that states the helper's Deno permissions. It resolves the configuration
# (defaults below), finds the quadlet generator, and execs `deno run <flags> helper/main.ts`.
# `start.sh --print-flags` prints the flags (one per line) instead, so tests run probes under the same sandbox.
#
# Permissions, and why each is needed:
#   --allow-run=podman-compose,podman,systemctl[,GENERATOR]  the only programs the helper starts: `podman` only
#       for `ps -a --filter label=io.podman.compose.project=<stack> --format json`, which judges a stack's outcome
#       on every podman-compose version (helper/compose_status.ts), and `rm --force` of one service's containers
#       before stack_service_recreate brings it up again; the generator's absolute path is added only
#       when one was found (quadlet -dryrun validation and `info`).
#   --allow-read=STACKS,QUADLETS,SOCKET_DIR  compose files are checked; quadlets are read; the socket is probed.
#   --allow-write=QUADLETS,SOCKET_DIR  quadlet writes/backups; the socket and the generator's scratch folders.
#       (No write to the stacks folder: podman-compose, a separate process, does the stack work.)
#   --allow-env=<the helper's own variables, HOME, XDG_RUNTIME_DIR>  read-only configuration; plus LOG_TOKENS and
#       LOG_STREAM, the two debug switches the `yaml` parser reads (it throws NotCapable without them).
#   --allow-net=unix:SOCKET  Deno 2.9 asks net permission for listening on (and probing) a Unix socket;
#       it is scoped to that one socket path: no TCP, no other socket.
#   Nothing else: no ffi, no sys, no TCP/UDP, and --no-prompt.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
mode=run
[ "${1:-}" != "--print-flags" ] || mode=print

fail() { echo "arr-helper: $*" >&2; exit 1; }

if [ -z "${ARR_HELPER_SOCKET:-}" ]; then
  [ -n "${XDG_RUNTIME_DIR:-}" ] || fail "Invalid ARR_HELPER_SOCKET: not set, and XDG_RUNTIME_DIR is not set either"
  ARR_HELPER_SOCKET="$XDG_RUNTIME_DIR/arr-helper/arr-helper.sock"
fi
: "${ARR_STACKS_DIR:=/opt/stacks}"
if [ -z "${ARR_QUADLET_DIR:-}" ]; then
  [ -n "${HOME:-}" ] || fail "Invalid ARR_QUADLET_DIR: not set, and HOME is not set either"
  ARR_QUADLET_DIR="$HOME/.config/containers/systemd"
fi

# The generator: ARR_QUADLET_GENERATOR, then the packaged locations, then `quadlet` on PATH.
generator=""
if [ -n "${ARR_QUADLET_GENERATOR:-}" ]; then
  [ -x "$ARR_QUADLET_GENERATOR" ] || fail "Invalid ARR_QUADLET_GENERATOR \"$ARR_QUADLET_GENERATOR\": not an executable file"
  generator=$ARR_QUADLET_GENERATOR
else
  for candidate in /usr/libexec/podman/quadlet /usr/lib/podman/quadlet "$(command -v quadlet || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then generator=$candidate; break; fi
  done
fi

for var in ARR_HELPER_SOCKET ARR_STACKS_DIR ARR_QUADLET_DIR; do
  eval "value=\$$var"
  case "$value" in
    /*) ;;
    *) fail "Invalid $var \"$value\": expected an absolute path" ;;
  esac
  case "$value" in
    *,*) fail "Invalid $var \"$value\": the path must not contain \",\"" ;;
  esac
done
case "$generator" in *,*) fail "Invalid ARR_QUADLET_GENERATOR \"$generator\": the path must not contain \",\"" ;; esac

# Real paths, so the granted paths are the ones the helper checks (it refuses folders reached via symlinks).
mkdir -p "$ARR_QUADLET_DIR"
ARR_QUADLET_DIR=$(realpath -m -- "$ARR_QUADLET_DIR")
ARR_STACKS_DIR=$(realpath -m -- "$ARR_STACKS_DIR")
socket_dir=$(realpath -m -- "$(dirname -- "$ARR_HELPER_SOCKET")")
ARR_HELPER_SOCKET="$socket_dir/$(basename -- "$ARR_HELPER_SOCKET")"
[ -z "$generator" ] || generator=$(realpath -- "$generator")
ARR_QUADLET_GENERATOR=$generator
export ARR_HELPER_SOCKET ARR_STACKS_DIR ARR_QUADLET_DIR ARR_QUADLET_GENERATOR

run_list="podman-compose,podman,systemctl,timeout${generator:+,$generator}"
env_list="ARR_HELPER_SOCKET,ARR_STACKS_DIR,ARR_QUADLET_DIR,ARR_QUADLET_GENERATOR,ARR_HELPER_TIMEOUT_S"
env_list="$env_list,ARR_HELPER_STOP_TIMEOUT_S,HOME,XDG_RUNTIME_DIR,LOG_TOKENS,LOG_STREAM"

set -- --no-prompt \
  "--config=$here/../deno.json" \
  "--allow-run=$run_list" \
  "--allow-read=$ARR_STACKS_DIR,$ARR_QUADLET_DIR,$socket_dir" \
  "--allow-write=$ARR_QUADLET_DIR,$socket_dir" \
  "--allow-env=$env_list" \
  "--allow-net=unix:$ARR_HELPER_SOCKET"

if [ "$mode" = print ]; then
  printf '%s\n' "$@"
  exit 0
fi
exec deno run "$@" "$here/main.ts"
