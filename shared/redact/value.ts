/** Redacting structured values (tool arguments, JSON): secret-named fields whole, strings as text. */
import { REDACTED } from "./mask.ts";
import { isSecretName } from "./secret_name.ts";
import { redactText } from "./text.ts";

/** A deep copy of `value`; a field under a secret name is replaced whole, whatever it holds. */
export function redactValue(value: unknown, known: readonly string[] = []): unknown {
  if (typeof value === "string") return redactText(value, known);
  if (Array.isArray(value)) return value.map((inner) => redactValue(inner, known));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretName(key) ? REDACTED : redactValue(inner, known);
    }
    return out;
  }
  return value;
}
