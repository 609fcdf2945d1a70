/** The families of the server core (runtime, stacks, systemd, quadlets); TOOL_FAMILIES includes them. */
import { registerContainerTools } from "./containers.ts";
import type { RegisterFamily } from "./family.ts";
import { registerQuadletTools } from "./quadlets.ts";
import { registerStackTools } from "./stacks.ts";
import { registerSystemdTools } from "./systemd.ts";

export const MCP_CORE_FAMILIES: readonly RegisterFamily[] = [
  registerContainerTools,
  registerStackTools,
  registerSystemdTools,
  registerQuadletTools,
];
