/**
 * A stand-in for `systemctl --user` where no systemd runs (tests/testbed notes): it records every call, and for
 * `start` and `stop` of a quadlet's service does what systemd would with the generated unit: runs the real quadlet
 * generator (5.4.2) over the installed units, starts the network and volume services the unit requires, then runs
 * its ExecStart= (read as systemd reads it, with `PODMAN_SYSTEMD_UNIT` set as the generated `Environment=` sets it),
 * or its ExecStop=. Changes forced by the testbed's Podman 4.3.1 and by the absence of systemd, and nothing else:
 * `--cgroups=split` and `--sdnotify=…` dropped (no systemd to split under or notify), `--ignore` dropped from
 * `network/volume create` (4.4; "already exists" then counts as done).
 *
 * `installStandIn()` writes the `systemctl` script that runs this file; a file `fail-start` beside the record makes
 * every start fail as systemd reports it, a file `noop-start` makes a start succeed without running anything (a
 * plain recorder).
 */
import { execStart, runGenerator, systemdWords } from "../../shared/quadlet/quadlet_generator.ts";

export interface StandIn {
  /** Each call's argv, one line per call. */
  record: string;
  /** Create this file to make `start` fail. */
  failStart: string;
  /** Create this file to make `start` succeed and run nothing. */
  noopStart: string;
}

/** Writes `<binDir>/systemctl`, which records and hands start/stop to this file under the testbed's environment. */
export async function installStandIn(binDir: string, root: string, quadletDir: string): Promise<StandIn> {
  const record = `${root}/systemctl.log`;
  const failStart = `${root}/fail-start`;
  const noopStart = `${root}/noop-start`;
  const runtimeDir = `${root}/systemd-run`;
  await Deno.mkdir(runtimeDir, { recursive: true });
  const env = ["ARR_TESTBED_DIR", "ARR_TEST_PODMAN_SOCKET", "ARR_TEST_IMAGE", "CONTAINERS_CONF", "PATH"]
    .map((k) => `${k}='${Deno.env.get(k) ?? ""}'`).join(" ");
  const self = new URL(import.meta.url).pathname;
  const script = [
    "#!/bin/sh",
    `printf '%s\\n' "$*" >> '${record}'`,
    'case "$3" in',
    `  start) [ -e '${failStart}' ] && { echo "Job for $4 failed." >&2; exit 1; }`,
    `         [ -e '${noopStart}' ] && exit 0 ;;`,
    "esac",
    'case "$3" in',
    `  start|stop) exec env ${env} '${Deno.execPath()}' run --allow-all '${self}' "$3" '${quadletDir}' '${runtimeDir}' "$4" ;;`,
    "esac",
    "exit 0",
    "",
  ].join("\n");
  await Deno.writeTextFile(`${binDir}/systemctl`, script, { mode: 0o755 });
  return { record, failStart, noopStart };
}

async function podman(
  words: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stderr: string }> {
  const out = await new Deno.Command("podman", { args: words, env, stdout: "null", stderr: "piped" })
    .output();
  return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
}

async function main([verb, quadletDir, runtimeDir, unit]: string[]): Promise<number> {
  if (!verb || !quadletDir || !runtimeDir || !unit) return 2;
  const units: Record<string, string> = {};
  for await (const e of Deno.readDir(quadletDir)) {
    if (e.isFile && /\.(container|network|volume)$/.test(e.name)) {
      units[e.name] = await Deno.readTextFile(`${quadletDir}/${e.name}`);
    }
  }
  const run = await runGenerator(units);
  const text = run.services.get(unit);
  if (text === undefined) {
    console.error(`Unit ${unit} not found.`);
    return 5;
  }
  const words = (line: string, service: string) =>
    systemdWords(line, { t: runtimeDir, n: service, N: service.replace(/\.service$/, ""), h: runtimeDir })
      .slice(1);
  if (verb === "stop") {
    const stop = text.split("\n").find((l) => l.startsWith("ExecStop="));
    // systemctl stop succeeds on a unit that is not running (its ExecStop= then finds no container id file).
    if (stop) await podman(words(stop.replace(/^ExecStop=/, "ExecStart="), unit));
    return 0;
  }
  const required = text.split("\n").filter((l) => l.startsWith("Requires="))
    .flatMap((l) => l.slice("Requires=".length).split(/\s+/))
    .filter((s) => /-(network|volume)\.service$/.test(s));
  for (const service of required) {
    const create = words(execStart(run, service), service).filter((w) => w !== "--ignore");
    const made = await podman(create);
    if (made.code !== 0 && !/already exists/.test(made.stderr)) {
      console.error(made.stderr);
      return 1;
    }
  }
  const args = words(execStart(run, unit), unit).filter((w) =>
    w !== "--cgroups=split" && !w.startsWith("--sdnotify")
  );
  const started = await podman(args, { PODMAN_SYSTEMD_UNIT: unit });
  if (started.code !== 0) console.error(started.stderr);
  return started.code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
