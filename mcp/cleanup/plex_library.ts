/**
 * Reads what cleanup needs from Plex, in bulk: accounts, every show (or movie) section paged with GUIDs, the
 * leaves (episodes via `type=4`, or movies) and the whole watch history once. Any failed read is an error
 * naming what could not be read: the caller then offers nothing (fail closed).
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { PlexClient, PlexPage } from "../clients/media/plex.ts";
import type { PlexAccount, PlexLibraryItem } from "../clients/media/plex_schemas.ts";
import type { ServiceResult } from "../clients/media/service_error.ts";
import { accountByName } from "./active_users.ts";
import {
  addHistoryPage,
  addOwnerViewCounts,
  addViewCounts,
  emptyPlexWatches,
  type PlexWatches,
} from "./plex_watches.ts";

export type PlexReads = Pick<PlexClient, "accounts" | "sections" | "sectionItemsOfType" | "historyPages">;

/** Another Plex account's reads with its own token (`plex_user:<account>`): its own view counts. */
export interface PlexUserReads {
  account: string;
  reads: Pick<PlexClient, "sectionItemsOfType">;
}

export interface PlexLibrary {
  accounts: PlexAccount[];
  /** Shows (for Sonarr) or nothing (for Radarr). */
  shows: PlexLibraryItem[];
  /** Episodes (for Sonarr) or movies (for Radarr). */
  leaves: PlexLibraryItem[];
  watches: PlexWatches;
}

const PAGE_SIZE = 500;
/** A server that keeps answering full pages is not followed for ever. */
const MAX_PAGES = 2_000;

export async function readPlexLibrary(
  plex: PlexReads,
  kind: "show" | "movie",
  users: readonly PlexUserReads[] = [],
): Promise<Result<PlexLibrary, string>> {
  const accounts = await plex.accounts();
  if (!accounts.ok) return err(`Plex accounts (/accounts): ${accounts.error.message}`);
  const sections = await plex.sections();
  if (!sections.ok) return err(`Plex library sections: ${sections.error.message}`);
  const library: PlexLibrary = {
    accounts: accounts.value,
    shows: [],
    leaves: [],
    watches: emptyPlexWatches(),
  };
  for (const section of sections.value.filter((s) => s.type === kind && s.key !== undefined)) {
    const name = `Plex section "${section.title ?? section.key}"`;
    if (kind === "show") {
      const shows = await allPages((start) =>
        plex.sectionItemsOfType(section.key!, 2, { start, size: PAGE_SIZE })
      );
      if (!shows.ok) return err(`${name} shows: ${shows.error}`);
      for (const show of shows.value) library.shows.push(show);
    }
    const leaves = await allPages((start) =>
      plex.sectionItemsOfType(section.key!, kind === "show" ? 4 : 1, { start, size: PAGE_SIZE })
    );
    if (!leaves.ok) return err(`${name} ${kind === "show" ? "episodes" : "movies"}: ${leaves.error}`);
    for (const leaf of leaves.value) library.leaves.push(leaf);
  }
  addOwnerViewCounts(library.watches, library.leaves);
  // Other accounts' manual marks write no history row either: with their own token their view counts show.
  const leafType = kind === "show" ? 4 : 1;
  for (const user of users) {
    const account = accountByName(library.accounts, user.account);
    if (account === undefined) {
      return err(`The Plex token stored as plex_user:${user.account} names no Plex account (/accounts)`);
    }
    for (const section of sections.value.filter((s) => s.type === kind && s.key !== undefined)) {
      const leaves = await allPages((start) =>
        user.reads.sectionItemsOfType(section.key!, leafType, { start, size: PAGE_SIZE })
      );
      if (!leaves.ok) return err(`Plex view counts of ${user.account} (plex_user token): ${leaves.error}`);
      addViewCounts(library.watches, leaves.value, account.id);
    }
  }
  for await (const page of plex.historyPages({ pageSize: PAGE_SIZE })) {
    if (!page.ok) return err(`Plex watch history: ${page.error.message}`);
    addHistoryPage(library.watches, page.value.items);
  }
  return ok(library);
}

/** Every page of one section read (the client keeps only what cleanup uses of each item: libraryItemSchema). */
async function allPages(
  read: (start: number) => Promise<ServiceResult<PlexPage<PlexLibraryItem>>>,
): Promise<Result<PlexLibraryItem[], string>> {
  const all: PlexLibraryItem[] = [];
  for (let n = 0; n < MAX_PAGES; n++) {
    const page = await read(all.length);
    if (!page.ok) return err(page.error.message);
    for (const item of page.value.items) all.push(item);
    const { items, totalSize } = page.value;
    const short = totalSize === undefined ? items.length < PAGE_SIZE : all.length >= totalSize;
    if (items.length === 0 || short) return ok(all);
  }
  return err(`more than ${MAX_PAGES} pages`);
}
