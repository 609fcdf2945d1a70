/**
 * An upgrade's notes and risk from its sources: the GitHub release of the image's source repository and the
 * *arr app's own update list (either, both or neither). The risk rule reads both texts; the summary is the
 * app's headline (when it has one) and the lines the rule flagged. Pure.
 */
import type { ArrNotes } from "./arr_notes.ts";
import { type Risk, riskOf } from "./risk.ts";
import type { UpgradeKind } from "./tag_candidate.ts";

export interface UpgradeNotes {
  /** The image's source repository, `arr` when only the app's update list spoke, or "" when nothing did. */
  source: string;
  url: string;
  summary: string;
}

/** `notes.source` when the app's update list is the only notes source. */
export const ARR_NOTES_SOURCE = "arr";

export function upgradeNotes(
  kind: UpgradeKind,
  github: { source: string; release: { url: string; body: string } | null },
  arr: ArrNotes | null,
): { risk: Risk; notes: UpgradeNotes } {
  const texts = [github.release?.body ?? "", arr?.body ?? ""].filter((t) => t !== "");
  const verdict = riskOf(kind, texts.join("\n"));
  const source = github.release === null && arr !== null ? ARR_NOTES_SOURCE : github.source;
  return {
    risk: verdict.risk,
    notes: {
      source,
      url: github.release?.url ?? "",
      summary: [...(arr === null ? [] : [arr.headline]), ...verdict.flagged].join("\n"),
    },
  };
}
