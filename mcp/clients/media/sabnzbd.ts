import type { z } from "zod";
import { err, ok } from "../../../shared/result.ts";
import { type BaseClientOptions, BaseServiceClient, type HttpRequest } from "./base_client.ts";
import {
  actionSchema,
  failureSchema,
  historySchema,
  queueSchema,
  type SabHistorySlot,
  type SabQueue,
  type SabWarning,
  versionSchema,
  warningsSchema,
} from "./sabnzbd_schemas.ts";
import type { ServiceResult } from "./service_error.ts";

export type SabnzbdClientOptions = Omit<BaseClientOptions, "service" | "headers"> & { apiKey: string };

export interface SabHistory {
  total: number | undefined;
  slots: SabHistorySlot[];
}

/**
 * SABnzbd client (`/api?mode=…&output=json`). The key can only travel as the `apikey` query parameter, so every
 * URL that reaches an error or log is redacted. Failures come two ways: HTTP 403 with a plain-text body
 * ("API Key Incorrect"), or HTTP 200 with `{"status": false, "error": …}`; both become errors here.
 */
export class SabnzbdClient {
  readonly http: BaseServiceClient;
  readonly #apiKey: string;

  constructor(options: SabnzbdClientOptions) {
    const { apiKey, ...rest } = options;
    this.#apiKey = apiKey;
    this.http = new BaseServiceClient({
      ...rest,
      service: "sabnzbd",
      headers: { Accept: "application/json" },
      secrets: [apiKey, ...(options.secrets ?? [])],
    });
  }

  get service(): string {
    return "sabnzbd";
  }

  async #call<S extends z.ZodType>(
    mode: string,
    params: Record<string, string | number | undefined>,
    schema: S,
  ): Promise<ServiceResult<z.output<S>>> {
    const request: HttpRequest = {
      method: "GET",
      path: "/api",
      query: { mode, ...params, output: "json", apikey: this.#apiKey },
    };
    const sent = await this.http.send(request);
    if (!sent.ok) return sent;
    if (sent.value.status < 200 || sent.value.status > 299) {
      return err(this.http.statusError(request, sent.value));
    }
    let body: unknown;
    try {
      body = JSON.parse(sent.value.text);
    } catch {
      return this.http.decode(request, sent.value.text, schema);
    }
    const failure = failureSchema.safeParse(body);
    if (failure.success) {
      const reason = failure.data.error ?? "no reason given";
      const name = params.name ? ` name=${params.name}` : "";
      return err(this.http.error("http", `SABnzbd refused mode=${mode}${name}: ${reason}`));
    }
    return this.http.decode(request, sent.value.text, schema);
  }

  async version(): Promise<ServiceResult<string>> {
    const result = await this.#call("version", {}, versionSchema);
    return result.ok ? ok(result.value.version) : result;
  }

  async queue(page: { start?: number; limit?: number } = {}): Promise<ServiceResult<SabQueue>> {
    const result = await this.#call(
      "queue",
      { start: page.start ?? 0, limit: page.limit ?? 500 },
      queueSchema,
    );
    return result.ok ? ok(result.value.queue) : result;
  }

  async history(page: { start?: number; limit?: number } = {}): Promise<ServiceResult<SabHistory>> {
    const result = await this.#call(
      "history",
      { start: page.start ?? 0, limit: page.limit ?? 50 },
      historySchema,
    );
    if (!result.ok) return result;
    const history = result.value.history;
    return ok(
      history === false ? { total: 0, slots: [] } : { total: history.noofslots, slots: history.slots },
    );
  }

  async warnings(): Promise<ServiceResult<SabWarning[]>> {
    const result = await this.#call("warnings", {}, warningsSchema);
    return result.ok ? ok(result.value.warnings) : result;
  }

  /** Pauses the whole downloader. */
  pause(): Promise<ServiceResult<void>> {
    return this.#action("pause", {});
  }

  resume(): Promise<ServiceResult<void>> {
    return this.#action("resume", {});
  }

  pauseItems(nzoIds: readonly string[]): Promise<ServiceResult<void>> {
    return this.#action("queue", { name: "pause", value: nzoIds.join(",") });
  }

  resumeItems(nzoIds: readonly string[]): Promise<ServiceResult<void>> {
    return this.#action("queue", { name: "resume", value: nzoIds.join(",") });
  }

  /** Removes jobs from the queue. Destructive: callers must confirm first. */
  deleteItems(
    nzoIds: readonly string[],
    options: { deleteFiles?: boolean } = {},
  ): Promise<ServiceResult<void>> {
    return this.#action("queue", {
      name: "delete",
      value: nzoIds.join(","),
      del_files: options.deleteFiles ? 1 : 0,
    });
  }

  async #action(mode: string, params: Record<string, string | number>): Promise<ServiceResult<void>> {
    const result = await this.#call(mode, params, actionSchema);
    if (!result.ok) return result;
    return result.value.status ? ok(undefined) : err(this.http.error("http", `SABnzbd refused mode=${mode}`));
  }
}
