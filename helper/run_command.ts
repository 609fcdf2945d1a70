/**
 * The subprocess runner: argv arrays only (never a shell), stdin closed, output capped while it is read,
 * and a timeout that stops the whole tree of work.
 *
 * Why every command runs under GNU `timeout`: Deno cannot signal a process group inside this sandbox
 * (`Deno.kill(-pgid)` needs unrestricted `--allow-run`; `ChildProcess.kill()` reaches only the child's pid), and
 * killing podman-compose alone orphans the `podman` process it started. podman-compose 1.3.0 passes SIGINT on
 * to its child, but Debian 12's 1.0.3 calls `Popen().wait()` and dies without it (seen: `podman restart -t 10`
 * lived on after the helper had answered "Timed out"). `timeout` puts the command in a new process group and
 * signals the whole group: SIGTERM at the limit, SIGKILL `2 × graceMs` later. SIGTERM, not SIGINT, because a
 * shell's background children ignore SIGINT, and every process in the group hears the signal itself. `--verbose` makes it say so on
 * stderr, which is how a timeout is told apart from a command that exits 124 itself. The runner's own timer
 * stays as a backstop (SIGINT, SIGTERM, SIGKILL to `timeout`) should `timeout` itself hang. (The systemd unit
 * stops only the helper's own process, so that the stacks' containers survive a helper restart: see
 * systemd/arr-helper.service.)
 */
import { concatChunks } from "../shared/capped_body.ts";
export interface RunOptions {
  /** Working directory of the child. */
  cwd?: string;
  /** Extra environment; the helper's own environment is always passed through (CONTAINERS_CONF, PATH …). */
  env?: Record<string, string>;
}

export interface RunResult {
  /** Exit code; 124 when the timeout stopped the command, 128+N when a signal ended it. */
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** True when any stream went over the cap and was cut. */
  truncated: boolean;
}

/** Runs one allowed program with an argv array. Injected everywhere so the core runs without subprocesses. */
export type Runner = (cmd: string, args: readonly string[], options?: RunOptions) => Promise<RunResult>;

export interface DenoRunnerOptions {
  /** Time a command may take before it is stopped. */
  timeoutMs: number;
  /** Bytes kept per stream; the rest is read and dropped. @default 1 MiB */
  maxBytes?: number;
  /** Wait between SIGINT, SIGTERM and SIGKILL, and for the pipes to drain after the exit. @default 5000 */
  graceMs?: number;
  /** GNU `timeout`, which stops the command's whole process group. @default "timeout" */
  timeoutProgram?: string;
}

export const TIMEOUT_EXIT_CODE = 124;

/** What GNU `timeout --verbose` prints when it signals the command, and when it cannot start it. */
const SENT_SIGNAL = /^(?:\S*\/)?timeout: sending signal \w+ to command /;
const CANNOT_START = /^(?:\S*\/)?timeout: failed to run command .*: (.*)$/m;

/** `timeout`'s argv for one command: seconds as decimals, the group signalled unless it ends first. */
export function timeoutArgv(
  timeoutMs: number,
  graceMs: number,
  cmd: string,
  args: readonly string[],
): string[] {
  const seconds = (ms: number) => `${ms / 1000}s`;
  return [
    "--verbose",
    "--signal=TERM",
    `--kill-after=${seconds(2 * graceMs)}`,
    seconds(timeoutMs),
    cmd,
    ...args,
  ];
}

interface Captured {
  text: string;
  truncated: boolean;
}

