/**
 * Every tool family by its ARR_TOOLSETS name, in registration order. Adding a family = one import + one entry
 * here. (This is the one file in mcp/ that other families' owners edit.)
 */
import { err, ok, type Result } from "../../shared/result.ts";
import { CORE_TOOLSETS } from "./core_families.ts";
import { registerAlertTools } from "../alerts/alert_tools.ts";
import { registerCleanupTools } from "../cleanup/cleanup_tools.ts";
import { registerCredentialTools } from "../media/credential_tools.ts";
import { registerDashboardTools } from "../dashboard/dashboard_tool.ts";
import { registerDiagnosticsTools } from "../diagnostics/diagnostics_tools.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import { registerFileTools } from "../files/file_tools.ts";
import { registerLogTools } from "../logs/log_tools.ts";
import { registerMediaTools } from "../media/media_tools.ts";
import { registerQuadletConvertTools } from "../quadlets/convert/convert_tools.ts";
import { registerUpgradeTools } from "../upgrades/upgrade_tools.ts";

export type { RegisterFamily } from "../toolkit/family.ts";

export const TOOLSETS = {
  ...CORE_TOOLSETS,
  files: registerFileTools,
  logs: registerLogTools,
  diagnostics: registerDiagnosticsTools,
  dashboard: registerDashboardTools,
  media: registerMediaTools,
  credentials: registerCredentialTools,
  convert: registerQuadletConvertTools,
  alerts: registerAlertTools,
  cleanup: registerCleanupTools,
  upgrades: registerUpgradeTools,
} as const satisfies Record<string, RegisterFamily>;

export type ToolsetName = keyof typeof TOOLSETS;
export const TOOLSET_NAMES = Object.keys(TOOLSETS) as ToolsetName[];

export const TOOL_FAMILIES: readonly RegisterFamily[] = Object.values(TOOLSETS);

/**
 * The families ARR_TOOLSETS names (config.toolsets), in registration order; all of them when it is unset.
 * An unknown name is an error that names it and lists the valid ones.
 */
export function selectFamilies(
  names: readonly string[] | undefined,
): Result<readonly RegisterFamily[], string> {
  if (names === undefined) return ok(TOOL_FAMILIES);
  const unknown = names.find((n) => !(TOOLSET_NAMES as readonly string[]).includes(n));
  if (unknown !== undefined) {
    return err(
      `Invalid ARR_TOOLSETS "${names.join(",")}": unknown toolset "${unknown}" (valid: ${
        TOOLSET_NAMES.join(", ")
      })`,
    );
  }
  return ok(TOOLSET_NAMES.filter((n) => names.includes(n)).map((n) => TOOLSETS[n]));
}
