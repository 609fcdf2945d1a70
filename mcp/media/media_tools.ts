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
import { NULL } from "../toolkit/portable_schema.ts";
import { withMedia } from "./common.ts";
import { collectDownloadClients, problemItemOutput, qbitOutput, sabOutput } from "./downloads.ts";
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
  service: z.string(),
  kind: z.string(),
  message: z.string(),
})).describe("Services that could not be read; the rest is still valid");

/** Every read tool here only reads the services' APIs, which live beyond this host's runtime. */
const REMOTE_READ = { access: "read", idempotent: true, openWorld: true } as const;

const arrService = z.enum(QUEUE_SERVICES).describe("sonarr (TV), radarr (movies) or lidarr (music)");
const arrServices = z.array(z.enum(QUEUE_SERVICES)).optional().describe("Default: all configured");

export function registerMediaTools(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "service_status",
    title: "Media service status",
    description: "Version and health of each media service through its API; unconfigured ones say what " +
      "is missing.",
    input: {},
    output: { services: z.array(serviceStatusSchema) },
    ...REMOTE_READ,
    run: withMedia(deps, async (media) => {
      return { ok: true, value: { services: await collectServiceStatus(media) } };
    }),
  });

  defineTool(server, deps, {
    name: "media_queue",
    title: "Download queue with problems flagged",
    description: "Sonarr/Radarr/Lidarr queues joined with SABnzbd's and qBittorrent's state of each " +
      "download, each flagged ok, stuck or failed with reasons; problems first.",
    input: {
      services: arrServices,
      only_problems: z.boolean().default(false).describe("Only stuck or failed items"),
      limit: z.number().int().min(1).max(1000).default(100).describe("Most items"),
    },
    output: {
      items: z.array(queueItemSchema),
      total: z.number(),
      counts: z.object({ ok: z.number(), stuck: z.number(), failed: z.number() }),
      truncated: z.boolean(),
      download_clients_checked: z.array(z.string()),
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
    description: "One page of monitored episodes, movies or albums without a file (Wanted → Missing); " +
      "media_search_missing searches for them all.",
    input: {
      service: arrService,
      page: z.number().int().min(1).default(1).describe("1-based"),
      page_size: z.number().int().min(1).max(250).default(50).describe("Items per page"),
    },
    output: {
      service: z.string(),
      page: z.number(),
      total_records: z.number(),
      items: z.array(mediaItemOutput),
    },
    ...REMOTE_READ,
    run: withMedia(deps, async (media, args) => {
      return await collectWanted(media, args.service, args.page, args.page_size);
    }),
  });

  defineTool(server, deps, {
    name: "media_calendar",
    title: "Upcoming releases",
    description: "Episodes, movies and albums airing or releasing around today, from Sonarr, Radarr and " +
      "Lidarr, by date.",
    input: {
      days_back: z.number().int().min(0).max(31).default(0).describe("Days before today"),
      days_ahead: z.number().int().min(0).max(90).default(7).describe("Days after today"),
      services: arrServices,
    },
    output: {
      start: z.string(),
      end: z.string(),
      items: z.array(mediaItemOutput),
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
    description: "An *arr app's history (grabs, imports, failures), one page newest first; for plex, a " +
      "summary of all plays per account, section and type.",
    input: {
      service: z.enum([...QUEUE_SERVICES, "prowlarr", "plex"]).describe("Media service"),
      page: z.number().int().min(1).default(1).describe("*arr only"),
      page_size: z.number().int().min(1).max(250).default(50).describe("*arr only"),
      days: z.number().int().min(1).max(3650).optional().describe("plex only: the last N days"),
      account_id: z.number().int().min(0).optional().describe("plex only"),
      section_id: z.string().regex(/^\d+$/, "expected a numeric section id").optional().describe("plex only"),
    },
    output: {
      service: z.string(),
      total_records: z.number().or(NULL),
      records: z.array(historyRecordOutput),
      plex_summary: plexSummaryOutput.or(NULL),
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
    description: "SABnzbd and qBittorrent at a glance: version, paused, speed, queue, time left, free " +
      "space, torrents by state, problem items.",
    input: {},
    output: {
      sabnzbd: sabOutput.or(NULL),
      qbittorrent: qbitOutput.or(NULL),
      problem_items: z.array(problemItemOutput).describe("Stalled, errored, stuck or failed downloads"),
      problems: problemsField,
    },
    ...REMOTE_READ,
    run: withMedia(deps, async (media) => {
      const progress = deps.alerts ? { of: (id: string) => deps.alerts?.progressOf(id) } : undefined;
      return { ok: true, value: await collectDownloadClients(media, { now: deps.clock.now(), progress }) };
    }),
  });

  defineTool(server, deps, {
    name: "media_search_missing",
    title: "Search for all missing media",
    description: "Starts the app's search for every monitored item without a file; found releases are " +
      "grabbed, nothing is deleted.",
    input: { service: arrService },
    output: {
      service: z.string(),
      command_id: z.number(),
      command: z.string(),
      status: z.string().or(NULL),
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
