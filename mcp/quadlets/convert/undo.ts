/** Puts back what a failed quadlet_install wrote. */
import type { HelperClient } from "../../clients/helper/helper_client.ts";
import { unitRef } from "./common.ts";

/** Restores replaced units and deletes new ones, newest first; says how that went. */
export async function undoWrites(
  helper: HelperClient,
  written: readonly string[],
  previous: Map<string, string>,
): Promise<string> {
  const failures: string[] = [];
  for (const file of [...written].reverse()) {
    const ref = unitRef(file);
    const old = previous.get(file);
    const r = old === undefined
      ? await helper.call("quadlet_delete", ref)
      : await helper.call("quadlet_write", { ...ref, content: old });
    if (!r.ok || !r.value.ok) failures.push(file);
  }
  return failures.length === 0
    ? "done"
    : `failed for ${failures.join(", ")} (copies are in the rollback folder)`;
}
