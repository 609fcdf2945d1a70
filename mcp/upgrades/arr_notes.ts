/**
 * An *arr app's own update list (`/api/v3/update`, `/api/v1/update`) as release notes: the entries newer than
 * the version the app runs, up to the candidate's version when it is known, one change per line (`New: …`,
 * `Fixed: …`) so the risk rule (risk.ts) sees the breaking, migration, removed and required lines. Pure.
 */
import { kindBetween, parseTag } from "./tag_candidate.ts";

export interface ArrUpdateEntry {
  version: string;
  releaseDate?: string | null | undefined;
  changes?:
    | { new?: readonly string[] | null | undefined; fixed?: readonly string[] | null | undefined }
    | null
    | undefined;
}

export interface ArrNotes {
  /** The version the app reports it runs. */
  installed: string;
  /** For a person: `Sonarr 4.0.14.2939 → 4.0.15.2941: 2 new, 3 fixed`. */
  headline: string;
  /** Every change of the versions in between, newest first, one per line. */
  body: string;
}

/** The largest number of update entries read (the apps list about 50; older ones say nothing new). */
export const MAX_ARR_UPDATES = 50;

/** True when `b` is a newer dotted version than `a`; false when either is not one. */
function newer(a: string, b: string): boolean {
  const from = parseTag(a);
  const to = parseTag(b);
  return from !== null && to !== null && from.prefix === "" && to.prefix === "" &&
    kindBetween(from, to) !== null;
}

const sameOrOlder = (version: string, limit: string) => version === limit || newer(version, limit);

/**
 * The notes from `installed` (exclusive) to `upTo` (inclusive; every newer entry without it), or null when the
 * list has none: the candidate only rebuilds the same app version, or the app's version is not a dotted one.
 */
export function arrUpdateNotes(
  title: string,
  installed: string,
  updates: readonly ArrUpdateEntry[],
  upTo?: string,
): ArrNotes | null {
  const picked = updates.slice(0, MAX_ARR_UPDATES)
    .filter((u) => newer(installed, u.version) && (upTo === undefined || sameOrOlder(u.version, upTo)))
    .sort((a, b) => (newer(a.version, b.version) ? 1 : newer(b.version, a.version) ? -1 : 0));
  const newest = picked[0];
  if (newest === undefined) return null;
  const lines: string[] = [];
  let added = 0;
  let fixed = 0;
  for (const u of picked) {
    const date = u.releaseDate ? ` (${u.releaseDate.slice(0, 10)})` : "";
    lines.push(`${title} ${u.version}${date}`);
    for (const line of clean(u.changes?.new)) {
      lines.push(`New: ${line}`);
      added++;
    }
    for (const line of clean(u.changes?.fixed)) {
      lines.push(`Fixed: ${line}`);
      fixed++;
    }
  }
  const count = picked.length === 1 ? "" : ` (${picked.length} versions)`;
  return {
    installed,
    headline: `${title} ${installed} → ${newest.version}${count}: ${added} new, ${fixed} fixed`,
    body: lines.join("\n"),
  };
}

/** One line each: a change text never spans lines, so one line's words cannot raise another's risk. */
function clean(changes: readonly string[] | null | undefined): string[] {
  return (changes ?? []).map((c) => c.replace(/\s+/g, " ").trim()).filter((c) => c !== "");
}
