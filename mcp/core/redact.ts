/**
 * Keeps secrets out of the audit log, errors and tool output. Pure functions.
 */
import { createHash } from "node:crypto";
import { redactSecrets } from "./redact_secrets.ts";

/** Object keys whose values are secrets wherever they appear. */
const SECRET_KEY = /(pass(word|wd)?|secret|token|api[-_]?key|apikey|auth|cookie|credential|private[-_]?key)/i;

/** Object keys holding file content: the audit log keeps only its length and digest, whatever its size. */
const CONTENT_KEY = /^(content|contents|compose|unit_content)$/i;

/** Strings longer than this are replaced by their length and digest (file contents can embed secrets). */
export const MAX_AUDIT_STRING = 256;

export const REDACTED = "[redacted]";

/**
 * A deep copy of `value` with secret-named fields replaced, secret-looking settings inside strings
 * (`PASSWORD=x`, `?apikey=x`, see redact_secrets.ts) replaced, file content and long strings summarised.
 */
export function redactValue(value: unknown): unknown {
  if (typeof value === "string") return summariseLongString(redactSecrets(value).text);
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) out[key] = REDACTED;
      else if (CONTENT_KEY.test(key) && typeof inner === "string") out[key] = digestOf(inner);
      else out[key] = redactValue(inner);
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
  return text.length <= MAX_AUDIT_STRING ? text : digestOf(text);
}

function digestOf(text: string): string {
  const digest = createHash("sha256").update(text).digest("hex").slice(0, 16);
  return `[${text.length} chars, sha256 ${digest}]`;
}
