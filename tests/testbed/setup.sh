#!/usr/bin/env bash
# Installs and prepares everything the integration tests run against: real Podman, podman-compose 1.3.0 and
# Debian 12's own 1.0.3 (as podman-compose-1.0.3), the quadlet generator from Podman 5.4.2, a local busybox image,
# the Containerfile's Debian + Deno base image (deno_base_image.sh) and a containers.conf these VMs need.
# Idempotent: a second run only checks and takes about a second. Steps measured in ../shared/notes/testbed.md.
set -euo pipefail
TB="${ARR_TESTBED_DIR:-/var/tmp/arr-mcp-testbed}"
mkdir -p "$TB/bin"
log() { printf 'testbed: %s\n' "$*" >&2; }

need_apt=()
for c in podman runc slirp4netns fuse-overlayfs busybox python3; do command -v "$c" >/dev/null || need_apt+=("$c"); done
python3 -c 'import yaml, dotenv' 2>/dev/null || need_apt+=(python3-yaml python3-dotenv)
[ -x /usr/bin/newuidmap ] || need_apt+=(uidmap)
[ -e /usr/bin/catatonit ] || need_apt+=(catatonit)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "installing with apt: podman and friends"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq podman runc uidmap slirp4netns fuse-overlayfs catatonit busybox-static \
    python3-yaml python3-dotenv >/dev/null
fi

# containers.conf override: without it podman run fails here (RLIMIT_NOFILE, cgroups hybrid mode).
cat > "$TB/containers.conf.new" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
mv "$TB/containers.conf.new" "$TB/containers.conf"
export CONTAINERS_CONF="$TB/containers.conf"

# podman-compose 1.3.0 and quadlet 5.4.2 from Debian trixie's .debs, unpacked beside the system.
if [ ! -x "$TB/trixie/usr/libexec/podman/quadlet" ] || [ ! -f "$TB/trixie/usr/bin/podman-compose" ]; then
  log "fetching podman-compose 1.3.0 and quadlet 5.4.2 from trixie"
  apt_dir="$TB/apt"
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
  echo 'deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian trixie main' \
    > "$apt_dir/sources.list"
  opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o APT::Sandbox::User=root)
  apt-get "${opts[@]}" update -qq
  (cd "$apt_dir/debs" && apt-get "${opts[@]}" download podman-compose podman >/dev/null)
  rm -rf "$TB/trixie.new" && mkdir -p "$TB/trixie.new"
  for d in "$apt_dir"/debs/*.deb; do dpkg-deb -x "$d" "$TB/trixie.new"; done
  rm -rf "$TB/trixie" && mv "$TB/trixie.new" "$TB/trixie"
fi
pc_py=$(find "$TB/trixie/usr/lib/python3/dist-packages" -maxdepth 1 -name 'podman_compose.py' | head -1)
# Rewritten only when it changes, and by rename: concurrent runs may be executing it.
wrapper="$(printf '#!/bin/sh\nexec python3 "%s" "$@"\n' "$pc_py")"
if [ "$(cat "$TB/bin/podman-compose" 2>/dev/null)" != "$wrapper" ]; then
  printf '%s\n' "$wrapper" > "$TB/bin/podman-compose.$$" && chmod 755 "$TB/bin/podman-compose.$$"
  mv -f "$TB/bin/podman-compose.$$" "$TB/bin/podman-compose"
fi
[ -L "$TB/bin/quadlet" ] || ln -sf "$TB/trixie/usr/libexec/podman/quadlet" "$TB/bin/quadlet"

# Debian 12's own podman-compose 1.0.3 (no `config`, no `ps --format json`) from this host's apt sources, for the
# test matrix: $TB/bin/podman-compose-1.0.3 (tests pick a version with ARR_TEST_COMPOSE_VERSIONS).
if [ ! -f "$TB/bookworm/usr/lib/python3/dist-packages/podman_compose.py" ]; then
  log "fetching podman-compose 1.0.3 from bookworm"
  deb_dir="$TB/apt/bookworm-debs"
  mkdir -p "$deb_dir"
  (cd "$deb_dir" && apt-get -o APT::Sandbox::User=root download podman-compose >/dev/null 2>&1) || {
    apt-get update -qq
    (cd "$deb_dir" && apt-get -o APT::Sandbox::User=root download podman-compose >/dev/null)
  }
  rm -rf "$TB/bookworm.new" && mkdir -p "$TB/bookworm.new"
  dpkg-deb -x "$(ls "$deb_dir"/podman-compose_*_all.deb | head -1)" "$TB/bookworm.new"
  grep -q "^__version__ = '1.0.3'" "$TB/bookworm.new/usr/lib/python3/dist-packages/podman_compose.py" ||
    { log "this host's apt has no podman-compose 1.0.3 (Debian 12's)"; exit 1; }
  rm -rf "$TB/bookworm" && mv "$TB/bookworm.new" "$TB/bookworm"
fi
wrapper="$(printf '#!/bin/sh\nexec python3 "%s" "$@"\n' "$TB/bookworm/usr/lib/python3/dist-packages/podman_compose.py")"
if [ "$(cat "$TB/bin/podman-compose-1.0.3" 2>/dev/null)" != "$wrapper" ]; then
  printf '%s\n' "$wrapper" > "$TB/bin/podman-compose-1.0.3.$$" && chmod 755 "$TB/bin/podman-compose-1.0.3.$$"
  mv -f "$TB/bin/podman-compose-1.0.3.$$" "$TB/bin/podman-compose-1.0.3"
fi

# A busybox image built locally: no registry is reachable here.
if ! podman image exists localhost/busybox:test; then
  log "building localhost/busybox:test with podman import"
  root="$TB/rootfs"
  rm -rf "$root" && mkdir -p "$root"/{bin,etc,tmp,proc,sys,dev}
  cp "$(command -v busybox)" "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"; done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
  echo 'root:x:0:' > "$root/etc/group"
  tar -C "$root" -c . | podman import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' - localhost/busybox:test >/dev/null
fi

# The base image of systemd/Containerfile, made locally under its FROM name (tests/integration/systemd).
bash "$(dirname "$0")/deno_base_image.sh"

"$TB/bin/podman-compose" --version >/dev/null
"$TB/bin/quadlet" -version >/dev/null
"$TB/bin/podman-compose-1.0.3" version >/dev/null
log "ready in $TB (podman $(podman --version | awk '{print $3}'))"

# --- dashboard browser tests (tests/integration/mcp/dashboard): Debian's Chromium, driven by playwright-core ---
if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium with apt (dashboard browser tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
# --- end dashboard block ---

# --- upgrades tests (tests/integration/mcp/upgrades): Debian's docker-registry (distribution 2.8), started by the
# tests themselves on a loopback port with a temporary storage dir (its systemd service is not used) ---
if [ ! -x /usr/bin/docker-registry ]; then
  log "installing docker-registry with apt (upgrades tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq docker-registry >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq docker-registry >/dev/null; }
fi
# --- end upgrades block ---
