/** Which units quadlet_to_compose reads: named installed files, a stack's installed units, or its staged ones. */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { ToolDeps } from "../../toolkit/deps.ts";
import type { UnitText } from "../../../shared/quadlet/types.ts";
import { UNIT_FILE } from "./common.ts";
import { installedContents, installedFiles } from "./installed.ts";
import { readStaged } from "./staging.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";

export interface ReverseSource {
  stack?: string | undefined;
  files?: string[] | undefined;
  staged?: boolean | undefined;
}

export async function unitsForReverse(
  deps: ToolDeps,
  args: ReverseSource,
): Promise<Result<UnitText[], ToolFailure>> {
  if (args.staged) {
    if (!args.stack) return err({ kind: "invalid_argument", message: "staged=true needs a stack" });
    const staged = await readStaged(deps.fs, deps.config.stacksDir, args.stack);
    return staged.ok ? ok(staged.value.units) : staged;
  }
  let files = args.files;
  if (!files) {
    if (!args.stack) return err({ kind: "invalid_argument", message: "Give files or a stack" });
    const installed = await installedFiles(deps.helper);
    if (!installed.ok) return installed;
    const prefix = `${args.stack.toLowerCase()}-`;
    files = installed.value.filter((f) => f.startsWith(prefix) && UNIT_FILE.test(f));
  }
  const invalid = files.find((f) => !UNIT_FILE.test(f));
  if (invalid !== undefined) {
    return err({
      kind: "invalid_argument",
      message: `Invalid unit file "${invalid}": expected NAME.container, .network, .volume or .build`,
    });
  }
  const contents = await installedContents(deps.helper, files);
  if (!contents.ok) return contents;
  const missing = files.filter((f) => !contents.value.has(f));
  if (missing.length) {
    return err({ kind: "not_found", message: `No installed quadlet ${missing.join(", ")}` });
  }
  if (files.length === 0) {
    return err({ kind: "not_found", message: `No installed quadlet units for stack "${args.stack}"` });
  }
  return ok(files.map((f) => ({ fileName: f, text: contents.value.get(f) ?? "" })));
}
