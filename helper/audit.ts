/** One JSON line per operation: what ran, with which arguments (never file content), how it ended, how long. */
import { redactText } from "../shared/redact/mod.ts";

export type Outcome = "ok" | "failed" | "rejected" | "error";

export interface AuditEntry {
  time: string;
  op: string;
  args: Record<string, unknown>;
  outcome: Outcome;
  exit_code: number;
  duration_ms: number;
  /** Order counters of the helper: when the op began running (after its lock) and when it finished. */
  seq_start: number | null;
  seq_end: number | null;
  error?: string;
}

/**
 * Arguments as they may be logged: `content` becomes its size, `units` its count, strings are redacted
 * (shared/redact) and cut when long.
 */
export function auditArgs(args: Record<string, unknown>): Record<string, unknown> {
  const safe: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === "content") {
      safe.content_bytes = typeof value === "string" ? new TextEncoder().encode(value).byteLength : null;
    } else if (key === "units" && Array.isArray(value)) {
      safe.units_count = value.length;
    } else if (typeof value === "string") {
      const shown = redactText(value);
      safe[key] = shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
    } else if (value === null || typeof value === "number" || typeof value === "boolean") {
      safe[key] = value;
    } else {
      safe[key] = `<${Array.isArray(value) ? "array" : typeof value}>`;
    }
  }
  return safe;
}

/** The journal line; an error message is redacted too (it may quote command output). */
export function formatAuditLine(entry: AuditEntry): string {
  return JSON.stringify(entry.error === undefined ? entry : { ...entry, error: redactText(entry.error) });
}
