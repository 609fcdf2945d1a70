/** Shared bits for tools that use the container runtime. */
import { z } from "zod";
import type { RuntimeError } from "../clients/runtime/client.ts";
import type { ToolFailure } from "./tool_result.ts";

export function runtimeFailure(e: RuntimeError): ToolFailure {
  return { kind: e.kind, message: e.message };
}

export const containerName = z.string().min(1).max(253).regex(
  /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/,
  "expected a container name or ID (letters, digits, _ . -)",
).describe("Container name (as in container_list) or ID");
