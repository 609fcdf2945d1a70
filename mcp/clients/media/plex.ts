import type { z } from "zod";
import { err, ok } from "../../../shared/result.ts";
import { type BaseClientOptions, BaseServiceClient, type HttpRequest } from "./base_client.ts";
import {
  accountsSchema,
  historySchema,
  identitySchema,
  librarySchema,
  metadataSchema,
  type PlexAccount,
  type PlexHistoryItem,
  type PlexLibraryItem,
  type PlexMetadata,
  type PlexSection,
  type PlexSession,
  sectionsSchema,
  sessionsSchema,
} from "./plex_schemas.ts";
import type { ServiceResult } from "./service_error.ts";

export type PlexClientOptions = Omit<BaseClientOptions, "service" | "headers"> & {
  token: string;
  /** Stable id of this arr-mcp installation (X-Plex-Client-Identifier). */
  clientIdentifier: string;
  /** @default "0.1.0" */
  version?: string;
};

export interface PlexIdentity {
  machineIdentifier: string;
  version: string;
  claimed: boolean | undefined;
}

export interface PlexPage<T> {
  items: T[];
  /** Offset of the first item. */
  start: number;
  /** Total number of items on the server, when it said so. */
  totalSize: number | undefined;
}

export interface HistoryFilter {
  accountId?: number;
  sectionId?: string | number;
  /** Only plays at or after this time. */
  since?: Date;
  /** Items per request. @default 500 */
  pageSize?: number;
}

/**
 * Plex Media Server client. Sends the token as the `X-Plex-Token` header (never in the URL), asks for JSON and
 * identifies itself with a client identifier.
 */
export class PlexClient {
  readonly http: BaseServiceClient;

  constructor(options: PlexClientOptions) {
    const { token, clientIdentifier, version, ...rest } = options;
    this.http = new BaseServiceClient({
      ...rest,
      service: "plex",
      headers: {
        "X-Plex-Token": token,
        Accept: "application/json",
        "X-Plex-Client-Identifier": clientIdentifier,
        "X-Plex-Product": "arr-mcp",
        "X-Plex-Version": version ?? "0.1.0",
      },
      secrets: [token, ...(options.secrets ?? [])],
    });
  }

  get service(): string {
    return "plex";
  }

