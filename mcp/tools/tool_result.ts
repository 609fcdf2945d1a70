/**
 * Building MCP tool results: every result carries `structuredContent` plus the same JSON as a text block,
 * so clients that read only text see exactly what structured clients see.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** A tool failure as the model sees it. `kind` is a stable machine word (e.g. `not_found`, `unavailable`). */
export interface ToolFailure {
  kind: string;
  message: string;
}

/** A successful result: `value` becomes `structuredContent` and, as pretty JSON, the text block. */
export function toolSuccess(value: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(value, null, 2) }],
    structuredContent: value,
  };
}

/**
 * A tool error (`isError: true`, not a protocol error). The text block starts with the message so a model
 * reading only text understands it; `structuredContent.error` carries the same for structured clients.
 */
export function toolError(failure: ToolFailure): CallToolResult {
  const value = { error: { kind: failure.kind, message: failure.message } };
  return {
    content: [{ type: "text", text: `${failure.message}\n${JSON.stringify(value)}` }],
    structuredContent: value,
    isError: true,
  };
}
