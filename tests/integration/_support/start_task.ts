/** arr-mcp started the way `deno task start` does: the task's own `deno run` flags from deno.json, a chosen env. */
import assert from "node:assert/strict";

const REPO = new URL("../../../", import.meta.url).pathname;

/** The start task's command line (deno.json gives it as a string or as `{ command, dependencies }`). */
export async function startTaskLine(): Promise<string> {
  const task: string | { command: string } =
    JSON.parse(await Deno.readTextFile(`${REPO}deno.json`)).tasks.start;
  return typeof task === "string" ? task : task.command;
}

/** The start task's words after `deno`: `run`, its permission flags and the entry file. */
export async function startTaskArgs(): Promise<string[]> {
  const words = (await startTaskLine()).split(/\s+/);
  assert.deepEqual(words.slice(0, 2), ["deno", "run"]);
  return words.slice(1);
}

/** `deno task bundle` in the repo, as the start task's dependency runs it; returns what it printed. */
export async function makeBundle(): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["task", "bundle"],
    cwd: REPO,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const printed = new TextDecoder().decode(out.stderr) + new TextDecoder().decode(out.stdout);
  assert.ok(out.success, printed);
  return printed;
}

/**
 * The caller's environment without the variables `drop` picks, with a fresh HOME and XDG_RUNTIME_DIR inside
 * `home` (Deno's cache kept), colour off and ARR_MCP_PORT=0.
 */
export function startEnv(home: string, drop: (name: string) => boolean): Record<string, string> {
  const env = Object.fromEntries(Object.entries(Deno.env.toObject()).filter(([k]) => !drop(k)));
  return {
    ...env,
    DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME")}/.cache/deno`,
    HOME: home,
    XDG_RUNTIME_DIR: `${home}/run`,
    ARR_MCP_PORT: "0",
    NO_COLOR: "1",
  };
}

/**
 * The start task as a command in the repo with exactly `env`, stdout and stderr piped; `entry` replaces the
 * entry file (e.g. a bundle of it) under the same flags.
 */
export async function startTaskCommand(env: Record<string, string>, entry?: string): Promise<Deno.Command> {
  const args = await startTaskArgs();
  return new Deno.Command(Deno.execPath(), {
    args: entry === undefined ? args : [...args.slice(0, -1), entry],
    cwd: REPO,
    clearEnv: true,
    env,
    stdout: "piped",
    stderr: "piped",
  });
}

/** Stops a started arr-mcp and releases its pipes (`stdout` is the reader the test took from it). */
export async function stopStarted(
  child: Deno.ChildProcess,
  stdout: ReadableStreamDefaultReader<string>,
): Promise<void> {
  child.kill("SIGTERM");
  await child.status;
  await stdout.cancel().catch(() => {});
  await child.stderr.cancel().catch(() => {});
}

export interface Listening {
  child: Deno.ChildProcess;
  port: number;
  /** Everything it printed on stdout up to and including the "listening on" line. */
  output: string;
  stop(): Promise<void>;
}

/** Starts the start task with `env` and waits for its "listening on 127.0.0.1:<port>" line. */
export async function startListening(env: Record<string, string>, entry?: string): Promise<Listening> {
  const child = (await startTaskCommand(env, entry)).spawn();
  const stdout = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stop = () => stopStarted(child, stdout);
  let output = "";
  try {
    while (!/listening on 127\.0\.0\.1:\d+/.test(output)) {
      const { value, done } = await stdout.read();
      if (done) throw new Error(`arr-mcp exited: ${output}`);
      output += value;
    }
  } catch (e) {
    await stop();
    throw e;
  }
  const port = Number(/listening on 127\.0\.0\.1:(\d+)/.exec(output)![1]);
  return { child, port, output, stop };
}
