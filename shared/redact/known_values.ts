/** Known secret values (the API key, service keys and passwords) replaced wherever they appear. */
import { REDACTED, type Redaction } from "./mask.ts";

/** Shorter values are ignored: masking every `ab` in a text hides more than it protects. */
export const MIN_KNOWN_SECRET_LENGTH = 3;

export function redactKnown(text: string, secrets: readonly string[]): Redaction {
  // Longest first, so a secret that contains another is replaced whole.
  const usable = [...new Set(secrets)].filter((s) => s.length >= MIN_KNOWN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  let out = text;
  let count = 0;
  for (const secret of usable) {
    const replaced = replaceAll(out, secret);
    out = replaced.text;
    count += replaced.count;
  }
  return { text: out, count };
}

/** `text.replaceAll(secret, REDACTED)` that also counts (built with `+=`, see scan_text.ts). */
function replaceAll(text: string, secret: string): Redaction {
  let out = "";
  let count = 0;
  let copied = 0;
  for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, copied)) {
    out += text.slice(copied, at) + REDACTED;
    copied = at + secret.length;
    count++;
  }
  return count === 0 ? { text, count } : { text: out + text.slice(copied), count };
}
