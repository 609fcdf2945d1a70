/**
 * Runs the real quadlet generator (5.4.2, from the testbed) over a set of units: the check that a unit is
 * valid for Podman, beyond string comparisons.
 */
import assert from "node:assert/strict";
import { splitWords } from "../../../../shared/quadlet/systemd_quote.ts";
import { testbed } from "../../../testbed/testbed.ts";

export interface GeneratorRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Generated service name → its text, from the `---name.service---` headers. */
  services: Map<string, string>;
}

export async function runGenerator(units: Record<string, string>): Promise<GeneratorRun> {
  const dir = await Deno.makeTempDir({ prefix: "arr-quadlet-" });
  try {
    for (const [name, text] of Object.entries(units)) await Deno.writeTextFile(`${dir}/${name}`, text);
    const out = await new Deno.Command(testbed().quadletBin, {
      args: ["-dryrun", "-user"],
      env: { QUADLET_UNIT_DIRS: dir },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const dec = new TextDecoder();
    const stdout = dec.decode(out.stdout);
    const services = new Map<string, string>();
    const parts = stdout.split(/^---(.+)---$/m);
    for (let i = 1; i + 1 < parts.length; i += 2) services.set(parts[i] as string, parts[i + 1] as string);
    return { code: out.code, stdout, stderr: dec.decode(out.stderr), services };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The generated service name quadlet uses for a unit file. */
export function serviceNameOf(fileName: string): string {
  const m = /^(.+)\.(container|network|volume|build)$/.exec(fileName);
  if (!m) throw new Error(`Cannot name the service of "${fileName}"`);
  return m[2] === "container" ? `${m[1]}.service` : `${m[1]}-${m[2]}.service`;
}

/** Asserts the generator accepts every unit (exit 0) and emits the service of each; returns the run. */
export async function assertGeneratorAccepts(units: Record<string, string>): Promise<GeneratorRun> {
  const run = await runGenerator(units);
  const errors = run.stderr.split("\n").filter((l) =>
    !/Loading source unit file|Warning: .* not a fully qualified/.test(l)
  )
    .filter((l) => l.trim() !== "");
  assert.equal(run.code, 0, `quadlet -dryrun failed (exit ${run.code}):\n${errors.join("\n")}`);
  for (const name of Object.keys(units)) {
    const service = serviceNameOf(name);
    assert.ok(
      run.services.has(service),
      `quadlet did not generate ${service}; got ${[...run.services.keys()]}`,
    );
  }
  return run;
}

/** The ExecStart= line of one generated service. */
export function execStart(run: GeneratorRun, service: string): string {
  const text = run.services.get(service) ?? "";
  const line = text.split("\n").find((l) => l.startsWith("ExecStart="));
  assert.ok(line, `no ExecStart= in ${service}`);
  return line;
}

/**
 * systemd's reading of an ExecStart= command line (systemd.service(5), "Command lines"): words, then specifiers
 * (%t %N %n %%), `$$` for `$`, and `${VAR}` replaced by the unit's Environment= value (a word that is only
 * `${VAR}` stays exactly one argument, even when the value is empty).
 */
export function systemdWords(
  line: string,
  spec: Record<string, string>,
  env: Record<string, string> = {},
): string[] {
  const words = splitWords(line.replace(/^ExecStart=/, ""));
  assert.ok(words, `cannot split ${line}`);
  return words.map((w) =>
    w.replace(
      /%(.)|\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (m, c: string | undefined, name: string | undefined) => {
        if (m === "$$") return "$";
        if (name !== undefined) return env[name] ?? "";
        if (c === "%") return "%";
        const v = spec[c ?? ""];
        if (v === undefined) throw new Error(`unexpected specifier %${c} in ${w}`);
        return v;
      },
    )
  );
}

/** The `[Service] Environment=` values of one generated service (what systemd gives ExecStart= to expand). */
export function serviceEnvironment(run: GeneratorRun, service: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of (run.services.get(service) ?? "").split("\n")) {
    const m = /^Environment=([^=]+)=(.*)$/.exec(line);
    if (m) env[m[1] as string] = m[2] as string;
  }
  return env;
}
