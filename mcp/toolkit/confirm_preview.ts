/**
 * The confirmation dialog a person sees (protocol 2026-07-28 elicitation): the plan's summary, then each
 * detail as `name: value` (what will be stopped, deleted or overwritten, with sizes and names), and a required
 * approve/deny choice. Pure: plan in, elicitation params out.
 */
import { type InputRequest, inputRequired } from "@modelcontextprotocol/server";

/** The key of the one input request a destructive tool asks for. */
export const CONFIRM_INPUT = "confirm";

/** Longest dialog text; details beyond it are cut with a note (the model still gets the full preview). */
export const CONFIRM_MESSAGE_MAX_CHARS = 4000;
const DETAIL_MAX_CHARS = 600;

/** The form: one required choice. A fresh object per request (the SDK may annotate what it is given). */
export function confirmFormSchema() {
  return {
    type: "object" as const,
    properties: {
      decision: {
        type: "string" as const,
        title: "Your decision",
        oneOf: [
          { const: "approve", title: "Approve: do it" },
          { const: "deny", title: "Deny: change nothing" },
        ],
      },
    },
    required: ["decision"],
  };
}

export function confirmMessage(tool: string, summary: string, details: Record<string, unknown>): string {
  const lines = [`${summary}`, "", ...Object.entries(details).map(([k, v]) => `${k}: ${detailText(v)}`)];
  lines.push("", `(${tool}; approve to run it exactly as shown, deny to change nothing)`);
  const text = lines.join("\n");
  if (text.length <= CONFIRM_MESSAGE_MAX_CHARS) return text;
  const note = "\n… (cut; the full preview went to the model)";
  return text.slice(0, CONFIRM_MESSAGE_MAX_CHARS - note.length) + note;
}

function detailText(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  return text.length <= DETAIL_MAX_CHARS
    ? text
    : `${text.slice(0, DETAIL_MAX_CHARS)}… (${text.length} chars)`;
}

/** The `elicitation/create` request embedded in the `input_required` result. */
export function confirmRequest(message: string): InputRequest {
  return inputRequired.elicit({ mode: "form", message, requestedSchema: confirmFormSchema() });
}

/** A person's answer: approved only for an accepted form whose decision is `approve`. */
export function isApproval(
  view: { kind: string; action?: string; content?: Record<string, unknown> },
): boolean {
  return view.kind === "elicit" && view.action === "accept" && view.content?.decision === "approve";
}
