/**
 * Every tool family, in registration order. Adding a family = one import + one entry here.
 * (This is the one file in mcp/ that other families' owners edit.)
 */
import { MCP_CORE_FAMILIES } from "./core_families.ts";
import { registerCredentialTools } from "../media/credential_tools.ts";
import { registerDashboardTools } from "../dashboard/dashboard_tool.ts";
import { registerDiagnosticsTools } from "../diagnostics/diagnostics_tools.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import { registerFileTools } from "../files/file_tools.ts";
import { registerLogTools } from "../logs/log_tools.ts";
import { registerMediaTools } from "../media/media_tools.ts";
import { registerQuadletConvertTools } from "../quadlets/convert/convert_tools.ts";

export type { RegisterFamily } from "../toolkit/family.ts";

export const TOOL_FAMILIES: readonly RegisterFamily[] = [
  ...MCP_CORE_FAMILIES,
  registerFileTools,
  registerLogTools,
  registerDiagnosticsTools,
  registerDashboardTools,
  registerMediaTools,
  registerCredentialTools,
  registerQuadletConvertTools,
];
