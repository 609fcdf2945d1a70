/**
 * Media tool family: service_status, media_queue, media_wanted, media_calendar, media_history,
 * download_clients (read-only) and media_search_missing (starts a search; not destructive). Every service call
 * goes through the ServiceRegistry (ToolDeps.media): no tool builds URLs or reads credentials.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { ARR_APPS } from "../clients/media/arr_apps.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { withMedia } from "./common.ts";
import { collectDownloadClients, qbitOutput, sabOutput } from "./downloads.ts";
import {
  collectArrHistory,
  collectCalendar,
  collectPlexHistory,
  collectWanted,
  historyRecordOutput,
  mediaItemOutput,
  plexSummaryOutput,
} from "./lists.ts";
import { collectMediaQueue, QUEUE_SERVICES, queueItemSchema } from "./queue.ts";
import { collectServiceStatus, serviceStatusSchema } from "./status.ts";

const problemsField = z.array(z.object({
  service: z.string().describe("Service that failed"),
  kind: z.string().describe("unreachable, timeout, auth, http, decode, not_configured or credentials"),
  message: z.string().describe("What went wrong (secrets redacted)"),
})).describe("Services that could not be read; the rest of the answer is still valid");

/** Every read tool here only reads the services' APIs, which live beyond this host's runtime. */
const REMOTE_READ = { access: "read", idempotent: true, openWorld: true } as const;

const arrService = z.enum(QUEUE_SERVICES).describe("sonarr (TV), radarr (movies) or lidarr (music)");

