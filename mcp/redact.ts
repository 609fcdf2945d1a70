/**
 * Keeps secrets out of the audit log, errors and tool output. Pure functions.
 */
import { createHash } from "node:crypto";
import { redactSecrets } from "./fs/redact.ts";

/** Object keys whose values are secrets wherever they appear. */
const SECRET_KEY = /(pass(word|wd)?|secret|token|api[-_]?key|apikey|auth|cookie|credential|private[-_]?key)/i;

/** Strings longer than this are replaced by their length and digest (file contents can embed secrets). */
export const MAX_AUDIT_STRING = 256;

export const REDACTED = "[redacted]";

/**
 * A deep copy of `value` with secret-named fields replaced, secret-looking settings inside strings
 * (`PASSWORD=x`, `?apikey=x`, see fs/redact.ts) replaced, and long strings summarised.
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === "string") return summariseLongString(redactSecrets(value).text);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) ? REDACTED : redactValue(inner);
    }
    return out;
  }
  return value;
}

/** `text` with every occurrence of each known secret (e.g. the API key) replaced. Empty secrets are ignored. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length > 0) out = out.split(secret).join(REDACTED);
  }
  return out;
}

function summariseLongString(text: string): string {
  if (text.length <= MAX_AUDIT_STRING) return text;
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 16);
  return `[${text.length} chars, sha256 ${digest}]`;
}
