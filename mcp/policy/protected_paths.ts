/**
 * Which host paths a container must not get without a person's approval, and why, in words for the dialog.
 * A path is flagged when it is one of these, lies inside one, or is a folder above one (mounting /home/media
 * exposes ~/.local/share/arr-mcp).
 */
import { posix } from "node:path";
import { isAncestor, isWithin } from "./host_path.ts";
import type { PolicyContext } from "./types.ts";

type Protected = Pick<PolicyContext, "dataDir" | "runtimeSockets" | "helperSocketDir" | "homeDir">;

/** Host system folders: flagged when mounted whole or in part. */
export const SYSTEM_DIRS = ["/etc", "/root", "/boot", "/proc", "/sys", "/dev", "/var/run", "/run"] as const;

/**
 * Single files under /etc that media containers commonly mount to get the host's time zone; they hold no
 * secrets and a rootless container cannot write them.
 */
export const TIME_ZONE_FILES: ReadonlySet<string> = new Set(["/etc/localtime", "/etc/timezone"]);

/** Devices a media server needs: hardware transcoding, DVB tuners, the VPN tunnel device. */
export function isMediaDevice(path: string): boolean {
  return isWithin(path, "/dev/dri") || isWithin(path, "/dev/dvb") || path === "/dev/net/tun";
}

interface Target {
  path: string;
  /** Names it after "inside" / "contains". */
  name: string;
  /** Describes it when the path is exactly this. */
  itself: string;
}

/**
 * Why mounting `path` (absolute, normalized) needs approval, as the phrase that follows the path in a
 * sentence ("/home/media, a folder that contains arr-mcp's data folder …"), or undefined when it is fine.
 */
export function pathConcern(path: string, ctx: Protected): string | undefined {
  const targets = arrTargets(ctx);
  const spellings = [path, runAlias(path)];
  const match = (test: (p: string, t: Target) => boolean) =>
    targets.find((t) => spellings.some((p) => test(p, t)));
  const exact = match((p, t) => p === t.path);
  if (exact) return exact.itself;
  const inside = match((p, t) => isWithin(p, t.path));
  if (inside) return `inside ${inside.name} ${inside.path}`;
  if (path === "/") return "the whole host file system";
  const above = match((p, t) => isAncestor(p, t.path));
  if (above) return `a folder that contains ${above.name} ${above.path}`;
  if (/\/(docker|podman)\.sock$/.test(path)) return "a container runtime socket";
  return systemConcern(path, ctx.homeDir);
}

function systemConcern(path: string, homeDir: string | undefined): string | undefined {
  if (TIME_ZONE_FILES.has(path)) return undefined;
  if (path === "/dev") return "the host's device folder";
  if (isWithin(path, "/dev")) return isMediaDevice(path) ? undefined : "inside the host's device folder /dev";
  for (const dir of SYSTEM_DIRS) {
    if (path === dir) return "a host system folder";
    if (isWithin(path, dir)) return `inside the host system folder ${dir}`;
    if (isAncestor(path, dir)) return `a folder that contains the host system folder ${dir}`;
  }
  if (path === "/home") return "the folder of all home folders";
  if (/^\/home\/[^/]+$/.test(path) || (homeDir !== undefined && path === normal(homeDir))) {
    return "a whole home folder";
  }
  return undefined;
}

/** arr-mcp's own files: the data dir, the runtime sockets and their folders, arr-helper's socket folder. */
function arrTargets(ctx: Protected): Target[] {
  const data = "arr-mcp's data folder";
  const helper = "arr-helper's socket folder";
  const targets: Target[] = [
    { path: normal(ctx.dataDir), name: data, itself: `${data}, which holds its API key and credentials` },
    { path: normal(ctx.helperSocketDir), name: helper, itself: helper },
  ];
  const sockets = ctx.runtimeSockets.map(normal);
  for (const s of sockets) {
    targets.push({ path: s, name: "the container runtime socket", itself: "the container runtime socket" });
  }
  for (const s of sockets) {
    const name = "the container runtime socket's folder";
    targets.push({ path: posix.dirname(s), name, itself: name });
  }
  return targets.filter((t) => t.path !== "/");
}

function normal(path: string): string {
  return posix.resolve("/", path);
}

/** /var/run is a symlink to /run on current systems: compare both spellings. */
function runAlias(path: string): string {
  if (isWithin(path, "/var/run")) return `/run${path.slice("/var/run".length)}`;
  if (isWithin(path, "/run")) return `/var/run${path.slice("/run".length)}`;
  return path;
}
