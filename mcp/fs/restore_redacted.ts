/**
 * Lets Claude edit files it only ever saw redacted: a line of the new text that contains the redaction
 * placeholder gets the original line back when it equals the redacted form of a line of the current file.
 * Any other `[REDACTED]` is refused, so a placeholder never overwrites a real secret.
 *
 * Lines masked the ways older versions did (`***`, `[redacted]`, see shared/redact/mask.ts) are restored the same
 * way; one that matches no redacted line is kept as it is, since `***` is also ordinary text. Pure.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import { LEGACY_MASKS, REDACTED, redactSecrets } from "../../shared/redact/mod.ts";

export function restoreRedacted(newText: string, currentText: string | null): Result<string, string> {
  if (!hasMask(newText)) return ok(newText);
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
    if (!hasMask(line)) {
      out.push(line);
      continue;
    }
    const original = originals.get(withCurrentMask(line));
    if (original !== undefined && original !== null) out.push(original);
    else if (!line.includes(REDACTED)) out.push(line);
    else {
      return err(
        `Cannot write content: line ${
          i + 1
        } contains ${REDACTED} but does not match a redacted line of the ` +
          "current file; write the real value there",
      );
    }
  }
  return ok(out.join("\n"));
}

/** The text as tools show it: secrets replaced by the placeholder. */
export function shownText(text: string): { text: string; redacted: number } {
  const r = redactSecrets(text);
  return { text: r.text, redacted: r.count };
}

function hasMask(text: string): boolean {
  return text.includes(REDACTED) || LEGACY_MASKS.some((mask) => text.includes(mask));
}

function withCurrentMask(line: string): string {
  return LEGACY_MASKS.reduce((out, mask) => out.replaceAll(mask, REDACTED), line);
}
