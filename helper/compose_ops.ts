/**
 * The stack ops, through podman-compose with `--project-name=<stack> --file=<compose file>`. Its exit code is
 * always 0, so `up`, `down` and `restart` are judged by the project's containers as `podman ps` lists them (every
 * podman-compose version labels them; 1.0.3 has no `ps --format json`), and `pull` by podman's `Error:` lines.
 */
import { STACK_STATUS_MARKER } from "../shared/helper_protocol.ts";
import { COMPOSE_FILE_NAMES, type EntryKind, pickComposeFile } from "../shared/names.ts";
import { err, ok, type Result } from "../shared/result.ts";
import { checkWithComposeReader, configUnsupported, READER_VALIDATOR_LINE } from "./compose_reader_check.ts";
import {
  defaultServices,
  type Expectation,
  judgeStack,
  parsePsJson,
  projectPsArgs,
} from "./compose_status.ts";
import { type HelperFs, lstatOrNull, readRegularFile } from "./fs.ts";
import { done, joinStreams, type OpOutcome } from "./outcome.ts";
import { type Runner, TIMEOUT_EXIT_CODE } from "./run_command.ts";
import { quote, validateStackName } from "./validate.ts";

export interface StackDeps {
  runner: Runner;
  fs: HelperFs;
  stacksDir: string;
  /** Seconds podman may wait for a container to stop (`-t`); null leaves podman's own default. */
  stopTimeoutS: number | null;
}

export interface Stack {
  name: string;
  dir: string;
  composeFile: string;
}

/** The stack name is valid and `<stacks dir>/<stack>/` is a real folder holding a real compose file. */
export async function resolveStack(deps: StackDeps, value: unknown): Promise<Result<Stack, string>> {
  const name = validateStackName(value);
  if (!name.ok) return name;
  const dir = `${deps.stacksDir}/${name.value}`;
  const info = await lstatOrNull(deps.fs, dir);
  if (info === null) {
    return err(`Invalid argument "stack": no stack ${quote(name.value)} in "${deps.stacksDir}"`);
  }
  if (info.isSymlink) return err(`Invalid argument "stack": "${dir}" is a symlink`);
  if (!info.isDirectory) return err(`Invalid argument "stack": "${dir}" is not a directory`);
  const kinds = new Map<string, EntryKind>();
  for (const file of COMPOSE_FILE_NAMES) {
    const found = await lstatOrNull(deps.fs, `${dir}/${file}`);
    if (found !== null) kinds.set(file, found.isSymlink ? "symlink" : found.isFile ? "file" : "other");
  }
  const picked = pickComposeFile((file) => kinds.get(file) ?? null);
  if (picked === null) {
    return err(`Invalid argument "stack": "${dir}" has no ${COMPOSE_FILE_NAMES.join(", ")}`);
  }
  if (picked.kind !== "file") {
    return err(`Invalid argument "stack": "${dir}/${picked.name}" is not a regular file`);
  }
  return ok({ name: name.value, dir, composeFile: `${dir}/${picked.name}` });
}

/** A compose file (or one it includes) the helper reads back: larger ones are not read. */
export const COMPOSE_MAX_BYTES = 1 << 20;

export function composeArgs(stack: Stack, ...rest: string[]): string[] {
  return [`--project-name=${stack.name}`, `--file=${stack.composeFile}`, ...rest];
}

export function timeoutArgs(deps: StackDeps): string[] {
  return deps.stopTimeoutS === null ? [] : ["-t", String(deps.stopTimeoutS)];
}

