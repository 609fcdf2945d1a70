/**
 * Gathers the other files a compose file needs before it can be converted: the compose files `include` and
 * `extends` name (nested ones too) and the `env_file`s. Reading is injected, so the CLI reads anywhere and the MCP
 * tool only inside the stacks folder; a file `read` cannot give stays missing, and the conversion names it.
 */
import { envFilePaths } from "./env_file_paths.ts";
import { composeFilePaths } from "./load_compose.ts";
import type { ConvertInput } from "./types.ts";

export type ReadText = (path: string) => Promise<string | undefined>;

/** Returns `input` with `files` and `envFiles` filled through `read`. */
export async function withComposeInputs(input: ConvertInput, read: ReadText): Promise<ConvertInput> {
  const files: Record<string, string> = { ...input.files };
  const out: ConvertInput = { ...input, files };
  for (let wanted = composeFilePaths(out); wanted.length > 0; wanted = composeFilePaths(out)) {
    let added = false;
    for (const path of wanted) {
      const text = await read(path);
      if (text !== undefined && !(path in files)) {
        files[path] = text;
        added = true;
      }
    }
    if (!added) break;
  }
  const envFiles: Record<string, string> = { ...input.envFiles };
  for (const path of envFilePaths(out)) {
    const text = await read(path);
    if (text !== undefined) envFiles[path] = text;
  }
  out.envFiles = envFiles;
  return out;
}
