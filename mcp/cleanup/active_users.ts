/** Whose watching counts: the accounts ARR_CLEANUP_USERS names, or those with a play in the last N days. */
import { err, ok, type Result } from "../../shared/result.ts";
import { DAY_MS } from "./rules.ts";

type Account = { id: number; name?: string | null | undefined };

/** A Plex account by name, case-insensitive. */
export function accountByName<A extends Account>(accounts: readonly A[], name: string): A | undefined {
  return accounts.find((a) => (a.name ?? "").toLowerCase() === name.toLowerCase());
}

export interface ActiveUserOptions {
  /** Account names from ARR_CLEANUP_USERS (case-insensitive); undefined: decide by recent plays. */
  names: readonly string[] | undefined;
  /** @default 90 (ARR_CLEANUP_ACTIVE_DAYS) */
  activeDays: number;
  now: number;
}

export function activeUsers(
  accounts: readonly Account[],
  lastPlay: ReadonlyMap<number, number>,
  options: ActiveUserOptions,
): Result<number[], string> {
  if (options.names !== undefined) {
    const ids: number[] = [];
    for (const name of options.names) {
      const found = accountByName(accounts, name);
      if (found === undefined) return err(`ARR_CLEANUP_USERS names an unknown Plex account "${name}"`);
      ids.push(found.id);
    }
    return ok(ids);
  }
  const since = options.now - options.activeDays * DAY_MS;
  return ok(accounts.filter((a) => a.id > 0 && (lastPlay.get(a.id) ?? -Infinity) >= since).map((a) => a.id));
}
