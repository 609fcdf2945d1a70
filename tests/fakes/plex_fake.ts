/**
 * A Plex Media Server on loopback for the watch-history path: `/status/sessions/history/all` serves `total`
 * generated plays, paged with X-Plex-Container-Start/Size (query), filtered by accountID, librarySectionID and
 * `viewedAt>`; rows are generated per page so the fake itself stays flat in memory. Needs X-Plex-Token (401)
 * and answers JSON only with Accept: application/json (XML otherwise, as PMS does).
 */
import { json, type LoopbackServer, serveLoopback, text } from "./serve.ts";
import { type FakeMediaLibrary, PLEX_OWNER_ID, plexItemJson } from "./media_library_fake.ts";

export interface FakePlexOptions {
  token: string;
  /** Plays in the history. */
  total: number;
  accounts?: number;
  sections?: number;
  /** Largest page the server hands out, whatever the client asks. @default 1000 */
  maxPageSize?: number;
  /**
   * Serve this library instead of generated plays: accounts, `/library/sections/all`, section items by
   * `type` (1 movie, 2 show, 4 episode) paged with X-Plex-Container-Start/Size, and its history rows.
   */
  library?: FakeMediaLibrary;
  /** Other accounts' tokens (token → account id): library items then carry that account's own view state. */
  userTokens?: Record<string, number>;
}

export interface FakePlex extends LoopbackServer {
  requests: number;
}

const BASE_TIME = 1_700_000_000;

export function startFakePlex(options: FakePlexOptions): FakePlex {
  const accounts = options.accounts ?? 3;
  const sections = options.sections ?? 2;
  const state = { requests: 0 };
  const play = (i: number) => ({
    historyKey: `/status/sessions/history/${i + 1}`,
    key: `/library/metadata/${1000 + (i % 5000)}`,
    ratingKey: String(1000 + (i % 5000)),
    title: `Item ${i % 5000}`,
    type: i % 3 === 0 ? "movie" : "episode",
    accountID: 1 + (i % accounts),
    deviceID: 1 + (i % 4),
    librarySectionID: String(1 + (i % sections)),
    viewedAt: BASE_TIME + i * 60,
  });
  const server = serveLoopback((request) => {
    state.requests++;
    const url = new URL(request.url);
    const token = request.headers.get("x-plex-token") ?? "";
    const account = token === options.token ? PLEX_OWNER_ID : options.userTokens?.[token];
    if (account === undefined) return text("Unauthorized", 401);
    if (!(request.headers.get("accept") ?? "").includes("application/json")) {
      return new Response('<?xml version="1.0"?><MediaContainer size="0"/>', {
        headers: { "content-type": "text/xml" },
      });
    }
    const q = url.searchParams;
    const fromLibrary = options.library &&
      libraryResponse(options.library, url, options.maxPageSize ?? 1000, account);
    if (fromLibrary) return fromLibrary;
    switch (url.pathname) {
      case "/identity":
        return json({
          MediaContainer: {
            size: 0,
            claimed: true,
            machineIdentifier: "fake-machine",
            version: "1.41.3.9314",
          },
        });
      case "/status/sessions":
        return json({ MediaContainer: { size: 0 } });
      case "/accounts":
        return json({
          MediaContainer: {
            size: accounts,
            Account: Array.from(
              { length: accounts },
              (_, i) => ({ id: i + 1, key: `/accounts/${i + 1}`, name: `user${i + 1}` }),
            ),
          },
        });
      case "/status/sessions/history/all": {
        // Filters select a regular subsequence of the generated plays; index arithmetic keeps paging exact.
        const account = q.get("accountID");
        const section = q.get("librarySectionID");
        const since = Number(q.get("viewedAt>") ?? 0);
        const matches: number[] = [];
        const start = Number(q.get("X-Plex-Container-Start") ?? 0);
        const size = Math.min(Number(q.get("X-Plex-Container-Size") ?? 50), options.maxPageSize ?? 1000);
        let seen = 0;
        let total = 0;
        for (let i = 0; i < options.total; i++) {
          const p = {
            accountID: 1 + (i % accounts),
            section: String(1 + (i % sections)),
            at: BASE_TIME + i * 60,
          };
          if (account && String(p.accountID) !== account) continue;
          if (section && p.section !== section) continue;
          if (p.at < since) continue;
          total++;
          if (seen >= start && matches.length < size) matches.push(i);
          seen++;
        }
        const Metadata = matches.map(play);
        return json(
          { MediaContainer: { size: Metadata.length, totalSize: total, offset: start, Metadata } },
          200,
          {
            "X-Plex-Container-Start": String(start),
            "X-Plex-Container-Total-Size": String(total),
          },
        );
      }
      default:
        return text("Not Found", 404);
    }
  });
  return Object.assign(server, {
    get requests() {
      return state.requests;
    },
  });
}

