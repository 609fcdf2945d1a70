/**
 * The staging folder `<stacks dir>/<stack>/quadlets/`: compose_to_quadlet writes converted units there,
 * quadlet_install and quadlet_to_compose (staged=true) read them back.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { QuadletUnit } from "../../../shared/quadlet/types.ts";
import { writeFileAtomic } from "../../../shared/atomic_write.ts";
import { isWithin } from "../../fs/within.ts";
import { checkStackName } from "../../fs/stack_name.ts";
import type { UnitText } from "../../../shared/quadlet/types.ts";
import { QUADLET_MAX_CONTENT_BYTES } from "../../../shared/limits.ts";
import { UNIT_FILE } from "./common.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";

/**
 * Writes the units into the staging folder (0600: they may hold values from .env) and removes staged units
 * from an earlier run that are gone now.
 */
export async function stageUnits(
  dir: string,
  units: readonly QuadletUnit[],
): Promise<Result<true, ToolFailure>> {
  try {
    await Deno.mkdir(dir, { recursive: true });
    const st = await Deno.lstat(dir);
    if (!st.isDirectory || st.isSymlink) {
      return err({ kind: "invalid_argument", message: `${dir} is not a folder` });
    }
    const keep = new Set(units.map((u) => u.fileName));
    for (const u of units) {
      await writeFileAtomic(`${dir}/${u.fileName}`, new TextEncoder().encode(u.text), { mode: 0o600 });
    }
    for await (const e of Deno.readDir(dir)) {
      if (e.isFile && UNIT_FILE.test(e.name) && !keep.has(e.name)) await Deno.remove(`${dir}/${e.name}`);
    }
    return ok(true);
  } catch (e) {
    return err({ kind: "io", message: `Cannot stage units in ${dir}: ${(e as Error).message}` });
  }
}

function noStagedUnits(stack: string): Result<never, ToolFailure> {
  return err({
    kind: "not_found",
    message: `Stack "${stack}" has no staged units: run compose_to_quadlet first`,
  });
}

/** The staged units of a stack, sorted by file name, with the real path of the staging folder. */
export async function readStaged(
  stacksDir: string,
  stack: string,
): Promise<Result<{ dir: string; units: UnitText[] }, ToolFailure>> {
  const name = checkStackName(stack);
  if (!name.ok) return err({ kind: "invalid_argument", message: name.error });
  let dir: string;
  try {
    const root = await Deno.realPath(stacksDir);
    dir = await Deno.realPath(`${root}/${stack}/quadlets`);
    if (dir === root || !isWithin(root, dir)) {
      return err({ kind: "invalid_argument", message: `${dir} is outside the stacks dir` });
    }
  } catch {
    return noStagedUnits(stack);
  }
  const units: UnitText[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (!e.isFile || !UNIT_FILE.test(e.name)) continue;
    const st = await Deno.stat(`${dir}/${e.name}`);
    if (st.size > QUADLET_MAX_CONTENT_BYTES) {
      return err({ kind: "invalid_argument", message: `${e.name} is too large` });
    }
    units.push({ fileName: e.name, text: await Deno.readTextFile(`${dir}/${e.name}`) });
  }
  if (units.length === 0) return noStagedUnits(stack);
  return ok({ dir, units: units.sort((a, b) => (a.fileName < b.fileName ? -1 : 1)) });
}
