/**
 * Every tool family, in registration order. Adding a family = one import + one entry here.
 * (This is the one file in mcp/ that other families' owners edit.)
 */
import { MCP_CORE_FAMILIES } from "./core_families.ts";
import { registerCredentialTools } from "./credentials.ts";
import { registerDashboardTools } from "./dashboard.ts";
import { registerDiagnosticsTools } from "./diagnostics.ts";
import type { RegisterFamily } from "./family.ts";
import { registerFileTools } from "./files.ts";
import { registerLogTools } from "./logs.ts";
import { registerMediaTools } from "./media.ts";
import { registerQuadletConvertTools } from "./quadlet_convert.ts";

export type { RegisterFamily } from "./family.ts";

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
