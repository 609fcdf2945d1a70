/** media_wanted, media_calendar, media_history: read-only lists from the *arr apps and Plex. */
import { z } from "zod";
import type { ArrClient } from "../clients/media/arr.ts";
import type { MediaItem } from "../clients/media/arr_schemas.ts";
import type { MediaServices } from "../clients/media/media_services.ts";
import { addToWatchHistorySummary, emptyWatchHistorySummary } from "../clients/media/plex_history_summary.ts";
import type { ServiceResult } from "../clients/media/service_error.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { noted, problem, type ServiceProblem } from "./common.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import type { QueueService } from "./queue.ts";

type Outcome<T> = { ok: true; value: T } | { ok: false; error: ToolFailure };

export const mediaItemOutput = z.object({
  service: z.string(),
  id: z.number(),
  title: z.string(),
  series_id: z.number().or(NULL),
  season: z.number().or(NULL),
  episode: z.number().or(NULL),
  date: z.string().or(NULL),
  monitored: z.boolean().or(NULL),
  has_file: z.boolean().or(NULL),
});
export type MediaItemOutput = z.infer<typeof mediaItemOutput>;

function itemOut(service: string, item: MediaItem): MediaItemOutput {
  return {
    service,
    id: item.id,
    title: item.title ?? "",
    series_id: item.seriesId ?? null,
    season: item.seasonNumber ?? null,
    episode: item.episodeNumber ?? null,
    date: item.airDateUtc ?? item.digitalRelease ?? item.physicalRelease ?? item.inCinemas ??
      item.releaseDate ?? null,
    monitored: item.monitored ?? null,
    has_file: item.hasFile ?? null,
  };
}

async function arrClient(
  media: MediaServices,
  service: QueueService | "prowlarr",
): Promise<Outcome<ArrClient>> {
  const client = await media.registry.getClient(service);
  return client.ok ? { ok: true, value: client.value } : { ok: false, error: problem(client.error) };
}

function failed<T>(result: ServiceResult<T>): Outcome<never> | undefined {
  return result.ok ? undefined : { ok: false, error: problem(result.error) };
}

export async function collectWanted(
  media: MediaServices,
  service: QueueService,
  page: number,
  pageSize: number,
): Promise<Outcome<{ service: string; page: number; total_records: number; items: MediaItemOutput[] }>> {
  const client = await arrClient(media, service);
  if (!client.ok) return client;
  const result = await client.value.wantedMissing({ page, pageSize });
  const bad = failed(result);
  if (bad || !result.ok) return bad!;
  return {
    ok: true,
    value: {
      service,
      page,
      total_records: result.value.totalRecords,
      items: result.value.records.map((r) => itemOut(service, r)),
    },
  };
}

export async function collectCalendar(
  media: MediaServices,
  services: readonly QueueService[],
  start: Date,
  end: Date,
): Promise<{ items: MediaItemOutput[]; problems: ServiceProblem[] }> {
  const problems: ServiceProblem[] = [];
  const lists = await Promise.all(services.map(async (service) => {
    if (!(await media.registry.describe(service)).configured) return [];
    const client = await media.registry.getClient(service);
    if (!client.ok) return noted(problems, client.error, []);
    const items = await client.value.calendar(start, end);
    if (!items.ok) return noted(problems, items.error, []);
    return items.value.map((i) => itemOut(service, i));
  }));
  const items = lists.flat().sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
  return { items, problems };
}

export const historyRecordOutput = z.object({
  date: z.string().or(NULL),
  event: z.string().or(NULL),
  title: z.string().or(NULL),
  download_id: z.string().or(NULL),
});

export const plexSummaryOutput = z.object({
  plays: z.number(),
  by_account: z.record(z.string(), z.number()),
  by_section: z.record(z.string(), z.number()),
  by_type: z.record(z.string(), z.number()),
  first_viewed_at: z.string().or(NULL),
  last_viewed_at: z.string().or(NULL),
  accounts: z.record(z.string(), z.string()),
  pages: z.number(),
});

export async function collectArrHistory(
  media: MediaServices,
  service: QueueService | "prowlarr",
  page: number,
  pageSize: number,
) {
  const client = await arrClient(media, service);
  if (!client.ok) return client;
  const result = await client.value.history({ page, pageSize });
  if (!result.ok) return { ok: false as const, error: problem(result.error) };
  return {
    ok: true as const,
    value: {
      total_records: result.value.totalRecords,
      records: result.value.records.map((r) => ({
        date: r.date ?? null,
        event: r.eventType === undefined || r.eventType === null ? null : String(r.eventType),
        title: r.sourceTitle ?? null,
        download_id: r.downloadId ?? null,
      })),
    },
  };
}

/** Streams the whole Plex watch history page by page and keeps only the summary. */
export async function collectPlexHistory(
  media: MediaServices,
  filter: { accountId?: number; sectionId?: string; since?: Date; pageSize?: number },
): Promise<Outcome<z.infer<typeof plexSummaryOutput>>> {
  const client = await media.registry.getClient("plex");
  if (!client.ok) return { ok: false, error: problem(client.error) };
  const summary = emptyWatchHistorySummary();
  let pages = 0;
  for await (const page of client.value.historyPages(filter)) {
    if (!page.ok) return { ok: false, error: problem(page.error) };
    pages++;
    addToWatchHistorySummary(summary, page.value.items);
  }
  const accounts = await client.value.accounts();
  const names = accounts.ok
    ? Object.fromEntries(accounts.value.map((a) => [String(a.id), a.name ?? ""]))
    : {};
  const iso = (s: number | undefined) => s === undefined ? null : new Date(s * 1000).toISOString();
  return {
    ok: true,
    value: {
      plays: summary.plays,
      by_account: summary.byAccount,
      by_section: summary.bySection,
      by_type: summary.byType,
      first_viewed_at: iso(summary.firstViewedAt),
      last_viewed_at: iso(summary.lastViewedAt),
      accounts: names,
      pages,
    },
  };
}
