import type { z } from "zod";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import { err, ok } from "../../../shared/result.ts";
import { BodyTooLargeError, readCappedBody } from "./read_capped_body.ts";
import { redactText } from "../../../shared/redact/mod.ts";
import { Semaphore } from "./semaphore.ts";
import { type ServiceError, serviceError, type ServiceResult } from "./service_error.ts";

export type Sleep = (ms: number) => Promise<void>;
export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];

export interface BaseClientOptions {
  /** Service name carried in every error, e.g. "sonarr". */
  service: string;
  /** Base URL including any URL base, e.g. "http://127.0.0.1:8989/sonarr". */
  baseUrl: string;
  fetch: FetchLike;
  /** Per-attempt timeout covering headers and body. @default 10000 */
  timeoutMs?: number;
  /** Requests in flight at once. @default 4 */
  maxConcurrency?: number;
  /** Extra attempts for idempotent GETs after a transport error or 429/502/503/504. @default 2 */
  retries?: number;
  /** First backoff delay; doubles each retry. @default 250 */
  backoffMs?: number;
  /** @default setTimeout-based sleep */
  sleep?: Sleep;
  /** Largest accepted response body. @default 16 MiB */
  maxBodyBytes?: number;
  /** Headers sent with every request (auth, Accept). */
  headers?: Record<string, string>;
  /** Secret values to mask in error messages and logs, besides the URL parameters redacted anyway. */
  secrets?: readonly string[];
  /** Receives one redacted line per request. */
  log?: (line: string) => void;
}

export interface HttpRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the base URL, starting with "/". */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
const defaultSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

class TimeoutSignal extends Error {}

/** HTTP transport shared by all media-service clients. Never throws: every call answers a `ServiceResult`. */
export class BaseServiceClient {
  readonly service: string;
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoffMs: number;
  readonly #sleep: Sleep;
  readonly #maxBodyBytes: number;
  readonly #headers: Record<string, string>;
  readonly #secrets: readonly string[];
  readonly #log: ((line: string) => void) | undefined;
  readonly #limit: Semaphore;

  constructor(options: BaseClientOptions) {
    this.service = options.service;
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    // Validated once here so no request can fail on URL syntax later.
    let parsed: URL;
    try {
      parsed = new URL(this.baseUrl);
    } catch {
      throw new TypeError(
        `Cannot create ${options.service} client: invalid base URL "${redactText(this.baseUrl)}"`,
      );
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new TypeError(
        `Cannot create ${options.service} client: base URL must be http(s), got "${parsed.protocol}"`,
      );
    }
    this.#fetch = options.fetch;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#retries = options.retries ?? 2;
    this.#backoffMs = options.backoffMs ?? 250;
    this.#sleep = options.sleep ?? defaultSleep;
    this.#maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
    this.#headers = { ...(options.headers ?? {}) };
    this.#secrets = options.secrets ?? [];
    this.#log = options.log;
    this.#limit = new Semaphore(options.maxConcurrency ?? 4);
  }

