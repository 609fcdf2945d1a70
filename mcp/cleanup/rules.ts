/**
 * The cleanup rules (issue 17), a pure function: which watched files may go, which are protected and why.
 * An item is considered only when everyone whose watch counts has watched it (or marked it done); then any
 * protection wins; otherwise it is a candidate with its reason. Any failed read means no candidates at all.
 */
import type {
  CleanupFacts,
  CleanupItem,
  CleanupParent,
  CleanupRules,
  InterestMark,
  InterestState,
} from "./cleanup_facts.ts";
import { interestChain } from "./interest_key.ts";

export const DAY_MS = 86_400_000;

/** A file the rules looked at: the item without its raw watches, with the ones that counted. */
export interface CleanupEntry extends Omit<CleanupItem, "watches"> {
  /** Account ids whose watch (or done mark) counted. */
  watchedBy: number[];
  /** The last of those watches, ms since the epoch. */
  lastWatched: number;
}

export interface CleanupVerdict {
  candidates: (CleanupEntry & { reason: string })[];
  protected: (CleanupEntry & { why: string })[];
  /** Files not yet watched by everyone whose watch counts (not listed). */
  notWatched: number;
  totalBytes: number;
  unreadable: readonly string[];
}

export function decideCleanup(facts: CleanupFacts, rules: CleanupRules): CleanupVerdict {
  const verdict: CleanupVerdict = {
    candidates: [],
    protected: [],
    notWatched: 0,
    totalBytes: 0,
    unreadable: facts.unreadable,
  };
  if (facts.unreadable.length > 0) return verdict;
  const active = new Set(rules.activeUsers);
  const parents = new Map(facts.parents.map((p) => [p.id, p]));
  const byParent = Map.groupBy(facts.items, (item) => item.parentId);
  // Marks by key, so each of 100,000 items looks up its own chain instead of scanning every mark.
  const marksByKey = Map.groupBy(facts.marks, (mark) => mark.key);
  for (const [parentId, items] of byParent) {
    const parent = parents.get(parentId);
    if (parent === undefined) {
      verdict.notWatched += items.length;
      continue;
    }
    const seriesAudience = facts.service === "sonarr"
      ? audienceOf(items, parent, facts.marks, active)
      : undefined;
    for (const item of items) {
      // Most libraries have few marks: without any, no item builds its key chain.
      const chain = parent.key === undefined || marksByKey.size === 0
        ? []
        : interestChain(parent.key, item.season, item.episode);
      const marks = effectiveMarks(marksByKey, chain);
      const quorum = seriesAudience ?? movieQuorum(item, marks, active, rules);
      const watched = watchTimes(item, marks, quorum);
      if (watched === undefined) {
        verdict.notWatched++;
        continue;
      }
      const entry: CleanupEntry = {
        parentId,
        itemId: item.itemId,
        ...(item.season === undefined ? {} : { season: item.season }),
        ...(item.episode === undefined ? {} : { episode: item.episode }),
        fileId: item.fileId,
        path: item.path,
        sizeBytes: item.sizeBytes,
        watchedBy: [...quorum].sort((a, b) => a - b),
        lastWatched: watched.last,
      };
      const why = protections(item, parent, marks, watched.last, rules);
      if (why.length > 0) verdict.protected.push({ ...entry, why: why.join("; ") });
      else {
        verdict.candidates.push({
          ...entry,
          reason: reasonFor(facts.service, item, parent, quorum, watched, rules),
        });
        verdict.totalBytes += item.sizeBytes;
      }
    }
  }
  return verdict;
}

/** Each account's mark on the item, the most specific in the chain (episode → season → series) winning. */
function effectiveMarks(
  marksByKey: ReadonlyMap<string, readonly InterestMark[]>,
  chain: readonly string[],
): Map<number, InterestMark> {
  const found = new Map<number, InterestMark>();
  // The chain runs from the most specific key: the first mark of an account wins.
  for (const key of chain) {
    for (const mark of marksByKey.get(key) ?? []) {
      if (!found.has(mark.accountId)) found.set(mark.accountId, mark);
    }
  }
  return found;
}

