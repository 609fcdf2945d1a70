#!/usr/bin/env bash
# A real `systemd --user` for the service account `arrsvc`, in a private mount + PID namespace (PID 1 here is not
# systemd). Used by tests/integration/systemd/systemd_user_real_test.ts; steps measured in
# ../shared/notes/testbed.md ("systemd --user").
#
#   systemd_user.sh check              prints why this machine cannot run the tier (exit 1), or nothing (exit 0)
#   systemd_user.sh prepare            idempotent, cached: the account, its subuids, its Podman config, the image tar
#   systemd_user.sh start RUN          starts the namespace and systemd --user in it; RUN is a fresh empty folder
#   systemd_user.sh exec RUN CMD...    runs CMD as arrsvc inside the namespace (XDG_RUNTIME_DIR set)
#   systemd_user.sh stop RUN           exits systemd, ends the namespace, removes its cgroups and RUN
#
# Inside the namespace a tmpfs covers /run/systemd (so /run/systemd/system, which makes apt's maintainer scripts
# believe systemd runs, exists only there) and another covers /run/user (the account's XDG_RUNTIME_DIR, gone with
# the namespace). From outside, the runtime folder is reached through /proc/<namespace pid>/root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
TB="${ARR_TESTBED_DIR:-/var/tmp/arr-mcp-testbed}"
SVC_USER="${ARR_TEST_SERVICE_USER:-arrsvc}"
CACHE="$TB/systemd-user"
SYSTEMD=/lib/systemd/systemd
GENERATOR="$TB/trixie/usr/libexec/podman/quadlet"
log() { printf 'systemd-user: %s\n' "$*" >&2; }

check() {
  [ "$(id -u)" = 0 ] || { echo "not root (the tier creates a service account and a namespace)"; return 1; }
  [ -x "$SYSTEMD" ] || { echo "$SYSTEMD is not installed"; return 1; }
  # The account's PATH in the unit is %h/.deno/bin:/usr/local/bin:/usr/bin:/bin.
  PATH=/usr/local/bin:/usr/bin:/bin command -v deno >/dev/null ||
    { echo "deno is not in /usr/local/bin or /usr/bin, where the service account finds it"; return 1; }
  for c in unshare nsenter setpriv flock podman; do
    command -v "$c" >/dev/null || { echo "$c is not installed"; return 1; }
  done
  [ -x "$GENERATOR" ] || { echo "the quadlet generator $GENERATOR is missing (run tests/testbed/setup.sh)"; return 1; }
  [ -d /sys/fs/cgroup/systemd ] || [ -f /sys/fs/cgroup/cgroup.controllers ] ||
    { echo "no name=systemd or cgroup2 hierarchy under /sys/fs/cgroup"; return 1; }
  unshare --mount --pid --fork --mount-proc true 2>/dev/null ||
    { echo "unshare --mount --pid is not permitted here"; return 1; }
  return 0
}

# The cgroup folders systemd --user is delegated: one per named/unified hierarchy present.
cgroup_dirs() {
  local name="$1"
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
    echo "/sys/fs/cgroup/$name"
  else
    for h in unified systemd; do [ -d "/sys/fs/cgroup/$h" ] && echo "/sys/fs/cgroup/$h/$name"; done
  fi
  return 0
}

prepare() {
  local reason
  reason=$(check) || { log "cannot run here: $reason"; exit 1; }
  mkdir -p "$CACHE"
  if ! id "$SVC_USER" >/dev/null 2>&1; then
    log "creating the service account $SVC_USER"
    useradd -m -s /bin/sh "$SVC_USER"
  fi
  local home uid
  home=$(getent passwd "$SVC_USER" | cut -d: -f6)
  uid=$(id -u "$SVC_USER")
  grep -q "^$SVC_USER:" /etc/subuid || usermod --add-subuids 300000-365535 "$SVC_USER"
  grep -q "^$SVC_USER:" /etc/subgid || usermod --add-subgids 300000-365535 "$SVC_USER"
  # The testbed's containers.conf settings, as the account's own (rootless Podman reads it without an env var).
  install -d -o "$SVC_USER" -g "$SVC_USER" -m 0700 "$home/.config" "$home/.config/containers"
  install -o "$SVC_USER" -g "$SVC_USER" -m 0644 "$TB/containers.conf" "$home/.config/containers/containers.conf"
  # The test image, saved once from the testbed's storage; loaded into the account's storage inside the namespace
  # (a rootless podman run outside it would leave its pause process on the host).
  if [ ! -s "$CACHE/busybox-test.tar" ]; then
    log "saving localhost/busybox:test for the service account"
    CONTAINERS_CONF="$TB/containers.conf" podman save -o "$CACHE/busybox-test.tar.new" localhost/busybox:test
    mv "$CACHE/busybox-test.tar.new" "$CACHE/busybox-test.tar"
  fi
  chmod 0644 "$CACHE/busybox-test.tar"
  setpriv --reuid="$uid" --regid="$(id -g "$SVC_USER")" --init-groups test -r "$here/../../helper/main.ts" ||
    { log "the checkout $(cd "$here/../.." && pwd) is not readable by $SVC_USER"; exit 1; }
  # The helper's npm dependencies in the account's own Deno cache (README: `deno cache helper/main.ts`).
  local stamp="$CACHE/deno-cache.$(sha256sum "$here/../../deno.lock" | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    log "caching the helper's dependencies for $SVC_USER"
    # The caller's CA bundle, when it names one (a proxy's CA on some CI machines); the system store otherwise.
    local cert="${DENO_CERT:-${SSL_CERT_FILE:-}}"
    (cd "$here/../.." && setpriv --reuid="$uid" --regid="$(id -g "$SVC_USER")" --init-groups \
      env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin ${cert:+DENO_CERT="$cert"} deno cache --quiet helper/main.ts)
    touch "$stamp"
  fi
  [ -d /run/user ] || install -d -m 0755 /run/user # the mount point of the namespace's tmpfs
  echo "$SVC_USER $uid $home"
}

