/** Reads a stack (compose file, its .env and env_files) and converts it to quadlet units with shared/quadlet/. */
import { dirname } from "node:path";
import { convertCompose } from "../../../shared/quadlet/convert.ts";
import { withComposeInputs } from "../../../shared/quadlet/compose_inputs.ts";
import {
  type ConvertInput,
  type ConvertOptions,
  type ConvertReport,
  formatConvertError,
  type QuadletUnit,
} from "../../../shared/quadlet/types.ts";
import { err, ok, type Result } from "../../../shared/result.ts";
import type { FsPort } from "../../fs/port.ts";
import { readAll } from "../../fs/read_handle.ts";
import type { ScopeRoot } from "../../fs/scope.ts";
import { readCompose, stacksRoots } from "../../fs/stack_files.ts";
import { QUADLET_MAX_CONTENT_BYTES } from "../../../shared/limits.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";

export interface ConvertedStack {
  /** The stack's folder. */
  dir: string;
  units: QuadletUnit[];
  report: ConvertReport;
  /** The compose project name that named the volumes and networks (`<project>_<name>`). */
  project: string;
  /** Every file the conversion read (compose, .env, include/extends files, env_files) → its text. */
  sources: Record<string, string>;
}

export interface ConvertStackOptions
  extends Pick<ConvertOptions, "profiles" | "projectName" | "startTimeoutSec"> {
  podmanVersion: string;
  /** Prefix unit names with the (lower-cased) stack name. */
  prefix: boolean;
}

export async function convertStack(
  fs: FsPort,
  stacksDir: string,
  stack: string,
  options: ConvertStackOptions,
): Promise<Result<ConvertedStack, ToolFailure>> {
  const compose = await readCompose(fs, stacksDir, stack);
  if (!compose.ok) return compose;
  if (compose.value.content === null) {
    return err({
      kind: "not_found",
      message: `Stack "${stack}" has no compose file (${compose.value.path})`,
    });
  }
  const dir = dirname(compose.value.path);
  const roots = stacksRoots(stacksDir);
  const input: ConvertInput = {
    compose: compose.value.content,
    composeFile: compose.value.path,
    projectDir: dir,
    env: {},
  };
  const dotenv = await readInside(fs, roots, `${dir}/.env`);
  if (dotenv !== undefined) input.dotenv = dotenv;
  // The files include/extends name and the env_files, read only inside the stacks dir through the file layer.
  const full = await withComposeInputs(input, (path) => readInside(fs, roots, path));
  const { prefix: _, ...converterOptions } = options;
  const result = convertCompose(
    full,
    options.prefix ? { ...converterOptions, stack: stack.toLowerCase() } : converterOptions,
  );
  if (!result.ok) return err({ kind: "invalid_compose", message: formatConvertError(result.error) });
  const sources: Record<string, string> = { [compose.value.path]: compose.value.content };
  if (dotenv !== undefined) sources[`${dir}/.env`] = dotenv;
  Object.assign(sources, full.files, full.envFiles);
  return ok({
    dir,
    units: result.value.units,
    report: result.value.report,
    project: result.value.project ?? "",
    sources,
  });
}

/** Reads a file through the file layer, or nothing when it refuses it (env_file paths come from the compose author). */
async function readInside(
  fs: FsPort,
  roots: readonly ScopeRoot[],
  path: string,
): Promise<string | undefined> {
  try {
    using handle = await fs.open(path, roots);
    return new TextDecoder().decode(await readAll(handle, QUADLET_MAX_CONTENT_BYTES * 4));
  } catch {
    return undefined;
  }
}