const PLEX_TYPES: Record<string, string> = { "1": "movie", "2": "show", "4": "episode" };

/** The library's answer, or undefined for paths it does not serve (identity, sessions …). */
function libraryResponse(
  library: FakeMediaLibrary,
  url: URL,
  maxPageSize: number,
  account: number,
): Response | undefined {
  const q = url.searchParams;
  const plex = library.plex;
  if (plex.failing.has(url.pathname)) return text("Internal Server Error", 500);
  const paged = <T>(items: readonly T[], toJson: (item: T, index: number) => unknown) => {
    const start = Number(q.get("X-Plex-Container-Start") ?? 0);
    const size = Math.min(Number(q.get("X-Plex-Container-Size") ?? 50), maxPageSize);
    const Metadata = items.slice(start, start + size).map((item, i) => toJson(item, start + i));
    return json(
      { MediaContainer: { size: Metadata.length, totalSize: items.length, offset: start, Metadata } },
      200,
      { "X-Plex-Container-Start": String(start), "X-Plex-Container-Total-Size": String(items.length) },
    );
  };
  if (url.pathname === "/accounts") {
    return json({
      MediaContainer: {
        size: plex.accounts.length,
        Account: plex.accounts.map((a) => ({ ...a, key: `/accounts/${a.id}` })),
      },
    });
  }
  if (url.pathname === "/library/sections/all") {
    return json({ MediaContainer: { size: plex.sections.length, Directory: plex.sections } });
  }
  const section = /^\/library\/sections\/([^/]+)\/all$/.exec(url.pathname);
  if (section) {
    const type = PLEX_TYPES[q.get("type") ?? ""];
    const items = memo(
      plex.items,
      `section ${section[1]} ${type}`,
      () => plex.items.filter((i) => i.section === section[1] && (type === undefined || i.type === type)),
    );
    return paged(items, (item) => plexItemJson(item, account));
  }
  if (url.pathname === "/status/sessions/history/all") {
    const rows = memo(
      plex.plays,
      "newest first",
      () => [...plex.plays].sort((a, b) => b.viewedAt - a.viewedAt),
    );
    const byKey = memo(plex.items, "by ratingKey", () => new Map(plex.items.map((i) => [i.ratingKey, i])));
    return paged(rows, (p, i) => {
      const item = byKey.get(p.ratingKey);
      return {
        historyKey: `/status/sessions/history/${i + 1}`,
        ratingKey: p.ratingKey,
        key: `/library/metadata/${p.ratingKey}`,
        title: item?.title ?? "",
        type: item?.type ?? "episode",
        grandparentTitle: p.grandparentTitle,
        accountID: p.accountID,
        deviceID: 1,
        librarySectionID: item?.section ?? "1",
        viewedAt: p.viewedAt,
      };
    });
  }
  return undefined;
}

/**
 * A value derived from a library array. Benchmarks serve 100,000 items and plays: from 1,000 rows it is
 * computed once per array and length (tests that change a row in place use small libraries, which are always
 * derived afresh).
 */
const MEMO_FROM_ROWS = 1_000;
const memos = new WeakMap<object, Map<string, { length: number; value: unknown }>>();
function memo<T>(rows: readonly unknown[], name: string, derive: () => T): T {
  if (rows.length < MEMO_FROM_ROWS) return derive();
  let byName = memos.get(rows);
  if (byName === undefined) memos.set(rows, byName = new Map());
  const hit = byName.get(name);
  if (hit !== undefined && hit.length === rows.length) return hit.value as T;
  const value = derive();
  byName.set(name, { length: rows.length, value });
  return value;
}
