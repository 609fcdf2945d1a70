/** Redacting a text: known secret values first, then the values of secret-named settings (scan_text.ts). */
import { redactKnown } from "./known_values.ts";
import type { Redaction } from "./mask.ts";
import { redactSettings } from "./scan_text.ts";

export function redactSecrets(text: string, known: readonly string[] = []): Redaction {
  const first = redactKnown(text, known);
  const second = redactSettings(first.text);
  return { text: second.text, count: first.count + second.count };
}

/** `redactSecrets(text, known).text`, for callers that do not report how many values were hidden. */
export function redactText(text: string, known: readonly string[] = []): string {
  return redactSecrets(text, known).text;
}