  /** Builds the absolute URL for a request; exposed so tests and logs see exactly what is sent. */
  url(path: string, query: Record<string, QueryValue> = {}): URL {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        for (const item of value) url.searchParams.append(name, String(item));
      } else {
        url.searchParams.append(name, String(value));
      }
    }
    return url;
  }

  /** Masks secrets in any text that could reach a user or a log. */
  redact(text: string): string {
    return redactText(text, this.#secrets);
  }

  error(kind: ServiceError["kind"], message: string, status?: number): ServiceError {
    return serviceError(this.service, kind, this.redact(message), status);
  }

  /** Sends a request and reads the (size-capped) body. Only transport problems are errors here. */
  send(request: HttpRequest): Promise<ServiceResult<RawResponse>> {
    return this.#limit.run(() => this.#sendWithRetries(request));
  }

  async #sendWithRetries(request: HttpRequest): Promise<ServiceResult<RawResponse>> {
    const method = request.method ?? "GET";
    const attempts = method === "GET" ? this.#retries + 1 : 1;
    let last: ServiceResult<RawResponse> | undefined;
    for (let attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) await this.#sleep(this.#backoffMs * 2 ** (attempt - 1));
      last = await this.#sendOnce(request);
      const retryable = last.ok
        ? RETRYABLE_STATUS.has(last.value.status)
        : last.error.kind === "unreachable" || last.error.kind === "timeout";
      if (!retryable) return last;
    }
    return last!;
  }

  async #sendOnce(request: HttpRequest): Promise<ServiceResult<RawResponse>> {
    const method = request.method ?? "GET";
    const url = this.url(request.path, request.query);
    const shownUrl = redactText(url.toString());
    const headers = new Headers({ ...this.#headers, ...(request.headers ?? {}) });
    let body: string | undefined;
    if (request.json !== undefined) {
      body = JSON.stringify(request.json);
      headers.set("content-type", "application/json");
    } else if (request.form !== undefined) {
      body = new URLSearchParams(request.form).toString();
      headers.set("content-type", "application/x-www-form-urlencoded");
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), this.#timeoutMs);
    try {
      const response = await this.#fetch(url, {
        method,
        headers,
        body: body ?? null,
        signal: controller.signal,
      });
      const text = await readCappedBody(response, this.#maxBodyBytes);
      this.#log?.(this.redact(`${this.service}: ${method} ${shownUrl} -> ${response.status}`));
      return ok({ status: response.status, headers: response.headers, text });
    } catch (cause) {
      const what = `${method} ${shownUrl}`;
      this.#log?.(this.redact(`${this.service}: ${what} failed: ${describe(cause)}`));
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutSignal) {
        return err(this.error("timeout", `Request timed out after ${this.#timeoutMs} ms: ${what}`));
      }
      if (cause instanceof BodyTooLargeError) {
        return err(this.error("decode", `Cannot read response of ${what}: ${cause.message}`));
      }
      return err(this.error("unreachable", `Cannot connect to ${this.service}: ${what}: ${describe(cause)}`));
    } finally {
      clearTimeout(timer);
    }
  }

  /** Turns a non-2xx response into an error: 401/403 are `auth`, everything else `http`. */
  statusError(request: HttpRequest, response: RawResponse): ServiceError {
    const method = request.method ?? "GET";
    const shownUrl = redactText(this.url(request.path, request.query).toString());
    const snippet = response.text.trim().slice(0, 200);
    const detail = snippet ? `: ${snippet}` : "";
    const kind = response.status === 401 || response.status === 403 ? "auth" : "http";
    const lead = kind === "auth" ? `${this.service} rejected the credentials` : `${this.service} answered`;
    return this.error(
      kind,
      `${lead} (HTTP ${response.status}) for ${method} ${shownUrl}${detail}`,
      response.status,
    );
  }

  /** Sends a request expecting a 2xx JSON body and validates it with `schema`. */
  async json<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<ServiceResult<z.output<S>>> {
    const sent = await this.send(request);
    if (!sent.ok) return sent;
    const response = sent.value;
    if (response.status < 200 || response.status > 299) return err(this.statusError(request, response));
    return this.decode(request, response.text, schema);
  }

  /** Sends a request expecting any 2xx answer and ignores the body. */
  async empty(request: HttpRequest): Promise<ServiceResult<void>> {
    const sent = await this.send(request);
    if (!sent.ok) return sent;
    if (sent.value.status < 200 || sent.value.status > 299) return err(this.statusError(request, sent.value));
    return ok(undefined);
  }

  /** Parses JSON text and validates it; failures are `decode` errors naming the first bad field. */
  decode<S extends z.ZodType>(request: HttpRequest, text: string, schema: S): ServiceResult<z.output<S>> {
    const shownUrl = redactText(this.url(request.path, request.query).toString());
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return err(this.error("decode", `Cannot parse response of ${shownUrl}: body is not JSON`));
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join(".") : "(root)";
      return err(
        this.error(
          "decode",
          `Cannot parse response of ${shownUrl}: field "${where}": ${issue?.message ?? "invalid"}`,
        ),
      );
    }
    return ok(parsed.data);
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message || cause.name;
  return String(cause);
}
