/** Whose watching counts: the accounts ARR_CLEANUP_USERS names, or those with a play in the last N days. */
import { err, ok, type Result } from "../../shared/result.ts";

const DAY_MS = 86_400_000;

export interface ActiveUserOptions {
  /** Account names from ARR_CLEANUP_USERS (case-insensitive); undefined: decide by recent plays. */
  names: readonly string[] | undefined;
  /** @default 90 (ARR_CLEANUP_ACTIVE_DAYS) */
  activeDays: number;
  now: number;
}

export function activeUsers(
  accounts: readonly { id: number; name?: string | null | undefined }[],
  lastPlay: ReadonlyMap<number, number>,
  options: ActiveUserOptions,
): Result<number[], string> {
  if (options.names !== undefined) {
    const ids: number[] = [];
    for (const name of options.names) {
      const found = accounts.find((a) => (a.name ?? "").toLowerCase() === name.toLowerCase());
      if (found === undefined) return err(`ARR_CLEANUP_USERS names an unknown Plex account "${name}"`);
      ids.push(found.id);
    }
    return ok(ids);
  }
  const since = options.now - options.activeDays * DAY_MS;
  return ok(accounts.filter((a) => a.id > 0 && (lastPlay.get(a.id) ?? -Infinity) >= since).map((a) => a.id));
}
