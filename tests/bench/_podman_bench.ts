/**
 * What the benchmarks on real Podman share: the testbed's environment, a work folder, the Podman API socket (the
 * testbed run's, or a private `podman system service`), `podman` itself, and cleanup at unload that removes the
 * named containers by exact name, ends the children and deletes the work folder.
 */
import { unixHttpFetch } from "../../mcp/clients/unix/http1_unix.ts";

const TESTBED = Deno.env.get("ARR_TESTBED_DIR") ?? "/var/tmp/arr-mcp-testbed";
export const IMAGE = Deno.env.get("ARR_TEST_IMAGE") ?? "localhost/busybox:test";
export const env = {
  ...Deno.env.toObject(),
  CONTAINERS_CONF: Deno.env.get("CONTAINERS_CONF") ?? `${TESTBED}/containers.conf`,
  PATH: `${TESTBED}/bin:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
};

export async function podman(...args: string[]): Promise<void> {
  const out = await new Deno.Command("podman", { args, env, stdout: "null", stderr: "piped" }).output();
  if (!out.success) throw new Error(`podman ${args[0]} failed: ${new TextDecoder().decode(out.stderr)}`);
}

export async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

export interface PodmanBench {
  work: string;
  socket: string;
  raw: ReturnType<typeof unixHttpFetch>;
  /** Processes ended (in reverse) at unload. */
  children: Deno.ChildProcess[];
  /** The private API service's pid, when this bench started one. */
  servicePid?: number;
}

/**
 * `containers()` is read at unload, so names added later are removed too. `ownService`: start a private API
 * service even when the testbed run has one (a bench that measures the service's own CPU).
 */
export async function openPodmanBench(
  prefix: string,
  containers: () => string[],
  options: { ownService?: boolean } = {},
): Promise<PodmanBench> {
  const work = await Deno.makeTempDir({ prefix });
  const children: Deno.ChildProcess[] = [];
  globalThis.addEventListener("unload", () => {
    new Deno.Command("podman", {
      args: ["rm", "-f", "-t", "0", "--ignore", ...containers()],
      env,
      stdout: "null",
      stderr: "null",
    }).outputSync();
    for (const child of children.reverse()) {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
    }
    Deno.removeSync(work, { recursive: true });
  });
  let socket = options.ownService ? undefined : Deno.env.get("ARR_TEST_PODMAN_SOCKET");
  let servicePid: number | undefined;
  if (!socket) {
    const path = `${work}/podman.sock`;
    socket = path;
    const service = new Deno.Command("podman", {
      args: ["system", "service", "--time=0", `unix://${path}`],
      env,
      stdout: "null",
      stderr: "null",
    }).spawn();
    children.push(service);
    servicePid = service.pid;
    await waitFor(() => Deno.stat(path).then(() => true, () => false), "the Podman API socket");
  }
  return { work, socket, raw: unixHttpFetch(socket), children, ...(servicePid ? { servicePid } : {}) };
}
