/**
 * `deno task doctor`: what works on this host and what to do about what does not. Facts in, checks out; no I/O
 * (mcp/doctor/collect.ts gathers the facts, mcp/doctor.ts prints).
 */
import type { HelperInfo } from "../../shared/helper_protocol.ts";
import { quadletUnsupported } from "../../shared/quadlet/host_support.ts";
import { atLeast, parseVersion } from "../../shared/quadlet/versions.ts";
import type { Result } from "../../shared/result.ts";
import type { RuntimeInfo } from "../clients/runtime/client.ts";

export interface HostFacts {
  /** The account arr-mcp and arr-helper run as. */
  user: string;
  /** The runtime socket in use (configured or found), or null when none exists. */
  runtimeSocket: string | null;
  /** What the runtime API said; null when there is no socket to ask. */
  runtime: Result<RuntimeInfo, string> | null;
  /** From /sys/fs/cgroup; null when it could not be told. */
  cgroup: "v1" | "v2" | null;
  /** `loginctl show-user USER --property=Linger`; error when it could not be asked. */
  linger: Result<boolean, string>;
  helperSocket: string;
  helper: Result<HelperInfo, string>;
  /** The data dir's permission bits; error when it cannot be read (a first start creates it). */
  dataDir: { path: string; mode: Result<number, string> };
}

export type CheckStatus = "ok" | "warn" | "fail";

export interface DoctorCheck {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to do; absent when nothing is needed. */
  fix?: string;
}

/** podman-compose 1.1 added `config` (compose_validate) and `ps --format json`. */
const COMPOSE_CONFIG_SINCE = "1.1";
/** The oldest Podman arr-mcp is tested with (Debian 12's). */
export const MIN_PODMAN = "4.3";

const check = (name: string, status: CheckStatus, detail: string, fix?: string): DoctorCheck =>
  fix === undefined ? { name, status, detail } : { name, status, detail, fix };

const asUser = (user: string, command: string) =>
  `runuser -u ${user} -- env XDG_RUNTIME_DIR=/run/user/$(id -u ${user}) ${command}`;

function runtimeCheck(f: HostFacts): DoctorCheck[] {
  if (f.runtime === null) {
    return [
      check(
        "runtime socket",
        "fail",
        "no Podman or Docker API socket found",
        asUser(f.user, "systemctl --user enable --now podman.socket"),
      ),
    ];
  }
  if (!f.runtime.ok) {
    return [
      check(
        "runtime socket",
        "fail",
        `${f.runtimeSocket} does not answer: ${f.runtime.error}`,
        asUser(f.user, "systemctl --user restart podman.socket"),
      ),
    ];
  }
  const info = f.runtime.value;
  const out = [check("runtime socket", "ok", `${info.kind} API at ${f.runtimeSocket}`)];
  const version = /^\d+\.\d+(\.\d+)?/.exec(info.version)?.[0] ?? "";
  if (info.kind === "podman" && parseVersion(version) !== undefined && !atLeast(version, MIN_PODMAN)) {
    out.push(
      check(
        "podman",
        "fail",
        `Podman ${info.version} is older than ${MIN_PODMAN}`,
        `install Podman ${MIN_PODMAN} or later`,
      ),
    );
  } else {
    out.push(
      check(
        info.kind,
        "ok",
        `${info.kind === "podman" ? "Podman" : "Docker"} ${info.version || "(version not given)"}`,
      ),
    );
  }
  if (info.rootless === true) out.push(check("rootless", "ok", "the runtime runs rootless"));
  else if (info.rootless === false) {
    out.push(
      check(
        "rootless",
        "warn",
        "the runtime runs as root: containers can change the whole host",
        `use the service account's rootless socket (${
          asUser(f.user, "systemctl --user enable --now podman.socket")
        })`,
      ),
    );
  } else out.push(check("rootless", "warn", "the runtime did not say whether it runs rootless"));
  return out;
}

