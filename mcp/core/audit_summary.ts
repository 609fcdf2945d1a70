/**
 * What the audit log keeps of long or file-content arguments: their length and digest, never the text (file
 * contents can embed secrets under names no redaction rule knows). Pure.
 */
import { sha256Hex } from "../../shared/encoding.ts";

/** Strings longer than this are replaced by their length and digest. */
export const MAX_AUDIT_STRING = 256;

/** Object keys holding file content: only its length and digest are kept, whatever its size. */
const CONTENT_KEY = new Set(["content", "contents", "compose", "unit_content"]);

export function summariseForAudit(value: unknown): unknown {
  if (typeof value === "string") return value.length <= MAX_AUDIT_STRING ? value : digestOf(value);
  if (Array.isArray(value)) return value.map(summariseForAudit);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const isContent = CONTENT_KEY.has(key.toLowerCase()) && typeof inner === "string";
      out[key] = isContent ? digestOf(inner) : summariseForAudit(inner);
    }
    return out;
  }
  return value;
}

function digestOf(text: string): string {
  return `[${text.length} chars, sha256 ${sha256Hex(text).slice(0, 16)}]`;
}