/** Runs a lifecycle command, then reports what `ps` says is really there. */
async function lifecycle(
  deps: StackDeps,
  stack: Stack,
  args: string[],
  expect: Expectation,
): Promise<OpOutcome> {
  const run = await deps.runner("podman-compose", composeArgs(stack, ...args), { cwd: stack.dir });
  const ps = await deps.runner("podman", projectPsArgs(stack.name), { cwd: stack.dir });
  const text = joinStreams(run.stdout, run.stderr);
  const containers = parsePsJson(ps.stdout);
  if (!containers.ok) {
    return done(false, `${text}\n${containers.error}\n${joinStreams("", ps.stderr)}`.trim(), 1);
  }
  let services: string[] = [];
  try {
    services = defaultServices(await readRegularFile(deps.fs, stack.composeFile, COMPOSE_MAX_BYTES));
  } catch {
    // Judge by the containers alone when the file cannot be read back.
  }
  const verdict = judgeStack(stack.name, expect, services, containers.value);
  const output = `${text}\n${STACK_STATUS_MARKER}\n${JSON.stringify(verdict.status)}`.trimStart();
  if (run.timedOut) return done(false, `Timed out: ${output}`, TIMEOUT_EXIT_CODE);
  return done(verdict.ok, output, verdict.ok ? 0 : 1);
}

export function createStackOps(deps: StackDeps) {
  return {
    resolve: (args: Record<string, unknown>) => resolveStack(deps, args.stack),
    up: (stack: Stack) => lifecycle(deps, stack, ["up", "-d", ...timeoutArgs(deps)], "running"),
    down: (stack: Stack) => lifecycle(deps, stack, ["down", ...timeoutArgs(deps)], "absent"),
    restart: (stack: Stack) => lifecycle(deps, stack, ["restart", ...timeoutArgs(deps)], "running"),
    async pull(stack: Stack): Promise<OpOutcome> {
      const run = await deps.runner("podman-compose", composeArgs(stack, "pull"), { cwd: stack.dir });
      const text = joinStreams(run.stdout, run.stderr);
      if (run.timedOut) return done(false, `Timed out: ${text}`, TIMEOUT_EXIT_CODE);
      const errors = text.split("\n").filter((l) => l.startsWith("Error: "));
      const failed = run.code !== 0 || errors.length > 0;
      const summary = failed ? `Pull failed: ${errors.join("; ") || `exit ${run.code}`}` : "Pull finished";
      return done(!failed, `${text}\n${summary}`.trimStart(), failed ? (run.code || 1) : 0);
    },
    /**
     * `config --services` parses and interpolates the file without printing values (no secrets). Where
     * podman-compose has no `config` (1.0.3), the project's own compose reader checks it and says so.
     */
    async validate(stack: Stack): Promise<OpOutcome> {
      const run = await deps.runner("podman-compose", composeArgs(stack, "config", "--services"), {
        cwd: stack.dir,
      });
      const text = joinStreams(run.stdout, run.stderr);
      if (run.timedOut) return done(false, `Timed out: ${text}`, TIMEOUT_EXIT_CODE);
      if (configUnsupported(run)) return await readerValidate(deps, stack);
      return done(run.code === 0, text, run.code);
    },
  };
}

/** The compose file and the files it names, read only inside the stacks folder (regular files, no symlinks). */
async function readerValidate(deps: StackDeps, stack: Stack): Promise<OpOutcome> {
  const read = async (path: string) => {
    if (!path.startsWith(`${deps.stacksDir}/`)) return undefined;
    return await readRegularFile(deps.fs, path, COMPOSE_MAX_BYTES).catch(() => undefined);
  };
  const text = await read(stack.composeFile);
  if (text === undefined) {
    return done(false, `${READER_VALIDATOR_LINE}\nCannot read "${stack.composeFile}"`, 1);
  }
  const dotenv = await read(`${stack.dir}/.env`);
  const file = stack.composeFile.slice(stack.dir.length + 1);
  const checked = await checkWithComposeReader({ text, file, dir: stack.dir, dotenv }, read);
  return checked.ok
    ? done(true, `${READER_VALIDATOR_LINE}\n${checked.value.join("\n")}`, 0)
    : done(false, `${READER_VALIDATOR_LINE}\n${checked.error}`, 1);
}
