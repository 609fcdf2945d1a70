/** The families of the server core (runtime, stacks, systemd, quadlets); TOOL_FAMILIES includes them. */
import { registerContainerTools } from "../containers/container_tools.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import { registerQuadletTools } from "../quadlets/quadlet_tools.ts";
import { registerStackTools } from "../stacks/stack_tools.ts";
import { registerSystemdTools } from "../systemd/systemd_tools.ts";

export const MCP_CORE_FAMILIES: readonly RegisterFamily[] = [
  registerContainerTools,
  registerStackTools,
  registerSystemdTools,
  registerQuadletTools,
];