/** Reads a stream keeping at most `maxBytes`; `stop()` ends the read early and keeps what arrived. */
function capture(stream: ReadableStream<Uint8Array>, maxBytes: number) {
  const reader = stream.getReader();
  const result = (async (): Promise<Captured> => {
    const chunks: Uint8Array[] = [];
    let kept = 0;
    let truncated = false;
    try {
      while (true) {
        const { done, value } = await reader.read();
        if (done) break;
        const room = maxBytes - kept;
        if (value.byteLength > room) truncated = true;
        if (room > 0) {
          const part = value.subarray(0, room);
          chunks.push(part);
          kept += part.byteLength;
        }
      }
    } catch {
      // Stopped after the exit: keep what arrived.
    }
    return { text: new TextDecoder().decode(concatChunks(chunks)), truncated };
  })();
  return { result, stop: () => reader.cancel().catch(() => {}) };
}

function delay(ms: number): { promise: Promise<void>; cancel: () => void } {
  let id: ReturnType<typeof setTimeout> | undefined;
  const promise = new Promise<void>((resolve) => {
    id = setTimeout(resolve, ms);
  });
  return { promise, cancel: () => clearTimeout(id) };
}

export function createDenoRunner(options: DenoRunnerOptions): Runner {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const graceMs = options.graceMs ?? 5000;
  const wrapper = options.timeoutProgram ?? "timeout";
  return async function run(cmd, args, runOptions = {}) {
    let child: Deno.ChildProcess;
    try {
      child = new Deno.Command(wrapper, {
        args: timeoutArgv(options.timeoutMs, graceMs, cmd, args),
        stdin: "null",
        stdout: "piped",
        stderr: "piped",
        ...(runOptions.cwd === undefined ? {} : { cwd: runOptions.cwd }),
        ...(runOptions.env === undefined ? {} : { env: runOptions.env }),
      }).spawn();
    } catch (e) {
      // Not installed, or not allowed by the sandbox: an answer, not a crash.
      const reason = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return {
        code: 127,
        stdout: "",
        stderr: `Cannot run "${cmd}" under "${wrapper}": ${reason}`,
        timedOut: false,
        truncated: false,
      };
    }
    const stdout = capture(child.stdout, maxBytes);
    const stderr = capture(child.stderr, maxBytes);

    let timedOut = false;
    let exited = false;
    // The backstop: `timeout` should have ended everything by then.
    let pending = delay(options.timeoutMs + 3 * graceMs);
    const stopper = (async () => {
      await pending.promise;
      for (const signal of ["SIGINT", "SIGTERM", "SIGKILL"] as const) {
        if (exited) return;
        timedOut = true;
        try {
          child.kill(signal);
        } catch {
          return; // Already gone.
        }
        pending = delay(graceMs);
        await pending.promise;
      }
    })();

    const status = await child.status;
    exited = true;
    pending.cancel();
    void stopper;

    // A grandchild that outlived its parent may still hold the pipes open: drain briefly, then stop reading.
    const drain = delay(graceMs);
    const both = Promise.all([stdout.result, stderr.result]);
    const drained = await Promise.race([both.then(() => true), drain.promise.then(() => false)]);
    drain.cancel();
    if (!drained) await Promise.all([stdout.stop(), stderr.stop()]);
    const [out, err] = await both;
    const lines = err.text.split(/(?<=\n)/);
    if (lines.some((line) => SENT_SIGNAL.test(line))) timedOut = true;
    const stderrText = lines.filter((line) => !SENT_SIGNAL.test(line)).join("");
    const notStarted = status.code >= 126 && status.code <= 127 ? stderrText.match(CANNOT_START) : null;
    if (notStarted) {
      return { ...NOT_STARTED, stderr: `Cannot run "${cmd}": ${notStarted[1]}` };
    }
    const signalCode = status.signal === null ? null : 128 + signalNumber(status.signal);
    return {
      code: timedOut ? TIMEOUT_EXIT_CODE : signalCode ?? status.code,
      stdout: out.text,
      stderr: stderrText,
      timedOut,
      truncated: out.truncated || err.truncated,
    };
  };
}

const NOT_STARTED = { code: 127, stdout: "", timedOut: false, truncated: false } as const;

function signalNumber(signal: Deno.Signal): number {
  const numbers: Partial<Record<Deno.Signal, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 0;
}
