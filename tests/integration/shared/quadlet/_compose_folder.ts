/** Reads a compose folder the way the convert CLI does: compose.yaml, .env, the include/extends files, env_files. */
import { withComposeInputs } from "../../../../shared/quadlet/compose_inputs.ts";
import type { ConvertInput } from "../../../../shared/quadlet/types.ts";

export async function readComposeFolder(
  dir: string,
  env: Record<string, string> = {},
): Promise<ConvertInput> {
  const input: ConvertInput = {
    compose: await Deno.readTextFile(`${dir}/compose.yaml`),
    composeFile: `${dir}/compose.yaml`,
    projectDir: dir,
    env,
  };
  const dotenv = await readText(`${dir}/.env`);
  if (dotenv !== undefined) input.dotenv = dotenv;
  return await withComposeInputs(input, readText);
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}
