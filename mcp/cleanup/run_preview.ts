/**
 * Runs one preview with the server's clients, settings and keep marks (the shell around buildPreview), for
 * watched_cleanup_preview/delete and the background preview. A full preview with the default rules also
 * becomes the dashboard's summary (summary_store.ts).
 */
import { err, ok, type Result } from "../../shared/result.ts";
import type { ClientMap } from "../clients/media/registry.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { CleanupService, InterestMark } from "./cleanup_facts.ts";
import { DEFAULT_MIN_DAYS_SINCE_WATCHED, DEFAULT_REQUIRED_WATCHERS } from "./cleanup_schemas.ts";
import { withInterestStore } from "./interest_store.ts";
import type { PlexUserReads } from "./plex_library.ts";
import { buildPreview, type CleanupPreview, type CleanupSettings, type PreviewSources } from "./preview.ts";
import { summarizePreview } from "./preview_summary.ts";
import { saveSummary } from "./summary_store.ts";

export type RuleArgs = {
  service: CleanupService;
  ids?: number[] | undefined;
  min_days_since_watched: number;
  required_watchers: "audience" | "all_active" | string[];
};

export async function preview(deps: ToolDeps, args: RuleArgs): Promise<CleanupPreview> {
  const sources: PreviewSources = {
    plex: await clientOf(deps, "plex"),
    arr: await clientOf(deps, args.service),
    plexUsers: await plexUsersOf(deps),
  };
  const marks = withInterestStore(deps.config.dataDir, (store) => store.list());
  const settings: CleanupSettings = {
    users: deps.config.cleanupUsers,
    activeDays: deps.config.cleanupActiveDays ?? 90,
    keepTag: deps.config.cleanupKeepTag ?? "keep",
  };
  const request = {
    service: args.service,
    ids: args.ids,
    minDaysSinceWatched: args.min_days_since_watched,
    requiredWatchers: args.required_watchers,
  };
  if (!marks.ok) {
    return buildPreview(
      { plex: err(marks.error), arr: sources.arr },
      request,
      settings,
      [],
      deps.clock.now(),
    );
  }
  return buildPreview(sources, request, settings, marks.value as InterestMark[], deps.clock.now());
}

/** A preview; when it covers the whole library with the default rules, its summary is stored for the dashboard. */
export async function previewAndRemember(deps: ToolDeps, args: RuleArgs): Promise<CleanupPreview> {
  const started = deps.clock.now();
  const result = await preview(deps, args);
  const isDefault = args.ids === undefined &&
    args.min_days_since_watched === DEFAULT_MIN_DAYS_SINCE_WATCHED &&
    args.required_watchers === DEFAULT_REQUIRED_WATCHERS;
  // A failed store write costs the dashboard its panel, never the caller its preview.
  if (isDefault) saveSummary(deps.config.dataDir, summarizePreview(result, started));
  return result;
}

/** The background preview of one service with the default rules; undefined when it is not set up. */
export async function backgroundPreview(
  deps: ToolDeps,
  service: CleanupService,
): Promise<CleanupPreview | undefined> {
  if (!(await clientOf(deps, "plex")).ok || !(await clientOf(deps, service)).ok) return undefined;
  return previewAndRemember(deps, {
    service,
    min_days_since_watched: DEFAULT_MIN_DAYS_SINCE_WATCHED,
    required_watchers: DEFAULT_REQUIRED_WATCHERS,
  });
}

export async function clientOf<K extends "plex" | "sonarr" | "radarr">(
  deps: ToolDeps,
  service: K,
): Promise<Result<ClientMap[K], string>> {
  if (deps.media === undefined) return err(noMedia().message);
  const client = await deps.media.registry.getClient(service);
  return client.ok ? client : err(`${service}: ${client.error.message}`);
}

/** Plex clients with the stored `plex_user:<account>` tokens (their own view counts). */
async function plexUsersOf(deps: ToolDeps): Promise<Result<PlexUserReads[], string>> {
  if (deps.media === undefined) return err(noMedia().message);
  const users = await deps.media.registry.plexUserClients();
  return users.ok
    ? ok(users.value.map(({ account, client }) => ({ account, reads: client })))
    : err(`plex_user tokens: ${users.error.message}`);
}

export function noMedia() {
  return { kind: "unavailable", message: "Media services are not wired into this server (ToolDeps.media)" };
}
