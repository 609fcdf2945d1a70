#!/usr/bin/env bash
# Makes the base image of systemd/Containerfile locally, under the exact name of its FROM line, because no
# container registry is reachable here: a minimal Debian 12 root (debootstrap minbase, stripped of docs,
# locales and apt lists, as Debian's slim images are) plus this testbed's own Deno binary at /usr/bin/deno.
# It stands in for docker.io/denoland/deno (Debian 12 + Deno; DENO_DIR=/deno-dir/) in what the Containerfile
# relies on. The image goes into the storage of a rootless service account ($ARR_TEST_ROOTLESS_USER, made here
# with its /run/user/UID), because arr-mcp.container is a rootless quadlet: the image test builds and runs as it.
# Idempotent and cached: the root lives in $TB/deno-base/rootfs (~1.5 min to make, longer on a busy machine),
# the image in the account's storage; a second run only checks (under 1 s). Called by setup.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
TB="${ARR_TESTBED_DIR:-/var/tmp/arr-mcp-testbed}"
containerfile="$here/../../systemd/Containerfile"
user="${ARR_TEST_ROOTLESS_USER:-arrimage}"
log() { printf 'testbed: %s\n' "$*" >&2; }
# podman as the account, with the containers.conf override these VMs need.
as_user() {
  runuser -u "$user" -- env XDG_RUNTIME_DIR="/run/user/$(id -u "$user")" HOME="$(getent passwd "$user" | cut -d: -f6)" \
    CONTAINERS_CONF="$TB/containers.conf" "$@"
}
ready() { id "$user" >/dev/null 2>&1 && [ -d "/run/user/$(id -u "$user")" ] && (cd / && as_user podman image exists "$from"); }

from="$(awk 'toupper($1) == "FROM" { print $2; exit }' "$containerfile")"
[ -n "$from" ] || { log "no FROM line in $containerfile"; exit 1; }
ready && exit 0

# The tag names the Deno version; the image must carry that very version.
want="${from##*:}"
have="$(deno --version | awk 'NR == 1 { print $2 }')"
[ "$want" = "$have" ] || { log "$from needs Deno $want, this testbed has Deno $have"; exit 1; }
# The npm `deno` package's bin is a launcher script or a link; the native binary sits beside it or in its
# platform package.
deno_bin=""
for c in "$(readlink -f "$(command -v deno)")" "$(dirname "$(readlink -f "$(command -v deno)")")/deno" \
  "$(dirname "$(readlink -f "$(command -v deno)")")"/node_modules/@deno/linux-x64-glibc/deno; do
  if [ -f "$c" ] && head -c 4 "$c" | grep -q ELF; then deno_bin="$c" && break; fi
done
[ -n "$deno_bin" ] || { log "cannot find the native Deno binary behind $(command -v deno)"; exit 1; }

base="$TB/deno-base"
mkdir -p "$base"
exec 9>"$base/lock"
flock 9 # concurrent test runs: one makes the image, the others wait and find it
ready && exit 0

if ! id "$user" >/dev/null 2>&1; then
  log "adding the rootless service account $user (subuid/subgid by useradd)"
  useradd -m -s /bin/sh "$user"
fi
# No logind here: the account's runtime dir is made by hand (tmpfs: again after a reboot).
install -d -m 0700 -o "$user" -g "$user" "/run/user/$(id -u "$user")"
ready && exit 0

if [ ! -x "$base/rootfs/usr/bin/deno" ]; then
  command -v debootstrap >/dev/null || {
    log "installing debootstrap with apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq debootstrap >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  }
  log "making a Debian 12 minbase root for $from (debootstrap, about 1.5 min)"
  rm -rf "$base/rootfs.new"
  debootstrap --variant=minbase bookworm "$base/rootfs.new" http://deb.debian.org/debian >"$base/debootstrap.log" 2>&1 ||
    { log "debootstrap failed: see $base/debootstrap.log"; exit 1; }
  r="$base/rootfs.new"
  rm -rf "$r"/var/lib/apt/lists/* "$r"/var/cache/apt/*.bin "$r"/var/cache/apt/archives/*.deb \
    "$r"/usr/share/doc/* "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/usr/share/locale/* \
    "$r"/var/cache/debconf/*-old "$r"/var/log/*.log
  chroot "$r" useradd --uid 1993 --user-group deno
  install -d -o 1993 -g 1993 "$r/deno-dir"
  install -m 0755 "$deno_bin" "$r/usr/bin/deno"
  rm -rf "$base/rootfs" && mv "$r" "$base/rootfs"
fi

log "importing $from (Debian 12 minbase + Deno $have) for $user"
tar -C "$base/rootfs" -c . | (cd / && as_user podman import \
  --change 'ENV DENO_DIR=/deno-dir/' --change 'ENV DENO_INSTALL_ROOT=/usr/local' \
  --change "ENV DENO_VERSION=$have" --change 'ENTRYPOINT ["/usr/bin/deno"]' --change 'CMD ["--version"]' \
  --change 'LABEL org.opencontainers.image.description=arr-mcp testbed stand-in: Debian 12 minbase + Deno' \
  --quiet - "$from" >/dev/null)
