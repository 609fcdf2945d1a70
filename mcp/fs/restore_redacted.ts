/**
 * Lets Claude edit files it only ever saw redacted: a line of the new text that contains the redaction
 * placeholder gets the original line back when it equals the redacted form of a line of the current file.
 * Any other placeholder is refused, so a placeholder never overwrites a real secret. Pure.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import { REDACTED, redactSecrets } from "../core/redact_secrets.ts";

export function restoreRedacted(newText: string, currentText: string | null): Result<string, string> {
  if (!newText.includes(REDACTED)) return ok(newText);
  const originals = new Map<string, string | null>();
  for (const line of (currentText ?? "").split("\n")) {
    const shown = redactSecrets(line).text;
    if (shown === line) continue;
    const seen = originals.get(shown);
    originals.set(shown, seen === undefined || seen === line ? line : null);
  }
  const out: string[] = [];
  const lines = newText.split("\n");
  for (const [i, line] of lines.entries()) {
    if (!line.includes(REDACTED)) {
      out.push(line);
      continue;
    }
    const original = originals.get(line);
    if (original === undefined || original === null) {
      return err(
        `Cannot write content: line ${
          i + 1
        } contains ${REDACTED} but does not match a redacted line of the ` +
          "current file; write the real value there",
      );
    }
    out.push(original);
  }
  return ok(out.join("\n"));
}

/** The text as tools show it: secrets replaced by the placeholder. */
export function shownText(text: string): { text: string; redacted: number } {
  const r = redactSecrets(text);
  return { text: r.text, redacted: r.count };
}