ns_pid() { cat "$1/ns.pid"; }

# True while PID is still this run's process (its command line names the run folder), never a reused PID.
is_ours() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$2"; }

start() {
  local run="$1" uid
  uid=$(id -u "$SVC_USER")
  # One run at a time uses the account: the namespace inherits the lock and holds it until it ends.
  exec 9>"$CACHE/account.lock"
  flock -w 300 9 || { log "another run kept $SVC_USER busy for 300 s"; return 1; }
  unshare --mount --pid --fork --mount-proc --propagation private \
    bash "$here/systemd_user.sh" _inside "$run" >"$run/launcher.log" 2>&1 &
  exec 9>&-
  echo $! >"$run/unshare.pid"
  # The namespace's PID 1 is unshare's only child.
  for _ in $(seq 1 200); do
    local child
    child=$(cat "/proc/$(cat "$run/unshare.pid")/task/$(cat "$run/unshare.pid")/children" 2>/dev/null | awk '{print $1}')
    [ -n "$child" ] && { echo "$child" >"$run/ns.pid"; break; }
    sleep 0.05
  done
  [ -s "$run/ns.pid" ] || { log "the namespace did not start: $(cat "$run/launcher.log")"; return 1; }
  # Ready when the manager answers and has finished starting (running, or degraded).
  for _ in $(seq 1 200); do
    case "$(exec_in "$run" systemctl --user is-system-running 2>/dev/null || true)" in
      running | degraded)
        exec_in "$run" podman image exists localhost/busybox:test ||
          exec_in "$run" podman load -q -i "$CACHE/busybox-test.tar" >/dev/null
        # Like a fresh boot: no pause process holds the account's user namespace, so the helper's first podman
        # creates it (with the setuid newuidmap, which NoNewPrivileges= would break).
        exec_in "$run" sh -c 'kill "$(cat "$XDG_RUNTIME_DIR/libpod/tmp/pause.pid")"' 2>/dev/null || true
        return 0
        ;;
    esac
    kill -0 "$(cat "$run/unshare.pid")" 2>/dev/null || break
    sleep 0.1
  done
  log "systemd --user did not come up: $(cat "$run/launcher.log")"
  return 1
}

# Runs inside the fresh namespace as root, then becomes the account's systemd --user (kept as a child, so PID 1
# stays a shell that reaps orphans and ends everything when it ends).
inside() {
  local run="$1" uid gid home
  uid=$(id -u "$SVC_USER")
  gid=$(id -g "$SVC_USER")
  home=$(getent passwd "$SVC_USER" | cut -d: -f6)
  mount -t tmpfs -o mode=0755 tmpfs /run/systemd
  mkdir -p /run/systemd/system /run/systemd/user-generators
  ln -s "$GENERATOR" /run/systemd/user-generators/podman-user-generator
  mount -t tmpfs -o mode=0755 tmpfs /run/user
  install -d -o "$SVC_USER" -g "$SVC_USER" -m 0700 "/run/user/$uid"
  for d in $(cgroup_dirs "$(basename "$run")"); do
    mkdir -p "$d"
    echo $$ >"$d/cgroup.procs"
    chown -R "$SVC_USER:$SVC_USER" "$d"
  done
  setpriv --reuid="$uid" --regid="$gid" --init-groups \
    env -i HOME="$home" USER="$SVC_USER" LOGNAME="$SVC_USER" SHELL=/bin/sh \
    PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="/run/user/$uid" \
    "$SYSTEMD" --user --log-target=console &
  local manager=$!
  trap 'kill -TERM $manager 2>/dev/null' TERM INT
  wait "$manager" || true
  wait "$manager" 2>/dev/null || true
}

exec_in() {
  local run="$1" uid home
  shift
  uid=$(id -u "$SVC_USER")
  home=$(getent passwd "$SVC_USER" | cut -d: -f6)
  nsenter --target "$(ns_pid "$run")" --mount --pid -- \
    setpriv --reuid="$uid" --regid="$(id -g "$SVC_USER")" --init-groups \
    env -i HOME="$home" USER="$SVC_USER" LOGNAME="$SVC_USER" PATH=/usr/local/bin:/usr/bin:/bin \
    XDG_RUNTIME_DIR="/run/user/$uid" "$@"
}

stop() {
  local run="$1"
  if [ -s "$run/ns.pid" ]; then
    exec_in "$run" systemctl --user exit >/dev/null 2>&1 || true
    local unshare_pid
    unshare_pid=$(cat "$run/unshare.pid")
    for _ in $(seq 1 100); do kill -0 "$unshare_pid" 2>/dev/null || break; sleep 0.1; done
    # PID 1 of the namespace ending kills every process left in it.
    ! is_ours "$(ns_pid "$run")" "_inside $run" || kill -KILL "$(ns_pid "$run")" 2>/dev/null || true
    wait "$unshare_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$unshare_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  for d in $(cgroup_dirs "$(basename "$run")"); do
    [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
    [ -d "$d" ] && log "cgroup $d is still there"
  done
  rm -rf "$run"
  [ ! -e /run/systemd/system ] || { log "/run/systemd/system exists on the host"; return 1; }
}

cmd="${1:-}"
shift || true
case "$cmd" in
  check) check ;;
  prepare) prepare ;;
  start) start "$@" ;;
  _inside) inside "$@" ;;
  exec) exec_in "$@" ;;
  stop) stop "$@" ;;
  *) log "usage: systemd_user.sh check|prepare|start RUN|exec RUN CMD...|stop RUN"; exit 2 ;;
esac
