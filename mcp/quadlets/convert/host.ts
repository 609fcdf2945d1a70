/** The host's Podman and quadlet versions from arr-helper's info, for choosing the conversion target. */
import type { HelperInfo } from "../../../shared/helper_protocol.ts";
import { atLeast, parseVersion } from "../../../shared/quadlet/versions.ts";
import type { HelperClient } from "../../clients/helper/helper_client.ts";
import { parseHelperInfo } from "../../clients/helper/helper_info.ts";
import { helperOutput } from "../../toolkit/helper_failure.ts";

/** The target when neither the caller nor the host names a Podman release. */
export const FALLBACK_PODMAN = "4.9";

/** arr-helper's info; null when arr-helper is not available or answers in another shape. */
export async function helperInfo(helper: HelperClient): Promise<HelperInfo | null> {
  const out = helperOutput("read helper info", await helper.call("info", {}));
  if (!out.ok) return null;
  const info = parseHelperInfo(out.value);
  return info.ok ? info.value : null;
}

/** The host's Podman as MAJOR.MINOR when it is one quadlet supports (4.4+). */
export function hostPodman(info: HelperInfo | null): string | undefined {
  const v = /^\d+\.\d+/.exec(info?.podman ?? "")?.[0];
  return v !== undefined && parseVersion(v) && atLeast(v, "4.4") ? v : undefined;
}
