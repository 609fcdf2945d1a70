/** Shared bits for tools that use the container runtime. */
import type { RuntimeError } from "../clients/runtime/client.ts";
import type { ToolFailure } from "./tool_result.ts";

export function runtimeFailure(e: RuntimeError): ToolFailure {
  return { kind: e.kind, message: e.message };
}
