import type { z } from "zod";
import { err, ok } from "../../../shared/result.ts";
import {
  type BaseClientOptions,
  BaseServiceClient,
  type HttpRequest,
  type RawResponse,
} from "./base_client.ts";
import {
  mainDataSchema,
  type QbitMainData,
  type QbitTorrentRaw,
  type QbitTransferInfo,
  torrentsSchema,
  transferInfoSchema,
} from "./qbittorrent_schemas.ts";
import { classifyTorrentState, normalizeTorrentState, type TorrentClass } from "./qbittorrent_state.ts";
import type { ServiceResult } from "./service_error.ts";

/** Username/password (cookie session, every version) or an API key (Bearer, qBittorrent 5.2+). */
export type QbitAuth = { username: string; password: string } | { apiKey: string };

export type QBittorrentClientOptions = Omit<BaseClientOptions, "service" | "headers"> & { auth: QbitAuth };

export interface QbitVersion {
  /** WebAPI version text, e.g. "2.11.4". */
  webapi: string;
  /** 5.x API: torrents/stop|start instead of pause|resume. */
  stopStart: boolean;
}

export interface QbitTorrent extends QbitTorrentRaw {
  /** State with 4.x names mapped to 5.x ones (pausedDL → stoppedDL). */
  state: string;
  /** State as the server sent it. */
  rawState: string;
  stateClass: TorrentClass;
}

/** WebAPI 2.11.0 shipped with qBittorrent 5.0, which renamed pause/resume to stop/start. */
const STOP_START_SINCE = [2, 11, 0] as const;

/**
 * qBittorrent WebUI API v2 client. Detects the WebAPI version first, logs in with a cookie session (≤5.1 answers
 * 200 "Ok."/"Fails.", ≥5.2 answers 204/401 and names the cookie QBT_SID_<port>) or sends a Bearer API key
 * (≥5.2), and logs in again once when a call answers 403 (expired session).
 */
export class QBittorrentClient {
  readonly http: BaseServiceClient;
  readonly #auth: QbitAuth;
  #cookie: string | undefined;
  #version: QbitVersion | undefined;
  /** A login in progress; concurrent calls that hit 403 share it instead of each logging in. */
  #loggingIn: Promise<ServiceResult<void>> | undefined;

  constructor(options: QBittorrentClientOptions) {
    const { auth, ...rest } = options;
    this.#auth = auth;
    const secrets = "apiKey" in auth ? [auth.apiKey] : [auth.password];
    this.http = new BaseServiceClient({
      ...rest,
      service: "qbittorrent",
      headers: "apiKey" in auth ? { Authorization: `Bearer ${auth.apiKey}` } : {},
      secrets: [...secrets, ...(options.secrets ?? [])],
    });
  }

  get service(): string {
    return "qbittorrent";
  }

