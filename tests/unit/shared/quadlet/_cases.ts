/** Runs one fixture case through the converter. */
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import type { ConvertInput, ConvertOptions } from "../../../../shared/quadlet/types.ts";
import type { CaseInput } from "./_cases_input.ts";
import { PROJECT } from "./_cases_input.ts";

export function runCase(c: CaseInput) {
  const input: ConvertInput = {
    compose: c.compose,
    projectDir: c.projectDir ?? PROJECT,
    env: c.env ?? {},
    envFiles: c.envFiles ?? {},
  };
  if (c.dotenv !== undefined) input.dotenv = c.dotenv;
  if (c.files !== undefined) input.files = c.files;
  const options: ConvertOptions = {};
  if (c.podmanVersion !== undefined) options.podmanVersion = c.podmanVersion;
  if (c.stack !== undefined) options.stack = c.stack;
  return convertCompose(input, options);
}
