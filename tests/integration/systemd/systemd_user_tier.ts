/**
 * The real `systemd --user` tier: a service account's user manager running in a private mount + PID namespace
 * (tests/testbed/systemd_user.sh), arr-helper installed into it from systemd/arr-helper.service, and a client for
 * the helper's socket. Everything the tier starts goes when the returned handle is disposed.
 */
import { testbed } from "../../testbed/testbed.ts";

const SCRIPT = new URL("../../testbed/systemd_user.sh", import.meta.url).pathname;
export const REPO = new URL("../../../", import.meta.url).pathname.replace(/\/$/, "");
/** Where the README's deployment section puts the repository; the installed unit points at this checkout. */
const DEPLOYED_REPO = "/opt/arr-mcp";

const decoder = new TextDecoder();

async function script(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("bash", { args: [SCRIPT, ...args], stdout: "piped", stderr: "piped" })
    .output();
  return {
    code: out.code,
    stdout: decoder.decode(out.stdout).trim(),
    stderr: decoder.decode(out.stderr).trim(),
  };
}

/** Why this machine cannot run the tier (not root, no /lib/systemd/systemd, no unshare, ...), or null. */
export async function skipReason(): Promise<string | null> {
  const run = await script("check");
  return run.code === 0 ? null : run.stdout || run.stderr || `systemd_user.sh check exited ${run.code}`;
}

export interface Account {
  user: string;
  uid: number;
  home: string;
}

export interface SystemdUser extends AsyncDisposable {
  account: Account;
  /** Runs a command as the account inside the namespace; returns exit code and trimmed output. */
  exec(...cmd: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Like exec, but throws with stderr on a non-zero exit. */
  run(...cmd: string[]): Promise<string>;
  /** Writes a file as the account (so it owns it). */
  writeFile(path: string, text: string): Promise<void>;
  /** Copies systemd/arr-helper.service (repository path adjusted) and a drop-in, then starts it with systemctl. */
  startHelper(dropIn: string): Promise<void>;
  /** The helper's answer to one operation, through its socket in the account's runtime folder. */
  command(
    op: string,
    args?: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
  /** The helper's stderr (audit lines, errors), kept in the runtime folder. */
  helperLog(): Promise<string>;
}

/** The installed unit: systemd/arr-helper.service as shipped, with the repository path of this checkout. */
export async function installedHelperUnit(): Promise<string> {
  return (await Deno.readTextFile(`${REPO}/systemd/arr-helper.service`)).replaceAll(DEPLOYED_REPO, REPO);
}

/** The drop-in every run uses: test folders, the testbed's tools on PATH, stderr kept in a file. */
export function testbedDropIn(extra = ""): string {
  const tb = testbed();
  return [
    "[Service]",
    "Environment=ARR_STACKS_DIR=%h/arr-test-stacks",
    `Environment=ARR_QUADLET_GENERATOR=${tb.quadletBin}`,
    `Environment=PATH=${tb.binDir}:/usr/local/bin:/usr/bin:/bin`,
    "Environment=ARR_HELPER_STOP_TIMEOUT_S=1",
    "StandardError=append:%t/arr-helper.log",
    extra,
  ].join("\n");
}

export async function startSystemdUser(): Promise<SystemdUser> {
  const prepared = await script("prepare");
  if (prepared.code !== 0) throw new Error(`systemd_user.sh prepare failed: ${prepared.stderr}`);
  const [user = "", uid = "", home = ""] = prepared.stdout.split("\n").at(-1)?.split(" ") ?? [];
  const account = { user, uid: Number(uid), home };
  const runDir = await Deno.makeTempDir({ prefix: "arr-sdu." });
  const exec = (...cmd: string[]) => script("exec", runDir, ...cmd);
  const run = async (...cmd: string[]) => {
    const out = await exec(...cmd);
    if (out.code !== 0) throw new Error(`${cmd.join(" ")} exited ${out.code}: ${out.stderr || out.stdout}`);
    return out.stdout;
  };
  /** What a run leaves in the account: its user units, quadlets and test stacks. */
  const cleanAccount = () =>
    run(
      "rm",
      "-rf",
      `${home}/.config/systemd`,
      `${home}/.config/containers/systemd`,
      `${home}/arr-test-stacks`,
    );
  try {
    const started = await script("start", runDir);
    if (started.code !== 0) throw new Error(`systemd_user.sh start failed: ${started.stderr}`);
    // A clean account each run (start holds the account's lock): no units, quadlets or stacks of an earlier run.
    await cleanAccount();
  } catch (error) {
    await script("stop", runDir);
    throw error;
  }
  let client: Deno.HttpClient | null = null;
  const nsRoot = async () => `/proc/${(await Deno.readTextFile(`${runDir}/ns.pid`)).trim()}/root`;
  const runtimeDir = `/run/user/${account.uid}`;
  const helperLog = async () => {
    try {
      return await Deno.readTextFile(`${await nsRoot()}${runtimeDir}/arr-helper.log`);
    } catch {
      return "(no helper log)";
    }
  };
  const tier: SystemdUser = {
    account,
    exec,
    run,
    helperLog,
    writeFile: (path, text) => writeAs(runDir, path, text),
    async startHelper(dropIn) {
      const unitDir = `${home}/.config/systemd/user`;
      await run("mkdir", "-p", `${unitDir}/arr-helper.service.d`, `${home}/arr-test-stacks`);
      await writeAs(runDir, `${unitDir}/arr-helper.service`, await installedHelperUnit());
      await writeAs(runDir, `${unitDir}/arr-helper.service.d/testbed.conf`, dropIn);
      await run("systemctl", "--user", "daemon-reload");
      await run("systemctl", "--user", "start", "arr-helper.service");
      const socket = `${await nsRoot()}${runtimeDir}/arr-helper/arr-helper.sock`;
      // The unit is active once deno runs; the socket follows when the helper has checked its folders.
      // A cap for a busy machine, not a timing claim: the first start compiles the helper in the account's cache.
      let listening = false;
      for (let i = 0; i < 1200 && !listening; i++) {
        listening = await Deno.stat(socket).then(() => true, () => false);
        if (!listening) await new Promise((r) => setTimeout(r, 50));
      }
      if (!listening) throw new Error(`arr-helper did not create its socket: ${await helperLog()}`);
      client?.close();
      client = Deno.createHttpClient({ proxy: { transport: "unix", path: socket } });
    },
    async command(op, args) {
      if (client === null) throw new Error("The helper was not started");
      const res = await fetch("http://helper/command", {
        method: "POST",
        body: JSON.stringify(args === undefined ? { op } : { op, args }),
        client,
      });
      return { status: res.status, body: await res.json() };
    },
    async [Symbol.asyncDispose]() {
      client?.close();
      await cleanAccount().catch(() => {});
      const stopped = await script("stop", runDir);
      if (stopped.code !== 0) throw new Error(`systemd_user.sh stop failed: ${stopped.stderr}`);
    },
  };
  return tier;
}

/** Writes a file as the account (so it owns it), through `tee` inside the namespace. */
async function writeAs(runDir: string, path: string, text: string): Promise<void> {
  const child = new Deno.Command("bash", {
    args: [SCRIPT, "exec", runDir, "sh", "-c", 'cat > "$0"', path],
    stdin: "piped",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(text));
  await writer.close();
  const out = await child.output();
  if (!out.success) throw new Error(`Writing ${path} failed: ${decoder.decode(out.stderr)}`);
}
