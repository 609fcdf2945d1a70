/** How a staged unit differs from the installed one, as the tools show it (redacted). Pure. */
import { shownText } from "../../fs/restore_redacted.ts";
import { summarizeChange } from "../../fs/text_diff.ts";

export interface UnitDiff {
  file: string;
  status: "new" | "unchanged" | "changed";
  removed: string[];
  added: string[];
}

export function diffEntry(file: string, installed: string | undefined, staged: string): UnitDiff {
  if (installed === undefined) return { file, status: "new", removed: [], added: [] };
  if (installed === staged) return { file, status: "unchanged", removed: [], added: [] };
  const change = summarizeChange(shownText(installed).text, shownText(staged).text);
  return { file, status: "changed", removed: change.removed, added: change.added };
}
