/** A stack's status from its containers' compose labels, and from arr-helper's status trailer. Pure. */
import { STACK_STATUS_MARKER, StackStatus } from "../../../shared/helper_protocol.ts";
import type { ContainerSummary } from "./client.ts";

export type StackState = "running" | "partial" | "stopped" | "unknown";

export interface StackContainers {
  state: StackState;
  containers: Array<{ name: string; state: string }>;
  running: number;
}

/** `unknown` when the runtime could not be asked (containers undefined). */
export function stackContainers(
  stack: string,
  containers: readonly ContainerSummary[] | undefined,
): StackContainers {
  if (containers === undefined) return { state: "unknown", containers: [], running: 0 };
  const mine = containers.filter((c) => c.composeProject === stack).map((c) => ({
    name: c.name,
    state: c.state,
  }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const running = mine.filter((c) => c.state === "running").length;
  const state: StackState = running === 0 ? "stopped" : running === mine.length ? "running" : "partial";
  return { state, containers: mine, running };
}

/** Splits arr-helper's stack op output into podman-compose's text and the `--- status ---` JSON (if valid). */
export function splitStackOutput(output: string): { text: string; status: StackStatus | null } {
  const at = output.lastIndexOf(STACK_STATUS_MARKER);
  if (at < 0) return { text: output, status: null };
  const text = output.slice(0, at).trimEnd();
  const line = output.slice(at + STACK_STATUS_MARKER.length).trim().split("\n")[0] ?? "";
  try {
    const parsed = StackStatus.safeParse(JSON.parse(line));
    return { text, status: parsed.success ? parsed.data : null };
  } catch {
    return { text, status: null };
  }
}
