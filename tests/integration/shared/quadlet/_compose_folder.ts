/** Reads a compose folder the way the convert CLI does: compose.yaml, .env, the include/extends files, env_files. */
import { envFilePaths } from "../../../../shared/quadlet/env_file_paths.ts";
import { composeFilePaths } from "../../../../shared/quadlet/load_compose.ts";
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
  const files: Record<string, string> = {};
  input.files = files;
  for (
    let wanted = composeFilePaths(input);
    wanted.some((p) => !(p in files));
    wanted = composeFilePaths(input)
  ) {
    let added = false;
    for (const path of wanted) {
      const text = await readText(path);
      if (text !== undefined && !(path in files)) {
        files[path] = text;
        added = true;
      }
    }
    if (!added) break;
  }
  const envFiles: Record<string, string> = {};
  for (const path of envFilePaths(input)) {
    const text = await readText(path);
    if (text !== undefined) envFiles[path] = text;
  }
  input.envFiles = envFiles;
  return input;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}
