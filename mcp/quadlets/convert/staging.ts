/**
 * The staging folder `<stacks dir>/<stack>/quadlets/`: compose_to_quadlet writes converted units there,
 * quadlet_install and quadlet_to_compose (staged=true) read them back. All through the file layer.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import { fsAttempt } from "../../fs/fs_error.ts";
import type { FsPort } from "../../fs/port.ts";
import { readAll } from "../../fs/read_handle.ts";
import { stacksRoots } from "../../fs/stack_files.ts";
import { checkStackName } from "../../fs/stack_name.ts";
import type { UnitText } from "../../../shared/quadlet/types.ts";
import { QUADLET_MAX_CONTENT_BYTES } from "../../../shared/limits.ts";
import { UNIT_FILE } from "./common.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";

/**
 * Writes the units into the stack's staging folder (a private folder, units 0600: they may hold values from
 * .env) and removes staged units from an earlier run that are gone now.
 */
export async function stageUnits(
  fs: FsPort,
  stacksDir: string,
  dir: string,
  units: readonly UnitText[],
): Promise<Result<true, ToolFailure>> {
  const roots = stacksRoots(stacksDir);
  return await fsAttempt(async () => {
    await fs.makeDir(dir, roots, { private: true });
    const keep = new Set(units.map((u) => u.fileName));
    for (const u of units) {
      await fs.write(`${dir}/${u.fileName}`, roots, new TextEncoder().encode(u.text), { mode: 0o600 });
    }
    for (const e of await fs.list(dir, roots)) {
      if (e.info.isFile && UNIT_FILE.test(e.name) && !keep.has(e.name)) {
        await fs.remove(`${dir}/${e.name}`, roots);
      }
    }
    return true as const;
  });
}

function noStagedUnits(stack: string): Result<never, ToolFailure> {
  return err({
    kind: "not_found",
    message: `Stack "${stack}" has no staged units: run compose_to_quadlet first`,
  });
}

/** The staged units of a stack, sorted by file name, with the real path of the staging folder. */
export async function readStaged(
  fs: FsPort,
  stacksDir: string,
  stack: string,
): Promise<Result<{ dir: string; units: UnitText[] }, ToolFailure>> {
  const name = checkStackName(stack);
  if (!name.ok) return err({ kind: "invalid_argument", message: name.error });
  const roots = stacksRoots(stacksDir);
  const read = await fsAttempt(async () => {
    const dir = (await fs.resolve(`${stacksDir}/${stack}/quadlets`, roots)).path;
    const units: UnitText[] = [];
    for (const e of await fs.list(dir, roots)) {
      if (!e.info.isFile || !UNIT_FILE.test(e.name)) continue;
      using handle = await fs.open(`${dir}/${e.name}`, roots);
      units.push({
        fileName: e.name,
        text: new TextDecoder().decode(await readAll(handle, QUADLET_MAX_CONTENT_BYTES)),
      });
    }
    return { dir, units: units.sort((a, b) => (a.fileName < b.fileName ? -1 : 1)) };
  });
  if (!read.ok) return read.error.kind === "not_found" ? noStagedUnits(stack) : read;
  return read.value.units.length === 0 ? noStagedUnits(stack) : ok(read.value);
}
