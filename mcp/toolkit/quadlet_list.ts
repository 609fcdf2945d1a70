/** arr-helper's quadlet_list, parsed: what the quadlet tools, conversion and the systemd gate all read. */
import { z } from "zod";
import { QuadletListEntry, type QuadletType } from "../../shared/helper_protocol.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import type { HelperClient } from "../clients/helper/helper_client.ts";
import { helperOutput } from "./helper_failure.ts";
import type { ToolFailure } from "./tool_result.ts";

export async function listQuadlets(
  helper: HelperClient,
  type?: QuadletType,
): Promise<Result<QuadletListEntry[], ToolFailure>> {
  const out = helperOutput("list quadlets", await helper.call("quadlet_list", type ? { type } : {}));
  if (!out.ok) return out;
  try {
    const parsed = z.array(QuadletListEntry).safeParse(JSON.parse(out.value));
    if (parsed.success) return ok(parsed.data);
  } catch {
    // fall through
  }
  return err({ kind: "helper_decode", message: "arr-helper answered quadlet_list in an unexpected shape" });
}
