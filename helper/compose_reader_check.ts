/**
 * compose_validate where `podman-compose config` does not exist (podman-compose 1.0.3, Debian 12's): the
 * compose file is read with the project's own compose reader (shared/quadlet/load_compose.ts: YAML with
 * anchors and merge keys, interpolation with `.env`, `include` and `extends`), and the service names are
 * printed like `config --services` does. Unknown keys pass, as they do with `podman-compose config`.
 */
import { withComposeInputs } from "../shared/quadlet/compose_inputs.ts";
import { loadCompose } from "../shared/quadlet/load_compose.ts";
import type { ConvertError } from "../shared/quadlet/types.ts";
import { isMapping } from "../shared/quadlet/values.ts";
import { err, ok, type Result } from "../shared/result.ts";
import type { RunResult } from "./run_command.ts";

/** The first line of the fallback's output: says which validator ran. */
export const READER_VALIDATOR_LINE =
  "Checked by arr-helper's compose reader: this podman-compose has no `config` command (YAML, interpolation, " +
  "include/extends; unknown keys are not checked)";

/** True when podman-compose refused the `config` subcommand itself (argparse: "invalid choice: 'config'"). */
export function configUnsupported(run: Pick<RunResult, "code" | "stdout" | "stderr">): boolean {
  if (run.code === 0) return false;
  return /invalid choice: '?config'?|no such command:? '?config'?|unknown command:? '?config'?/i.test(
    `${run.stdout}\n${run.stderr}`,
  );
}

function describe(e: ConvertError): string {
  const where = [e.service === undefined ? "" : `service "${e.service}"`, e.key ?? ""]
    .filter((s) => s !== "").join(" ");
  return `${e.file}: ${where === "" ? "" : `${where}: `}${e.message}`;
}

/** Pure: the compose text (with its inputs already gathered) → the sorted service names, or the error. */
export function readComposeServices(input: Parameters<typeof loadCompose>[0]): Result<string[], string> {
  const loaded = loadCompose(input);
  if (!loaded.ok) return err(describe(loaded.error));
  const services = loaded.value.doc.services;
  if (services === undefined) return ok([]);
  if (!isMapping(services)) {
    return err(`${input.composeFile ?? "compose.yaml"}: "services" must be a mapping`);
  }
  return ok(Object.keys(services).sort());
}

/** Reads the other files the compose file names through `read` (undefined: unreadable), then checks it. */
export async function checkWithComposeReader(
  compose: { text: string; file: string; dir: string; dotenv: string | undefined },
  read: (path: string) => Promise<string | undefined>,
): Promise<Result<string[], string>> {
  const input = await withComposeInputs({
    compose: compose.text,
    composeFile: compose.file,
    projectDir: compose.dir,
    ...(compose.dotenv === undefined ? {} : { dotenv: compose.dotenv }),
  }, read);
  return readComposeServices(input);
}
