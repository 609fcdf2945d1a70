/**
 * `deno task convert <compose-file> --out <dir> [--env-file F] [--podman-version X] [--stack NAME]
 *   [--project-name NAME] [--profile NAME]... [--start-timeout SECONDS] [--report FILE]`
 *
 * The imperative shell around convertCompose: reads the compose file, the `.env` beside it (or --env-file),
 * the env_file files and the process environment; writes units atomically. Exit 0 when units were produced
 * (even with reported keys), 2 on unreadable or invalid input.
 */
import { parseArgs } from "node:util";
import { dirname, join, resolve } from "node:path";
import { convertCompose } from "./convert.ts";
import { withComposeInputs } from "./compose_inputs.ts";
import { type ConvertInput, type ConvertOptions, formatConvertError } from "./types.ts";
import { writeFileAtomic } from "../atomic_write.ts";

const USAGE =
  "Usage: deno task convert <compose-file> [--out DIR] [--env-file FILE] [--podman-version X] [--stack NAME] [--project-name NAME] [--profile NAME]... [--start-timeout SECONDS] [--report FILE]";

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        "env-file": { type: "string" },
        "podman-version": { type: "string" },
        stack: { type: "string" },
        "project-name": { type: "string", short: "p" },
        profile: { type: "string", multiple: true },
        "start-timeout": { type: "string" },
        report: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(`Cannot convert: expected exactly one compose file, got ${positionals.length}\n${USAGE}`);
    return 2;
  }
  // `deno task` runs in the config's folder; INIT_CWD is where the user typed the command.
  const cwd = Deno.env.get("INIT_CWD") ?? Deno.cwd();
  const composePath = resolve(cwd, positionals[0] as string);
  const projectDir = dirname(composePath);
  const compose = await readText(composePath);
  if (compose === undefined) {
    console.error(`Cannot read compose file "${composePath}": file is missing or unreadable`);
    return 2;
  }
  const envPath = values["env-file"] ? resolve(cwd, values["env-file"]) : join(projectDir, ".env");
  const dotenv = await readText(envPath);
  if (values["env-file"] && dotenv === undefined) {
    console.error(`Cannot read env file "${envPath}": file is missing or unreadable`);
    return 2;
  }
  const input: ConvertInput = {
    compose,
    composeFile: positionals[0] as string,
    projectDir,
    env: Deno.env.toObject(),
  };
  if (dotenv !== undefined) input.dotenv = dotenv;
  const options: ConvertOptions = {};
  if (values["podman-version"]) options.podmanVersion = values["podman-version"];
  if (values.stack) options.stack = values.stack;
  if (values["project-name"]) options.projectName = values["project-name"];
  if (values.profile) options.profiles = values.profile;
  if (values["start-timeout"] !== undefined) {
    if (!/^\d+$/.test(values["start-timeout"])) {
      console.error(
        `Cannot use --start-timeout "${values["start-timeout"]}": expected whole seconds\n${USAGE}`,
      );
      return 2;
    }
    options.startTimeoutSec = Number(values["start-timeout"]);
  }
  const result = convertCompose(await withComposeInputs(input, readText), options);
  if (!result.ok) {
    console.error(formatConvertError(result.error));
    return 2;
  }
  const { units, report } = result.value;
  if (values.out) {
    const out = resolve(cwd, values.out);
    await Deno.mkdir(out, { recursive: true });
    for (const u of units) await writeAtomic(join(out, u.fileName), u.text);
    console.log(`Wrote ${units.length} unit(s) to ${out}: ${report.units.join(", ")}`);
  } else {
    console.log(units.map((u) => `# ${u.fileName}\n${u.text}`).join("\n"));
  }
  const log = values.out ? console.log : console.error;
  for (const u of report.unsupported) {
    log(`unsupported: ${u.service === null ? "" : `service "${u.service}": `}key "${u.key}": ${u.reason}`);
  }
  for (const w of report.warnings) log(`warning: ${w}`);
  for (const k of report.skipped) log(`skipped: service "${k.service}": ${k.reason}`);
  if (values.report) await writeAtomic(resolve(cwd, values.report), JSON.stringify(report, null, 2) + "\n");
  return 0;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}

/** Mode 0600: units may carry values from .env. */
function writeAtomic(path: string, text: string): Promise<void> {
  return writeFileAtomic(path, new TextEncoder().encode(text), { mode: 0o600 });
}

if (import.meta.main) Deno.exit(await main(Deno.args));