export function registerMediaTools(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "service_status",
    title: "Media service status",
    description:
      "Version and health of every media service arr-mcp knows (Sonarr, Radarr, Prowlarr, Lidarr, " +
      "Plex, SABnzbd, qBittorrent), checked concurrently through their APIs. Unconfigured services are listed " +
      "with what is missing (URL or credential). Use first when something media-related seems wrong.",
    input: {},
    output: { services: z.array(serviceStatusSchema).describe("One entry per known service") },
    ...REMOTE_READ,
    run: withMedia(deps, async (media) => {
      return { ok: true, value: { services: await collectServiceStatus(media) } };
    }),
  });

  defineTool(server, deps, {
    name: "media_queue",
    title: "Download queue with problems flagged",
    description:
      "The Sonarr/Radarr/Lidarr download queues joined with SABnzbd's and qBittorrent's own state " +
      "for each download (matched by download id), each item flagged ok, stuck (import blocked, stalled torrent, " +
      "missing from the client …) or failed, with reasons. Problems are listed first.",
    input: {
      services: z.array(arrService).optional().describe("Only these apps (default: all configured)"),
      only_problems: z.boolean().default(false).describe("Return only stuck or failed items"),
      limit: z.number().int().min(1).max(1000).default(100).describe("Most items to return"),
    },
    output: {
      items: z.array(queueItemSchema).describe("Queue items, failed first, then stuck, then ok"),
      total: z.number().describe("Items in all queues"),
      counts: z.object({
        ok: z.number().describe("Items progressing normally"),
        stuck: z.number().describe("Items needing attention"),
        failed: z.number().describe("Failed items"),
      }).describe("Counts over all items"),
      truncated: z.boolean().describe("More items matched than limit"),
      download_clients_checked: z.array(z.string()).describe("Download clients whose state was joined in"),
      problems: problemsField,
    },
    ...REMOTE_READ,
    run: withMedia(deps, async (media, args) => {
      const value = await collectMediaQueue(media, {
        ...(args.services ? { services: args.services } : {}),
        onlyProblems: args.only_problems,
        limit: args.limit,
      });
      return { ok: true, value };
    }),
  });

  defineTool(server, deps, {
    name: "media_wanted",
    title: "Missing (wanted) media",
    description: "One page of monitored episodes/movies/albums that have no file yet (the app's Wanted → " +
      "Missing list). Use media_search_missing to start a search for all of them.",
    input: {
      service: arrService,
      page: z.number().int().min(1).default(1).describe("1-based page"),
      page_size: z.number().int().min(1).max(250).default(50).describe("Items per page"),
    },
    output: {
      service: z.string().describe("App asked"),
      page: z.number().describe("Page returned"),
      total_records: z.number().describe("Missing items in total"),
      items: z.array(mediaItemOutput).describe("Missing items on this page"),
    },
    ...REMOTE_READ,
    run: withMedia(deps, async (media, args) => {
      return await collectWanted(media, args.service, args.page, args.page_size);
    }),
  });

  defineTool(server, deps, {
    name: "media_calendar",
    title: "Upcoming releases",
    description: "Episodes, movies and albums airing or releasing in a date window, from every configured " +
      "Sonarr/Radarr/Lidarr, sorted by date.",
    input: {
      days_back: z.number().int().min(0).max(31).default(0).describe("Days before today to include"),
      days_ahead: z.number().int().min(0).max(90).default(7).describe("Days after today to include"),
      services: z.array(arrService).optional().describe("Only these apps (default: all configured)"),
    },
    output: {
      start: z.string().describe("Window start (ISO)"),
      end: z.string().describe("Window end (ISO)"),
      items: z.array(mediaItemOutput).describe("Items in the window, by date"),
      problems: problemsField,
    },
    ...REMOTE_READ,
    run: withMedia(deps, async (media, args) => {
      const day = 86_400_000;
      const now = deps.clock.now();
      const start = new Date(now - args.days_back * day);
      const end = new Date(now + args.days_ahead * day);
      const result = await collectCalendar(media, args.services ?? QUEUE_SERVICES, start, end);
      return { ok: true, value: { start: start.toISOString(), end: end.toISOString(), ...result } };
    }),
  });

  defineTool(server, deps, {
    name: "media_history",
    title: "Download or watch history",
    description:
      "For sonarr/radarr/lidarr/prowlarr: one page of the app's history (grabs, imports, failures), " +
      "newest first. For plex: a summary of the whole watch history (plays per account, library section and " +
      "type), optionally filtered by account, section and a number of days; the history is streamed page by " +
      "page, so any size works.",
    input: {
      service: z.enum([...QUEUE_SERVICES, "prowlarr", "plex"]).describe("App to read history from"),
      page: z.number().int().min(1).default(1).describe("*arr only: 1-based page"),
      page_size: z.number().int().min(1).max(250).default(50).describe("*arr only: records per page"),
      days: z.number().int().min(1).max(3650).optional().describe("plex only: only plays in the last N days"),
      account_id: z.number().int().min(0).optional().describe("plex only: only this account id"),
      section_id: z.string().regex(/^\d+$/, "expected a numeric section id").optional().describe(
        "plex only: only this library section id",
      ),
    },
    output: {
      service: z.string().describe("App asked"),
      total_records: z.number().nullable().describe("*arr: history records in total"),
      records: z.array(historyRecordOutput).describe("*arr: records on this page (empty for plex)"),
      plex_summary: plexSummaryOutput.nullable().describe("plex: summary of the matched plays"),
    },
    ...REMOTE_READ,
    run: withMedia(deps, async (media, args) => {
      if (args.service === "plex") {
        const summary = await collectPlexHistory(media, {
          ...(args.account_id !== undefined ? { accountId: args.account_id } : {}),
          ...(args.section_id !== undefined ? { sectionId: args.section_id } : {}),
          ...(args.days !== undefined ? { since: new Date(deps.clock.now() - args.days * 86_400_000) } : {}),
        });
        if (!summary.ok) return summary;
        return {
          ok: true,
          value: { service: "plex", total_records: null, records: [], plex_summary: summary.value },
        };
      }
      const history = await collectArrHistory(media, args.service, args.page, args.page_size);
      if (!history.ok) return history;
      return { ok: true, value: { service: args.service, ...history.value, plex_summary: null } };
    }),
  });

  defineTool(server, deps, {
    name: "download_clients",
    title: "Download client state",
    description:
      "SABnzbd and qBittorrent at a glance: version, paused or not, speed, queue size, time left, " +
      "free disk space, torrent counts by state (qBittorrent 4.x and 5.x state names normalised).",
    input: {},
    output: {
      sabnzbd: sabOutput.nullable().describe("null when SABnzbd is not configured or failed (see problems)"),
      qbittorrent: qbitOutput.nullable().describe("null when qBittorrent is not configured or failed"),
      problems: problemsField,
    },
    ...REMOTE_READ,
    run: withMedia(deps, async (media) => {
      return { ok: true, value: await collectDownloadClients(media) };
    }),
  });

  defineTool(server, deps, {
    name: "media_search_missing",
    title: "Search for all missing media",
    description: "Starts the app's search for every monitored item without a file (Sonarr " +
      "MissingEpisodeSearch, Radarr MissingMoviesSearch, Lidarr MissingAlbumSearch). Indexers are queried and " +
      "found releases are grabbed; nothing is deleted. Returns the command id and its initial status.",
    input: { service: arrService },
    output: {
      service: z.string().describe("App that runs the search"),
      command_id: z.number().describe("Command id (the app's System → Tasks)"),
      command: z.string().describe("Command name"),
      status: z.string().nullable().describe("queued, started, completed …"),
    },
    access: "write",
    idempotent: false,
    openWorld: true,
    run: withMedia(deps, async (media, args) => {
      const client = await media.registry.getClient(args.service);
      if (!client.ok) return { ok: false, error: { kind: client.error.kind, message: client.error.message } };
      const name = ARR_APPS[args.service].missingSearchCommand!;
      const fields = args.service === "sonarr"
        ? { monitored: true }
        : args.service === "radarr"
        ? { filterKey: "monitored", filterValue: "true" }
        : {};
      const started = await client.value.command(name, fields);
      if (!started.ok) {
        return { ok: false, error: { kind: started.error.kind, message: started.error.message } };
      }
      return {
        ok: true,
        value: {
          service: args.service,
          command_id: started.value.id,
          command: name,
          status: started.value.status ?? null,
        },
      };
    }),
  });
}
