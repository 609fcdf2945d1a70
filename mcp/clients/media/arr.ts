import type { z } from "zod";
import { err, ok } from "../../../shared/result.ts";
import { type ArrApp, type ArrFeature } from "./arr_apps.ts";
import {
  type Command,
  commandSchema,
  type DiskSpace,
  diskSpaceSchema,
  type HealthItem,
  healthSchema,
  historyPageSchema,
  type HistoryRecord,
  type MediaItem,
  mediaListSchema,
  mediaPageSchema,
  type Paged,
  queueDetailsSchema,
  queuePageSchema,
  type QueueRecord,
  type RootFolder,
  rootFolderSchema,
  type SystemStatus,
  systemStatusSchema,
  type Tag,
  tagSchema,
  type UpdateInfo,
  updateSchema,
} from "./arr_schemas.ts";
import { type BaseClientOptions, BaseServiceClient, type HttpRequest } from "./base_client.ts";
import type { ServiceResult } from "./service_error.ts";

export type SortDirection = "default" | "ascending" | "descending";

export interface PageOptions {
  /** 1-based page. @default 1 */
  page?: number;
  /** @default 50 */
  pageSize?: number;
  sortKey?: string;
  sortDirection?: SortDirection;
}

export interface QueueDeleteOptions {
  /** Also remove the download from SABnzbd/qBittorrent. @default true */
  removeFromClient?: boolean;
  /** Add the release to the blocklist so it is not grabbed again. @default false */
  blocklist?: boolean;
}

export type ArrClientOptions = Omit<BaseClientOptions, "service" | "headers"> & { apiKey: string };

/**
 * Client for the API every Servarr app shares (Sonarr/Radarr v3, Prowlarr/Lidarr v1). The key travels in the
 * `X-Api-Key` header, never in the URL.
 */
export class ArrClient {
  readonly http: BaseServiceClient;
  readonly app: ArrApp;

  constructor(app: ArrApp, options: ArrClientOptions) {
    this.app = app;
    const { apiKey, ...rest } = options;
    this.http = new BaseServiceClient({
      ...rest,
      service: app.name,
      headers: { "X-Api-Key": apiKey, Accept: "application/json" },
      secrets: [apiKey, ...(options.secrets ?? [])],
    });
  }

  get service(): string {
    return this.app.name;
  }

  /** "/api/v3" + path */
  protected api(path: string): string {
    return `/api/${this.app.apiVersion}${path}`;
  }

  supports(feature: ArrFeature): boolean {
    return this.app.features.includes(feature);
  }

  protected get<S extends z.ZodType>(
    path: string,
    schema: S,
    query: HttpRequest["query"] = {},
  ): Promise<ServiceResult<z.output<S>>> {
    return this.http.json({ method: "GET", path: this.api(path), query }, schema);
  }

  protected unsupported<T>(feature: ArrFeature): Promise<ServiceResult<T>> {
    return Promise.resolve(err(this.http.error("http", `${this.app.title} has no "${feature}" API`)));
  }

  systemStatus(): Promise<ServiceResult<SystemStatus>> {
    return this.get("/system/status", systemStatusSchema);
  }

  health(): Promise<ServiceResult<HealthItem[]>> {
    return this.get("/health", healthSchema);
  }

  diskSpace(): Promise<ServiceResult<DiskSpace[]>> {
    if (!this.supports("diskspace")) return this.unsupported("diskspace");
    return this.get("/diskspace", diskSpaceSchema);
  }

  /** The library's root folders with their free space (apps with the diskspace API). */
  rootFolders(): Promise<ServiceResult<RootFolder[]>> {
    if (!this.supports("diskspace")) return this.unsupported("diskspace");
    return this.get("/rootfolder", rootFolderSchema);
  }

