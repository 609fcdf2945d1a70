/**
 * The line that most likely says why a container stopped: the last line that reads like an error, else the
 * last stderr line, else the last line. Shown on the overview's problem list and the container's last run.
 * Pure; the caller passes already-redacted lines.
 */
import type { LogLine } from "../clients/runtime/client.ts";

export const ERROR_LINE_MAX_CHARS = 240;

/** How many of the newest lines are searched. */
export const ERROR_LINE_TAIL = 50;

const ERRORISH =
  /\b(error|err|fatal|panic|exception|traceback|failed|failure|denied|cannot|can't|unable|refused|not found|no such|invalid|killed|segmentation)\b/i;

export function lastErrorLine(lines: readonly LogLine[]): string | null {
  const texts = lines.filter((l) => l.text.trim() !== "");
  const pick = texts.findLast((l) => ERRORISH.test(l.text)) ?? texts.findLast((l) => l.stream === "stderr") ??
    texts.at(-1);
  if (pick === undefined) return null;
  const text = pick.text.trim();
  return text.length > ERROR_LINE_MAX_CHARS ? `${text.slice(0, ERROR_LINE_MAX_CHARS)}…` : text;
}
