/**
 * Starts the real arr-helper for integration tests exactly as it ships: `sh helper/start.sh`, so the
 * permission flags are the launcher's own. Each helper gets private temp folders and its own socket.
 */
import { testbed } from "../../testbed/testbed.ts";

export const REPO = new URL("../../../", import.meta.url).pathname.replace(/\/$/, "");

export interface HelperDirs {
  root: string;
  stacksDir: string;
  quadletDir: string;
  socket: string;
  binDir: string;
}

export interface StartedHelper extends HelperDirs {
  command(
    op: string,
    args?: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The first `count` audit lines the helper wrote to stderr, parsed (waits for them to be read). */
  audit(count: number): Promise<Array<Record<string, unknown>>>;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Temp folders for one helper: stacks, quadlets, a socket folder and a bin folder placed first on PATH. */
export async function helperDirs(): Promise<HelperDirs & AsyncDisposable> {
  const root = await Deno.realPath(await Deno.makeTempDir({ prefix: "arr-helper-it-" }));
  const dirs = {
    root,
    stacksDir: `${root}/stacks`,
    quadletDir: `${root}/quadlets`,
    socket: `${root}/run/arr-helper.sock`,
    binDir: `${root}/bin`,
  };
  await Deno.mkdir(dirs.stacksDir);
  await Deno.mkdir(dirs.binDir);
  return { ...dirs, [Symbol.asyncDispose]: () => Deno.remove(root, { recursive: true }) };
}

export function helperEnv(dirs: HelperDirs, extra: Record<string, string> = {}): Record<string, string> {
  const tb = testbed();
  return {
    PATH: `${dirs.binDir}:${tb.binDir}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    CONTAINERS_CONF: tb.containersConf,
    ARR_HELPER_SOCKET: dirs.socket,
    ARR_STACKS_DIR: dirs.stacksDir,
    ARR_QUADLET_DIR: dirs.quadletDir,
    ARR_QUADLET_GENERATOR: tb.quadletBin,
    ARR_HELPER_STOP_TIMEOUT_S: "1",
    ...extra,
  };
}

/** Runs the launcher to completion (for startup failures); returns its exit code and stderr. */
export async function runLauncher(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command("sh", {
    args: [`${REPO}/helper/start.sh`],
    env,
    stdout: "null",
    stderr: "piped",
  })
    .output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

export async function startHelper(
  dirs: HelperDirs,
  extraEnv: Record<string, string> = {},
): Promise<StartedHelper> {
  const child = new Deno.Command("sh", {
    args: [`${REPO}/helper/start.sh`],
    env: helperEnv(dirs, extraEnv),
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const lines: string[] = [];
  let listening!: () => void;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  const reading = (async () => {
    let buffered = "";
    for await (const chunk of child.stderr.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      const parts = buffered.split("\n");
      buffered = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"event":"listening"')) listening();
      }
    }
  })();
  const exited = child.status.then((s) => {
    throw new Error(`arr-helper exited (${s.code}) before listening: ${lines.join("\n")}`);
  });
  await Promise.race([ready, exited]);
  exited.catch(() => {});
  const client = Deno.createHttpClient({ proxy: { transport: "unix", path: dirs.socket } });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    client.close();
    try {
      child.kill("SIGTERM");
    } catch { /* already gone */ }
    await child.status;
    await reading;
  };
  const fetchHelper = (path: string, init: RequestInit = {}) =>
    fetch(`http://helper${path}`, { ...init, client });
  return {
    ...dirs,
    fetch: fetchHelper,
    async command(op, args) {
      const res = await fetchHelper("/command", {
        method: "POST",
        body: JSON.stringify(args === undefined ? { op } : { op, args }),
      });
      return { status: res.status, body: await res.json() };
    },
    async audit(count) {
      const auditLines = () => lines.filter((l) => l.startsWith("{") && l.includes('"op"'));
      // The helper writes each line before it answers; the pipe may just not be read yet.
      for (let i = 0; i < 500 && auditLines().length < count; i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      return auditLines().slice(0, count).map((l) => JSON.parse(l));
    },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