  #get<S extends z.ZodType>(path: string, schema: S, query: HttpRequest["query"] = {}) {
    return this.http.json({ method: "GET", path, query }, schema);
  }

  async identity(): Promise<ServiceResult<PlexIdentity>> {
    const result = await this.#get("/identity", identitySchema);
    if (!result.ok) return result;
    const { machineIdentifier, version, claimed } = result.value.MediaContainer;
    return ok({ machineIdentifier, version, claimed: claimed ?? undefined });
  }

  async sessions(): Promise<ServiceResult<PlexSession[]>> {
    const result = await this.#get("/status/sessions", sessionsSchema);
    return result.ok ? ok(itemsOf<PlexSession>(result.value, "Metadata")) : result;
  }

  async sections(): Promise<ServiceResult<PlexSection[]>> {
    const result = await this.#get("/library/sections/all", sectionsSchema);
    return result.ok ? ok(itemsOf<PlexSection>(result.value, "Directory")) : result;
  }

  /** One page of a library section, paged with X-Plex-Container-Start/Size. */
  async sectionItems(
    sectionId: string | number,
    page: { start?: number; size?: number } = {},
  ): Promise<ServiceResult<PlexPage<PlexMetadata>>> {
    const start = page.start ?? 0;
    const result = await this.http.send({
      method: "GET",
      path: `/library/sections/${encodeURIComponent(String(sectionId))}/all`,
      query: { "X-Plex-Container-Start": start, "X-Plex-Container-Size": page.size ?? 100 },
    });
    return this.#page<PlexMetadata>(result, `/library/sections/${sectionId}/all`, metadataSchema, start);
  }

  /**
   * One page of a section's items of one Plex type (1 movie, 2 show, 4 episode) with their external ids
   * (`includeGuids=1`): cleanup's bulk read of a library.
   */
  async sectionItemsOfType(
    sectionId: string | number,
    type: 1 | 2 | 4,
    page: { start?: number; size?: number } = {},
  ): Promise<ServiceResult<PlexPage<PlexLibraryItem>>> {
    const start = page.start ?? 0;
    const path = `/library/sections/${encodeURIComponent(String(sectionId))}/all`;
    const query = {
      type,
      includeGuids: 1,
      "X-Plex-Container-Start": start,
      "X-Plex-Container-Size": page.size ?? 500,
    };
    const result = await this.http.send({ method: "GET", path, query });
    return this.#page<PlexLibraryItem>(result, path, librarySchema, start, query);
  }

  async metadata(ratingKey: string | number): Promise<ServiceResult<PlexMetadata | undefined>> {
    const result = await this.#get(
      `/library/metadata/${encodeURIComponent(String(ratingKey))}`,
      metadataSchema,
    );
    return result.ok ? ok(itemsOf<PlexMetadata>(result.value, "Metadata")[0]) : result;
  }

  /** Local accounts; their ids are the `accountID` values of the watch history. Not in the community spec. */
  async accounts(): Promise<ServiceResult<PlexAccount[]>> {
    const result = await this.#get("/accounts", accountsSchema);
    return result.ok ? ok(itemsOf<PlexAccount>(result.value, "Account")) : result;
  }

  /**
   * The whole watch history as an async iterator over pages, so a caller can summarise any number of plays with
   * one page in memory. Yields an error result once and stops when a page fails.
   */
  async *historyPages(filter: HistoryFilter = {}): AsyncGenerator<ServiceResult<PlexPage<PlexHistoryItem>>> {
    const size = filter.pageSize ?? 500;
    let start = 0;
    while (true) {
      const query: HttpRequest["query"] = {
        sort: "viewedAt:desc",
        accountID: filter.accountId,
        librarySectionID: filter.sectionId,
        // PMS filter syntax: `viewedAt>=<epoch>` is the parameter "viewedAt>" with the value "<epoch>".
        "viewedAt>": filter.since ? Math.floor(filter.since.getTime() / 1000) : undefined,
        "X-Plex-Container-Start": start,
        "X-Plex-Container-Size": size,
      };
      const sent = await this.http.send({ method: "GET", path: "/status/sessions/history/all", query });
      const page = this.#page<PlexHistoryItem>(
        sent,
        "/status/sessions/history/all",
        historySchema,
        start,
        query,
      );
      yield page;
      if (!page.ok) return;
      const { items, totalSize } = page.value;
      start += items.length;
      // A server may cap the page below `size`: with a total, page on until it is reached.
      const short = totalSize === undefined ? items.length < size : start >= totalSize;
      if (items.length === 0 || short) return;
    }
  }

  #page<T>(
    sent: Awaited<ReturnType<BaseServiceClient["send"]>>,
    path: string,
    schema: z.ZodType,
    start: number,
    query: HttpRequest["query"] = {},
  ): ServiceResult<PlexPage<T>> {
    if (!sent.ok) return sent;
    const request: HttpRequest = { method: "GET", path, query };
    if (sent.value.status < 200 || sent.value.status > 299) {
      return err(this.http.statusError(request, sent.value));
    }
    const decoded = this.http.decode(request, sent.value.text, schema);
    if (!decoded.ok) return decoded;
    const body = decoded.value as { MediaContainer: { totalSize?: number | null; offset?: number | null } };
    const header = Number(sent.value.headers.get("X-Plex-Container-Total-Size") ?? NaN);
    const totalSize = Number.isFinite(header) ? header : body.MediaContainer.totalSize ?? undefined;
    return ok({
      items: itemsOf<T>(decoded.value, "Metadata"),
      start: body.MediaContainer.offset ?? start,
      totalSize,
    });
  }
}

function itemsOf<T>(body: unknown, field: string): T[] {
  const container = (body as { MediaContainer?: Record<string, unknown> }).MediaContainer;
  const items = container?.[field];
  return Array.isArray(items) ? items as T[] : [];
}
