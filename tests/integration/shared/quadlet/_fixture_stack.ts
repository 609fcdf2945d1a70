/** Converts a compose fixture folder (compose.yaml + optional .env) the way the CLI does, without the CLI. */
import { fileURLToPath } from "node:url";
import { convertCompose } from "../../../../shared/quadlet/convert.ts";
import type { Conversion, ConvertOptions } from "../../../../shared/quadlet/types.ts";

export const FIXTURES = fileURLToPath(new URL("../../../fixtures/compose/", import.meta.url));

export async function convertFixture(
  name: string,
  options: ConvertOptions = {},
  env: Record<string, string> = {},
): Promise<Conversion> {
  const dir = `${FIXTURES}${name}`;
  const compose = await Deno.readTextFile(`${dir}/compose.yaml`);
  const dotenv = await Deno.readTextFile(`${dir}/.env`).catch(() => undefined);
  const input = { compose, composeFile: `${name}/compose.yaml`, projectDir: dir, env };
  const result = convertCompose(dotenv === undefined ? input : { ...input, dotenv }, options);
  if (!result.ok) throw new Error(`fixture ${name} did not convert: ${JSON.stringify(result.error)}`);
  return result.value;
}

export function unitMap(c: Conversion): Record<string, string> {
  return Object.fromEntries(c.units.map((u) => [u.fileName, u.text]));
}
