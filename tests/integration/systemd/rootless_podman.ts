/**
 * Rootless Podman as the testbed's service account (ARR_TEST_ROOTLESS_USER, made by
 * tests/testbed/deno_base_image.sh): the way arr-mcp.container runs on a real host, where container root is
 * the unprivileged account that owns the Podman socket.
 */
import { testbed } from "../../testbed/testbed.ts";

export interface PodmanRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RootlessAccount {
  user: string;
  /** The account's XDG_RUNTIME_DIR (`%t` of its user units). */
  runtimeDir: string;
  /** Runs podman as the account in `cwd` (default `/`). */
  podmanRun(args: string[], cwd?: string): Promise<PodmanRun>;
  /** The same; answers trimmed stdout and throws with the output on failure. */
  podman(args: string[], cwd?: string): Promise<string>;
  /** Starts `podman args` as the account in the background (stdout and stderr discarded). */
  spawnPodman(args: string[]): Deno.ChildProcess;
}

export async function rootlessAccount(): Promise<RootlessAccount> {
  const user = Deno.env.get("ARR_TEST_ROOTLESS_USER");
  if (!user) throw new Error("No rootless account: run integration tests with `deno task test`");
  const id = await new Deno.Command("id", { args: ["-u", user], stdout: "piped", stderr: "null" }).output();
  if (!id.success) throw new Error(`The rootless account "${user}" is missing: run tests/testbed/setup.sh`);
  const runtimeDir = `/run/user/${new TextDecoder().decode(id.stdout).trim()}`;
  const env = [
    `XDG_RUNTIME_DIR=${runtimeDir}`,
    `HOME=/home/${user}`,
    `CONTAINERS_CONF=${testbed().containersConf}`,
  ];
  // runuser passes a signal on to the command, so killing the child stops podman too.
  const command = (args: string[], cwd: string, piped: boolean) =>
    new Deno.Command("runuser", {
      args: ["-u", user, "--", "env", ...env, "podman", ...args],
      cwd,
      stdout: piped ? "piped" : "null",
      stderr: piped ? "piped" : "null",
    });
  const podmanRun = async (args: string[], cwd = "/"): Promise<PodmanRun> => {
    const out = await command(args, cwd, true).output();
    const dec = new TextDecoder();
    return { code: out.code, stdout: dec.decode(out.stdout).trim(), stderr: dec.decode(out.stderr).trim() };
  };
  return {
    user,
    runtimeDir,
    podmanRun,
    podman: async (args, cwd) => {
      const r = await podmanRun(args, cwd);
      if (r.code !== 0) {
        throw new Error(`podman ${args.join(" ")} (as ${user}) failed:\n${r.stdout}\n${r.stderr}`);
      }
      return r.stdout;
    },
    spawnPodman: (args) => command(args, "/", false).spawn(),
  };
}

/** Starts the account's own Podman API service on `socket` (its podman.socket) and waits for the socket. */
export async function startApiService(
  account: RootlessAccount,
  socket: string,
): Promise<{ stop(): Promise<void> }> {
  const child = account.spawnPodman(["system", "service", "--time=0", `unix://${socket}`]);
  const stop = async () => {
    child.kill("SIGTERM");
    await child.status;
  };
  for (let i = 0; i < 200; i++) {
    if ((await Deno.lstat(socket).catch(() => undefined))?.isSocket) return { stop };
    await new Promise((done) => setTimeout(done, 50));
  }
  await stop();
  throw new Error(`The rootless Podman API socket ${socket} did not appear`);
}
