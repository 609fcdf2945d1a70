/**
 * What quadlet_install does once confirmed: checks nothing changed since the preview, keeps a rollback copy of
 * the units it replaces, writes the units through arr-helper (putting back what it wrote when a write fails)
 * and reloads systemd.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { HelperClient } from "../../clients/helper/helper_client.ts";
import { sha256Hex } from "../../../shared/encoding.ts";
import { fsAttempt } from "../../fs/fs_error.ts";
import { ROLLBACK_DIR } from "../../fs/keep_dirs.ts";
import { stacksRoots } from "../../fs/stack_files.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import { helperOutput } from "../../toolkit/helper_failure.ts";
import { unitRef } from "./common.ts";
import { installedContents } from "./installed.ts";
import { readStaged } from "./staging.ts";
import { undoWrites } from "./undo.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";

/** What the preview pinned: every unit's staged sha256 and the sha256 of the unit it replaces (or null). */
export interface InstallOperation {
  stack: string;
  dir: string;
  units: { file: string; sha256: string; previousSha256: string | null }[];
}

export async function installStaged(deps: ToolDeps, op: InstallOperation) {
  const { helper } = deps;
  const staged = await readStaged(deps.fs, deps.config.stacksDir, op.stack);
  if (!staged.ok) return staged;
  const byFile = new Map(staged.value.units.map((u) => [u.fileName, u.text]));
  const current = await installedContents(helper, op.units.map((u) => u.file));
  if (!current.ok) return current;
  for (const u of op.units) {
    const text = byFile.get(u.file);
    const now = current.value.get(u.file);
    if (
      text === undefined || sha256Hex(text) !== u.sha256 ||
      (now === undefined ? null : sha256Hex(now)) !== u.previousSha256
    ) {
      return err({
        kind: "conflict",
        message: `Cannot install: ${u.file} changed since the preview; ask for a new preview`,
      });
    }
  }
  const replaced = op.units.filter((u) => u.previousSha256 !== null).map((u) => u.file);
  let rollbackDir: string | null = null;
  if (replaced.length > 0) {
    const kept = await keepRollbackCopy(deps, op.dir, replaced, current.value);
    if (!kept.ok) return kept;
    rollbackDir = kept.value;
  }
  const written = await writeUnits(helper, op.units.map((u) => u.file), byFile, current.value);
  if (!written.ok) return written;
  const reload = helperOutput("reload systemd", await helper.call("systemd_daemon_reload", {}));
  if (!reload.ok) {
    return err({ kind: reload.error.kind, message: `Units installed, but ${reload.error.message}` });
  }
  return ok({
    installed: written.value,
    created: op.units.filter((u) => u.previousSha256 === null).map((u) => u.file),
    replaced,
    rollback_dir: rollbackDir,
    daemon_reload: reload.value,
  });
}

/** Copies of the installed units about to be replaced, in `<staging>/.rollback/<stamp>/` (pruned by age and count). */
export async function keepRollbackCopy(
  deps: Pick<ToolDeps, "fs" | "config">,
  stagingDir: string,
  files: readonly string[],
  installed: Map<string, string>,
): Promise<Result<string, ToolFailure>> {
  const copies = new Map(files.map((f) => [f, new TextEncoder().encode(installed.get(f) ?? "")] as const));
  const dir = `${stagingDir}/${ROLLBACK_DIR}`;
  const kept = await fsAttempt(() => deps.fs.keepCopies(dir, stacksRoots(deps.config.stacksDir), copies));
  if (kept.ok) return kept;
  return err({
    kind: kept.error.kind,
    message: `Cannot keep a rollback copy in ${dir}: ${kept.error.message}`,
  });
}

/** Writes the units in order; on a failed write, puts back the ones already written. */
async function writeUnits(
  helper: HelperClient,
  files: readonly string[],
  content: Map<string, string>,
  previous: Map<string, string>,
): Promise<Result<string[], ToolFailure>> {
  const { written, failure } = await writeEach(helper, files, content);
  if (failure === null) return ok(written);
  const undo = await undoWrites(helper, written, previous);
  return err({
    kind: failure.kind,
    message: `${failure.message}\n${
      written.length ? `Put back ${written.join(", ")}: ${undo}` : "Nothing was changed."
    }`,
  });
}

/** Writes the units in order through arr-helper until one fails; says which were written. */
export async function writeEach(
  helper: HelperClient,
  files: readonly string[],
  content: ReadonlyMap<string, string>,
): Promise<{ written: string[]; failure: ToolFailure | null }> {
  const written: string[] = [];
  for (const file of files) {
    const r = helperOutput(
      `write ${file}`,
      await helper.call("quadlet_write", { ...unitRef(file), content: content.get(file) }),
    );
    if (!r.ok) return { written, failure: r.error };
    written.push(file);
  }
  return { written, failure: null };
}
