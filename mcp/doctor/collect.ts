/**
 * Gathers the doctor's HostFacts through injected clients and probes (the entry, mcp/doctor.ts, passes the real
 * ones; tests pass fakes or point at missing sockets). Never throws: every probe failure becomes a fact.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { HelperClient } from "../clients/helper/helper_client.ts";
import { parseHelperInfo } from "../clients/helper/helper_info.ts";
import type { RuntimeClient } from "../clients/runtime/client.ts";
import type { HostFacts } from "./report.ts";

export interface DoctorProbes {
  user: string;
  /** The uid loginctl is asked about. */
  uid: number;
  runtime: RuntimeClient | null;
  helper: HelperClient;
  dataDir: string;
  /** Permission bits of a path (throws when it cannot be read). */
  mode(path: string): Promise<number>;
  /** Runs a program (argument array, no shell). */
  run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** The name of `uid` in /etc/passwd text, else the uid itself. Pure. */
export function userName(passwd: string, uid: number): string {
  for (const line of passwd.split("\n")) {
    const [name, , id] = line.split(":");
    if (name && id === String(uid)) return name;
  }
  return String(uid);
}

/** `loginctl show-user UID --property=Linger` output → lingering. Pure. */
export function parseLinger(stdout: string): boolean | null {
  const m = /^Linger=(yes|no)\s*$/m.exec(stdout);
  return m ? m[1] === "yes" : null;
}

async function linger(p: DoctorProbes): Promise<Result<boolean, string>> {
  try {
    const out = await p.run("loginctl", ["show-user", String(p.uid), "--property=Linger"]);
    const value = parseLinger(out.stdout);
    if (value !== null) return ok(value);
    return err(out.stderr.trim().split("\n")[0] || `loginctl exited ${out.code}`);
  } catch (e) {
    return err((e as Error).message);
  }
}

/** `stat -f -c %T /sys/fs/cgroup` → the cgroup version (Deno itself may not read /sys without --allow-all). */
export function parseCgroupFs(stdout: string): HostFacts["cgroup"] {
  const type = stdout.trim();
  if (type === "cgroup2fs" || type === "cgroup2") return "v2";
  return type === "tmpfs" ? "v1" : null;
}

async function cgroup(p: DoctorProbes): Promise<HostFacts["cgroup"]> {
  const out = await p.run("stat", ["-f", "-c", "%T", "/sys/fs/cgroup"]).catch(() => null);
  return out === null || out.code !== 0 ? null : parseCgroupFs(out.stdout);
}

export async function collectFacts(p: DoctorProbes): Promise<HostFacts> {
  const [runtime, helper, lingering, cgroupVersion, mode] = await Promise.all([
    p.runtime === null ? null : p.runtime.info(),
    p.helper.call("info", {}, { timeoutMs: 10_000 }),
    linger(p),
    cgroup(p),
    p.mode(p.dataDir).then((m) => ok(m), (e: Error) => err(e.message)),
  ]);
  let helperInfo: HostFacts["helper"];
  if (!helper.ok) helperInfo = err(helper.error.message);
  else if (!helper.value.ok) {
    helperInfo = err(`arr-helper answered info with a failure: ${helper.value.output}`);
  } else helperInfo = parseHelperInfo(helper.value.output);
  return {
    user: p.user,
    runtimeSocket: p.runtime?.socket ?? null,
    runtime: runtime === null ? null : runtime.ok ? ok(runtime.value) : err(runtime.error.message),
    cgroup: cgroupVersion,
    linger: lingering,
    helperSocket: p.helper.socket,
    helper: helperInfo,
    dataDir: { path: p.dataDir, mode },
  };
}