function cgroupCheck(f: HostFacts): DoctorCheck {
  if (f.cgroup === "v2") return check("cgroup", "ok", "cgroup v2");
  if (f.cgroup === "v1") {
    return check(
      "cgroup",
      "warn",
      "cgroup v1: rootless Podman cannot limit resources or read per-container stats fully",
      "boot with systemd.unified_cgroup_hierarchy=1 (the default since Debian 11 and Ubuntu 21.10)",
    );
  }
  return check("cgroup", "warn", "cannot tell the cgroup version (`stat -f /sys/fs/cgroup` failed)");
}

function lingerCheck(f: HostFacts): DoctorCheck {
  if (!f.linger.ok) {
    return check(
      "lingering",
      "warn",
      `cannot ask loginctl: ${f.linger.error}`,
      `loginctl enable-linger ${f.user}`,
    );
  }
  return f.linger.value ? check("lingering", "ok", `${f.user}'s user services start at boot`) : check(
    "lingering",
    "fail",
    `${f.user}'s user services stop at logout and do not start at boot`,
    `loginctl enable-linger ${f.user}`,
  );
}

function helperChecks(f: HostFacts): DoctorCheck[] {
  if (!f.helper.ok) {
    return [
      check("arr-helper", "fail", f.helper.error, asUser(f.user, "systemctl --user enable --now arr-helper")),
      check("stack tools", "fail", "off: they need arr-helper"),
      check("quadlet tools", "fail", "off: they need arr-helper"),
    ];
  }
  const h = f.helper.value;
  const out = [check("arr-helper", "ok", `arr-helper ${h.helper_version} at ${f.helperSocket}`)];
  if (h.podman_compose === null) {
    out.push(check("podman-compose", "fail", "not found by arr-helper", "apt-get install podman-compose"));
    out.push(check("stack tools", "fail", "off: they need podman-compose"));
  } else {
    out.push(check("podman-compose", "ok", `podman-compose ${h.podman_compose}`));
    const reader = parseVersion(h.podman_compose) !== undefined &&
      !atLeast(h.podman_compose, COMPOSE_CONFIG_SINCE);
    out.push(
      check(
        "stack tools",
        "ok",
        reader
          ? "on; compose_validate uses arr-helper's compose reader (this podman-compose has no `config`)"
          : "on; compose_validate uses `podman-compose config`",
      ),
    );
  }
  const off = quadletUnsupported(h);
  out.push(
    off === null
      ? check("quadlet tools", "ok", `on (quadlet generator ${h.quadlet})`)
      : check("quadlet tools", "warn", "off", off),
  );
  return out;
}

function dataDirCheck(f: HostFacts): DoctorCheck {
  const { path, mode } = f.dataDir;
  if (!mode.ok) {
    return check("data dir", "warn", `${path}: ${mode.error}`, "it is created (0700) at the first start");
  }
  const bits = (mode.value & 0o777).toString(8).padStart(3, "0");
  return (mode.value & 0o077) === 0 ? check("data dir", "ok", `${path} is ${bits}`) : check(
    "data dir",
    "fail",
    `${path} is ${bits}: others can read the API key and credentials`,
    `chmod 700 ${path}`,
  );
}

/** Every check, most fundamental first. Pure. */
export function doctorReport(f: HostFacts): DoctorCheck[] {
  return [...runtimeCheck(f), cgroupCheck(f), lingerCheck(f), ...helperChecks(f), dataDirCheck(f)];
}

/** Plain text, one line per check plus an indented `fix:` line; the last line sums up. */
export function renderReport(checks: readonly DoctorCheck[]): string {
  const lines = checks.flatMap((c) => [
    `[${c.status}] ${c.name}: ${c.detail}`,
    ...(c.fix === undefined ? [] : [`       fix: ${c.fix}`]),
  ]);
  const count = (s: CheckStatus) => checks.filter((c) => c.status === s).length;
  lines.push(`${count("ok")} ok, ${count("warn")} warnings, ${count("fail")} failures`);
  return `${lines.join("\n")}\n`;
}

/** 1 when any check failed, else 0. */
export function exitCodeOf(checks: readonly DoctorCheck[]): number {
  return checks.some((c) => c.status === "fail") ? 1 : 0;
}
