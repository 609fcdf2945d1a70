/** The families of the server core (runtime, stacks, systemd, quadlets) by their ARR_TOOLSETS names. */
import { registerContainerTools } from "../containers/container_tools.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import { registerQuadletTools } from "../quadlets/quadlet_tools.ts";
import { registerStackTools } from "../stacks/stack_tools.ts";
import { registerSystemdTools } from "../systemd/systemd_tools.ts";

export const CORE_TOOLSETS = {
  containers: registerContainerTools,
  stacks: registerStackTools,
  systemd: registerSystemdTools,
  quadlets: registerQuadletTools,
} as const satisfies Record<string, RegisterFamily>;

export const MCP_CORE_FAMILIES: readonly RegisterFamily[] = Object.values(CORE_TOOLSETS);