  /** One page of the download queue, including items whose series/movie is unknown. */
  queue(options: PageOptions = {}): Promise<ServiceResult<Paged<QueueRecord>>> {
    if (!this.supports("queue")) return this.unsupported("queue");
    return this.get("/queue", queuePageSchema, { ...pageQuery(options), ...this.unknownItemsQuery() });
  }

  /** Every queue item, unpaged (`queue/details`). */
  queueDetails(): Promise<ServiceResult<QueueRecord[]>> {
    if (!this.supports("queue")) return this.unsupported("queue");
    return this.get("/queue/details", queueDetailsSchema);
  }

  /** Reads every page of the queue; stops at the first error. */
  async queueAll(pageSize = 200, maxPages = 50): Promise<ServiceResult<QueueRecord[]>> {
    const all: QueueRecord[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const result = await this.queue({ page, pageSize });
      if (!result.ok) return result;
      all.push(...result.value.records);
      if (all.length >= result.value.totalRecords || result.value.records.length === 0) break;
    }
    return ok(all);
  }

  /** Removes a queue item. Destructive: callers must confirm first. */
  deleteQueueItem(id: number, options: QueueDeleteOptions = {}): Promise<ServiceResult<void>> {
    if (!this.supports("queue")) return this.unsupported("queue");
    return this.http.empty({
      method: "DELETE",
      path: this.api(`/queue/${id}`),
      query: { removeFromClient: options.removeFromClient ?? true, blocklist: options.blocklist ?? false },
    });
  }

  wantedMissing(
    options: PageOptions & { monitored?: boolean } = {},
  ): Promise<ServiceResult<Paged<MediaItem>>> {
    if (!this.supports("wanted")) return this.unsupported("wanted");
    return this.get("/wanted/missing", mediaPageSchema, {
      ...pageQuery(options),
      monitored: options.monitored ?? true,
    });
  }

  /** Items airing or releasing between `start` and `end` (sent as RFC 3339 date-times). */
  calendar(
    start: Date,
    end: Date,
    options: { unmonitored?: boolean } = {},
  ): Promise<ServiceResult<MediaItem[]>> {
    if (!this.supports("calendar")) return this.unsupported("calendar");
    return this.get("/calendar", mediaListSchema, {
      start: start.toISOString(),
      end: end.toISOString(),
      unmonitored: options.unmonitored ?? false,
    });
  }

  history(options: PageOptions = {}): Promise<ServiceResult<Paged<HistoryRecord>>> {
    return this.get(
      "/history",
      historyPageSchema,
      pageQuery({ sortKey: "date", sortDirection: "descending", ...options }),
    );
  }

  /**
   * Starts a command such as "MissingEpisodeSearch". Real servers answer 201 Created (the specs say 200);
   * both are accepted.
   */
  command(name: string, fields: Record<string, unknown> = {}): Promise<ServiceResult<Command>> {
    return this.http.json(
      { method: "POST", path: this.api("/command"), json: { ...fields, name } },
      commandSchema,
    );
  }

  commandStatus(id: number): Promise<ServiceResult<Command>> {
    return this.get(`/command/${id}`, commandSchema);
  }

  /** Tag ids and labels (series, movies and artists carry tag ids). */
  tags(): Promise<ServiceResult<Tag[]>> {
    return this.get("/tag", tagSchema);
  }

  updates(): Promise<ServiceResult<UpdateInfo[]>> {
    return this.get("/update", updateSchema);
  }

  protected unknownItemsQuery(): Record<string, boolean> {
    switch (this.app.name) {
      case "sonarr":
        return { includeUnknownSeriesItems: true };
      case "radarr":
        return { includeUnknownMovieItems: true };
      case "lidarr":
        return { includeUnknownArtistItems: true };
      default:
        return {};
    }
  }
}

export function pageQuery(options: PageOptions): Record<string, string | number | undefined> {
  return {
    page: options.page ?? 1,
    pageSize: options.pageSize ?? 50,
    sortKey: options.sortKey,
    sortDirection: options.sortDirection,
  };
}
