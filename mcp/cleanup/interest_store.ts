/**
 * Keep/done marks in SQLite (`cleanup.db` in the data dir, node:sqlite like the audit log): one row per
 * account and stable key (`tvdb:81189/s2`), so a later mark replaces the earlier one and `none` removes it.
 */
import { DatabaseSync } from "node:sqlite";
import type { InterestMark, InterestState } from "./cleanup_facts.ts";

export const INTEREST_DB = "cleanup.db";

export interface InterestStore {
  list(): InterestMark[];
  set(accountId: number, key: string, state: InterestState | "none", at: number): void;
  close(): void;
}

export function openInterestStore(path: string): InterestStore {
  const db = new DatabaseSync(path);
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS interest (
      account_id INTEGER NOT NULL,
      key TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('keep', 'done')),
      at INTEGER NOT NULL,
      PRIMARY KEY (account_id, key)
    )`);
  } catch (e) {
    db.close();
    throw e;
  }
  return {
    list: () =>
      db.prepare("SELECT account_id, key, state, at FROM interest ORDER BY key, account_id").all().map((
        row,
      ) => ({
        accountId: Number(row.account_id),
        key: String(row.key),
        state: row.state === "keep" ? "keep" : "done",
        at: Number(row.at),
      })),
    set: (accountId, key, state, at) => {
      if (state === "none") {
        db.prepare("DELETE FROM interest WHERE account_id = ? AND key = ?").run(accountId, key);
      } else {
        db.prepare(
          "INSERT INTO interest (account_id, key, state, at) VALUES (?, ?, ?, ?) " +
            "ON CONFLICT (account_id, key) DO UPDATE SET state = excluded.state, at = excluded.at",
        ).run(accountId, key, state, at);
      }
    },
    close: () => db.close(),
  };
}

/** Opens the store for one call and closes it again; an error message instead of a throw. */
export function withInterestStore<T>(
  dataDir: string,
  use: (store: InterestStore) => T,
): { ok: true; value: T } | {
  ok: false;
  error: string;
} {
  let store: InterestStore | undefined;
  try {
    store = openInterestStore(`${dataDir.replace(/\/+$/, "")}/${INTEREST_DB}`);
    return { ok: true, value: use(store) };
  } catch (e) {
    return { ok: false, error: `Keep marks (${INTEREST_DB}): ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    store?.close();
  }
}
