/**
 * Building MCP tool results: every result carries `structuredContent` plus the same JSON as a text block,
 * so clients that read only text see exactly what structured clients see.
 */
import type { CallToolResult } from "@modelcontextprotocol/server";

/** A tool failure as the model sees it. `kind` is a stable machine word (e.g. `not_found`, `unavailable`). */
export interface ToolFailure {
  kind: string;
  message: string;
}

/**
 * A successful result: `value` becomes `structuredContent` and, as compact JSON, the text block. The text
 * repeats the structured data for text-only clients, so it carries no indentation.
 */
export function toolSuccess(value: Record<string, unknown>): CallToolResult {
  return {
    content: [{ type: "text", text: JSON.stringify(value) }],
    structuredContent: value,
  };
}

/**
 * A tool error (`isError: true`, not a protocol error). The text block's first line is the message (what a
 * model reads); its last line is `{"error":{"kind","message"}}` for programs. No `structuredContent`: the SDK
 * client validates it against the tool's outputSchema even on errors, so an error shape there would make
 * `callTool` throw instead of returning the error.
 */
export function toolError(failure: ToolFailure): CallToolResult {
  const value = { error: { kind: failure.kind, message: failure.message } };
  return {
    content: [{ type: "text", text: `${failure.message}\n${JSON.stringify(value)}` }],
    isError: true,
  };
}

/** The `{ kind, message }` of a tool error result (from the JSON line of its text block). */
export function failureOf(result: CallToolResult): ToolFailure | null {
  if (!result.isError) return null;
  const first = result.content[0];
  const text = first && first.type === "text" ? first.text : "";
  const json = text.split("\n").reverse().find((l: string) => l.startsWith("{"));
  if (json === undefined) return { kind: "unknown", message: text };
  try {
    const parsed = JSON.parse(json) as { error?: ToolFailure };
    return parsed.error ?? { kind: "unknown", message: text };
  } catch {
    return { kind: "unknown", message: text };
  }
}