  /** Version info, detected on first use (logging in first when the server demands it). */
  async version(): Promise<ServiceResult<QbitVersion>> {
    if (this.#version) return ok(this.#version);
    const sent = await this.#authed({ method: "GET", path: "/api/v2/app/webapiVersion" });
    if (!sent.ok) return sent;
    const webapi = sent.value.text.trim();
    const parts = webapi.split(".").map(Number);
    if (parts.length < 2 || parts.some((part) => !Number.isInteger(part))) {
      return err(
        this.http.error("decode", `Cannot parse qBittorrent WebAPI version "${webapi.slice(0, 40)}"`),
      );
    }
    this.#version = { webapi, stopStart: compareVersion(parts, STOP_START_SINCE) >= 0 };
    return ok(this.#version);
  }

  /** Application version text such as "v5.1.2". */
  async appVersion(): Promise<ServiceResult<string>> {
    const sent = await this.#authed({ method: "GET", path: "/api/v2/app/version" });
    return sent.ok ? ok(sent.value.text.trim()) : sent;
  }

  /** Cookie login. Success is any 2xx that is not "Fails."; the cookie is kept whatever its name. */
  async login(): Promise<ServiceResult<void>> {
    if ("apiKey" in this.#auth) return ok(undefined);
    const request: HttpRequest = {
      method: "POST",
      path: "/api/v2/auth/login",
      form: { username: this.#auth.username, password: this.#auth.password },
    };
    const sent = await this.http.send(request);
    if (!sent.ok) return sent;
    const { status, text, headers } = sent.value;
    if (status === 403) {
      return err(
        this.http.error("auth", "qBittorrent refused the login: this IP is banned after failed logins", 403),
      );
    }
    if (status === 401 || text.trim() === "Fails.") {
      return err(this.http.error("auth", "qBittorrent rejected the username or password", status));
    }
    if (status < 200 || status > 299) return err(this.http.statusError(request, sent.value));
    const cookie = headers.getSetCookie().map((line) => line.split(";")[0]?.trim() ?? "").find((pair) =>
      pair.includes("=")
    );
    if (cookie) this.#cookie = cookie;
    return ok(undefined);
  }

  async torrents(options: { filter?: string; category?: string; hashes?: readonly string[] } = {}): Promise<
    ServiceResult<QbitTorrent[]>
  > {
    const result = await this.#json({
      method: "GET",
      path: "/api/v2/torrents/info",
      query: {
        filter: options.filter,
        category: options.category,
        hashes: options.hashes ? options.hashes.join("|") : undefined,
      },
    }, torrentsSchema);
    if (!result.ok) return result;
    return ok(result.value.map((torrent) => ({
      ...torrent,
      rawState: torrent.state,
      state: normalizeTorrentState(torrent.state),
      stateClass: classifyTorrentState(torrent.state),
    })));
  }

  transferInfo(): Promise<ServiceResult<QbitTransferInfo>> {
    return this.#json({ method: "GET", path: "/api/v2/transfer/info" }, transferInfoSchema);
  }

  /** Incremental state; pass the previous `rid` to get only changes. */
  mainData(rid = 0): Promise<ServiceResult<QbitMainData>> {
    return this.#json({ method: "GET", path: "/api/v2/sync/maindata", query: { rid } }, mainDataSchema);
  }

  /** Stops torrents (pause on 4.x). */
  stop(hashes: readonly string[]): Promise<ServiceResult<void>> {
    return this.#action(["stop", "pause"], { hashes: hashList(hashes) });
  }

  /** Starts torrents (resume on 4.x). */
  start(hashes: readonly string[]): Promise<ServiceResult<void>> {
    return this.#action(["start", "resume"], { hashes: hashList(hashes) });
  }

  /** Removes torrents, optionally with their data. Destructive: callers must confirm first. */
  delete(hashes: readonly string[], options: { deleteFiles?: boolean } = {}): Promise<ServiceResult<void>> {
    return this.#action(["delete", "delete"], {
      hashes: hashList(hashes),
      deleteFiles: options.deleteFiles ? "true" : "false",
    });
  }

  async #action(names: [v5: string, v4: string], form: Record<string, string>): Promise<ServiceResult<void>> {
    const version = await this.version();
    if (!version.ok) return version;
    const action = version.value.stopStart ? names[0] : names[1];
    const request: HttpRequest = { method: "POST", path: `/api/v2/torrents/${action}`, form };
    const sent = await this.#authed(request);
    return sent.ok ? ok(undefined) : sent;
  }

  async #json<S extends z.ZodType>(request: HttpRequest, schema: S): Promise<ServiceResult<z.output<S>>> {
    const version = await this.version();
    if (!version.ok) return version;
    const sent = await this.#authed(request);
    if (!sent.ok) return sent;
    return this.http.decode(request, sent.value.text, schema);
  }

  /** Sends with the session cookie; on 403 logs in (again) once and retries. Non-2xx answers become errors. */
  async #authed(request: HttpRequest): Promise<ServiceResult<RawResponse>> {
    const cookieSent = this.#cookie;
    let sent = await this.http.send(this.#withCookie(request));
    if (sent.ok && sent.value.status === 403 && !("apiKey" in this.#auth)) {
      const login = await this.#sharedLogin(cookieSent);
      if (!login.ok) return login;
      sent = await this.http.send(this.#withCookie(request));
    }
    if (!sent.ok) return sent;
    if (sent.value.status < 200 || sent.value.status > 299) {
      if (sent.value.status === 403 && "apiKey" in this.#auth) {
        return err(this.http.error(
          "auth",
          "qBittorrent rejected the API key (HTTP 403); API keys need qBittorrent 5.2 or newer",
          403,
        ));
      }
      return err(this.http.statusError(request, sent.value));
    }
    return sent;
  }

  /** Logs in unless another call already replaced the cookie that was just refused. */
  #sharedLogin(refusedCookie: string | undefined): Promise<ServiceResult<void>> {
    if (this.#cookie !== refusedCookie) return Promise.resolve(ok(undefined));
    this.#loggingIn ??= this.login().finally(() => {
      this.#loggingIn = undefined;
    });
    return this.#loggingIn;
  }

  #withCookie(request: HttpRequest): HttpRequest {
    return this.#cookie
      ? { ...request, headers: { ...(request.headers ?? {}), Cookie: this.#cookie } }
      : request;
  }
}

function hashList(hashes: readonly string[]): string {
  return hashes.length === 0 ? "" : hashes.join("|");
}

function compareVersion(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