/** Active accounts that watched any episode of the series, or marked something in it done. */
function audienceOf(
  items: readonly CleanupItem[],
  parent: CleanupParent,
  marks: readonly InterestMark[],
  active: ReadonlySet<number>,
): Set<number> {
  const audience = new Set((parent.viewers ?? []).filter((id) => active.has(id)));
  for (const item of items) for (const id of item.watches.keys()) if (active.has(id)) audience.add(id);
  for (const mark of marks) {
    const inSeries = parent.key !== undefined &&
      (mark.key === parent.key || mark.key.startsWith(`${parent.key}/`));
    if (inSeries && mark.state === "done" && active.has(mark.accountId)) audience.add(mark.accountId);
  }
  return audience;
}

function movieQuorum(
  item: CleanupItem,
  marks: ReadonlyMap<number, InterestMark>,
  active: ReadonlySet<number>,
  rules: CleanupRules,
): Set<number> {
  if (rules.requiredWatchers === "all_active") return new Set(active);
  if (rules.requiredWatchers === "audience") {
    const doneBy = [...marks.values()].filter((m) => m.state === "done").map((m) => m.accountId);
    return new Set([...item.watches.keys(), ...doneBy].filter((id) => active.has(id)));
  }
  return new Set(rules.requiredWatchers);
}

/** When everyone in the quorum watched (or marked done): the last of those times; undefined otherwise. */
function watchTimes(
  item: CleanupItem,
  marks: ReadonlyMap<number, InterestMark>,
  quorum: ReadonlySet<number>,
): { last: number } | undefined {
  if (quorum.size === 0) return undefined;
  let last = -Infinity;
  for (const id of quorum) {
    const at = item.watches.get(id) ?? doneAt(marks.get(id));
    if (at === undefined) return undefined;
    last = Math.max(last, at);
  }
  return { last };
}

function doneAt(mark: { state: InterestState; at: number } | undefined): number | undefined {
  return mark?.state === "done" ? mark.at : undefined;
}

/** Whether a protected item's `why` includes a keep mark or the keep tag (not just timing or season rules). */
export function isKeepProtection(why: string): boolean {
  return why.split("; ").some((part) => part.startsWith(KEPT_BY) || part.startsWith(TAGGED));
}

const KEPT_BY = "kept by ";
const TAGGED = "tagged ";

function protections(
  item: CleanupItem,
  parent: CleanupParent,
  marks: ReadonlyMap<number, InterestMark>,
  lastWatched: number,
  rules: CleanupRules,
): string[] {
  const why: string[] = [];
  const grace = rules.minDaysSinceWatched * DAY_MS;
  const keepers = [...marks.values()].filter((m) => m.state === "keep").map((m) => m.accountId);
  if (keepers.length > 0) {
    why.push(`${KEPT_BY}${keepers.sort((a, b) => a - b).map((id) => `account ${id}`).join(", ")}`);
  }
  if (parent.tags.includes(rules.keepTag.toLowerCase())) why.push(`${TAGGED}"${rules.keepTag}"`);
  if (parent.addedAt === undefined) why.push("added date unknown");
  else if (rules.now - parent.addedAt < grace) {
    why.push(`added ${daysAgo(rules.now, parent.addedAt)} days ago`);
  }
  if (rules.now - lastWatched < grace) {
    why.push(`last watched ${daysAgo(rules.now, lastWatched)} days ago (wait ${rules.minDaysSinceWatched})`);
  }
  if (item.season === 0) why.push("special (season 0)");
  if (item.season !== undefined && parent.ended !== true && item.season === parent.newestSeason) {
    why.push("newest season of a continuing series");
  }
  return why;
}

function reasonFor(
  service: CleanupFacts["service"],
  item: CleanupItem,
  parent: CleanupParent,
  quorum: ReadonlySet<number>,
  watched: { last: number },
  rules: CleanupRules,
): string {
  const who = service === "sonarr"
    ? `all ${quorum.size} active viewer(s) of the series watched it`
    : `all ${quorum.size} required viewer(s) watched it`;
  const when = `last ${daysAgo(rules.now, watched.last)} days ago (≥ ${rules.minDaysSinceWatched})`;
  const season = item.season === undefined
    ? ""
    : parent.ended === true
    ? "; series ended"
    : `; not the newest season (${parent.newestSeason ?? "?"})`;
  return `${who}, ${when}${season}`;
}

function daysAgo(now: number, at: number): number {
  return Math.floor((now - at) / DAY_MS);
}
