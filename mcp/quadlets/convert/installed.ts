/** Reads installed quadlet units through arr-helper. */
import { ok, type Result } from "../../../shared/result.ts";
import type { HelperClient } from "../../clients/helper/helper_client.ts";
import { helperOutput } from "../../toolkit/helper_failure.ts";
import { unitRef } from "./common.ts";
import { listQuadlets } from "../../toolkit/quadlet_list.ts";
import type { ToolFailure } from "../../toolkit/tool_result.ts";

/** The installed unit files, as `name.type`. */
export async function installedFiles(helper: HelperClient): Promise<Result<string[], ToolFailure>> {
  const list = await listQuadlets(helper);
  return list.ok ? ok(list.value.map((e) => `${e.name}.${e.type}`)) : list;
}

/** Installed contents of those of `files` that exist. */
export async function installedContents(
  helper: HelperClient,
  files: readonly string[],
): Promise<Result<Map<string, string>, ToolFailure>> {
  const list = await installedFiles(helper);
  if (!list.ok) return list;
  const present = new Set(list.value);
  const out = new Map<string, string>();
  for (const file of files) {
    if (!present.has(file)) continue;
    const r = helperOutput(`read ${file}`, await helper.call("quadlet_read", unitRef(file)));
    if (!r.ok) return r;
    out.set(file, r.value);
  }
  return ok(out);
}
