/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document): a client whose `client_id` is
 * an https URL publishes its metadata there. Checks are pure (`checkClientIdUrl`, `checkClientMetadata`); the
 * fetch is injected, never follows redirects, and is bounded in size and time. Good documents are cached.
 */
import { readCappedBytes } from "../../shared/capped_body.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import type { FetchLike } from "../../shared/fetch_like.ts";
import type { Clock } from "../core/clock.ts";
import { MAX_REDIRECT_URI_LENGTH } from "./redirect_uri.ts";

export interface ClientMetadata {
  clientId: string;
  name: string;
  redirectUris: string[];
}

/** @default 5 KiB, as the draft recommends. */
export const CIMD_MAX_BYTES = 5 * 1024;
export const CIMD_TIMEOUT_MS = 5_000;
export const CIMD_CACHE_TTL_MS = 10 * 60 * 1000;
/** A refused document is remembered this long, so repeated requests do not make arr-mcp fetch it again. */
export const CIMD_REFUSAL_TTL_MS = 60 * 1000;
const CIMD_CACHE_ENTRIES = 64;
export const MAX_CLIENT_NAME = 200;
export const MAX_REDIRECT_URIS = 20;

/**
 * A client_id that is a URL: https, a path, no fragment or credentials, and a public DNS name (no IP literal,
 * no `localhost`, no single label), so an anonymous authorization request cannot make arr-mcp fetch from the
 * LAN. `insecureHosts` (`host:port`, tests only) may use http and any host.
 */
export function checkClientIdUrl(
  clientId: string,
  insecureHosts: readonly string[] = [],
): Result<URL, string> {
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    return err("client_id is not a URL");
  }
  if (url.hash !== "" || url.username !== "" || url.password !== "" || url.pathname === "/") {
    return err("client_id URL must have a path and no fragment or credentials");
  }
  if (insecureHosts.includes(url.host) && (url.protocol === "http:" || url.protocol === "https:")) {
    return ok(url);
  }
  if (url.protocol !== "https:") return err("client_id URL must use https");
  const host = url.hostname;
  const ipLiteral = host.startsWith("[") || /^[\d.]+$/.test(host);
  if (ipLiteral || !host.includes(".") || /(^|\.)(localhost|local|internal|lan|home\.arpa)$/.test(host)) {
    return err(`client_id host "${host}" is not a public name`);
  }
  return ok(url);
}

/** The document must name itself (`client_id` equal to the URL) and list its redirect URIs. */
export function checkClientMetadata(doc: unknown, clientId: string): Result<ClientMetadata, string> {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    return err("document is not a JSON object");
  }
  const d = doc as Record<string, unknown>;
  if (d.client_id !== clientId) return err("client_id in the document does not equal its URL");
  const uris = d.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > MAX_REDIRECT_URIS) {
    return err(`redirect_uris must list 1 to ${MAX_REDIRECT_URIS} URIs`);
  }
  if (!uris.every((u) => typeof u === "string" && u.length <= MAX_REDIRECT_URI_LENGTH)) {
    return err("redirect_uris must be strings");
  }
  const method = d.token_endpoint_auth_method;
  if (method !== undefined && method !== "none") {
    return err(`token_endpoint_auth_method "${String(method).slice(0, 40)}" is not supported (only none)`);
  }
  const name = typeof d.client_name === "string" && d.client_name.trim() !== ""
    ? d.client_name.trim().slice(0, MAX_CLIENT_NAME)
    : new URL(clientId).host;
  return ok({ clientId, name, redirectUris: uris as string[] });
}

export interface ClientMetadataFetcherOptions {
  fetch: FetchLike;
  clock: Clock;
  /** @default CIMD_MAX_BYTES */
  maxBytes?: number;
  /** @default CIMD_TIMEOUT_MS */
  timeoutMs?: number;
  /** @default CIMD_CACHE_TTL_MS */
  cacheTtlMs?: number;
  /** `host:port` allowed over http and without the public-name check. Tests only. @default [] */
  insecureHosts?: readonly string[];
}

export type ClientMetadataFetcher = (clientId: string) => Promise<Result<ClientMetadata, string>>;

export function clientMetadataFetcher(options: ClientMetadataFetcherOptions): ClientMetadataFetcher {
  const maxBytes = options.maxBytes ?? CIMD_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? CIMD_TIMEOUT_MS;
  const ttl = options.cacheTtlMs ?? CIMD_CACHE_TTL_MS;
  const cache = new Map<string, { doc: Result<ClientMetadata, string>; at: number }>();
  const remember = (clientId: string, doc: Result<ClientMetadata, string>) => {
    cache.delete(clientId);
    cache.set(clientId, { doc, at: options.clock.now() });
    if (cache.size > CIMD_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    return doc;
  };

  async function download(url: URL): Promise<Result<unknown, string>> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      const res = await options.fetch(url, {
        headers: { accept: "application/json" },
        redirect: "manual",
        signal: abort.signal,
      });
      if (res.status !== 200) {
        await res.body?.cancel().catch(() => {});
        return err(`fetching the client metadata document answered HTTP ${res.status}`);
      }
      const bytes = await readCappedBytes(res.body, res.headers.get("content-length"), maxBytes);
      return ok(JSON.parse(new TextDecoder().decode(bytes)));
    } catch (e) {
      if (abort.signal.aborted) return err(`the client metadata document took longer than ${timeoutMs} ms`);
      const name = e instanceof Error ? e.name : "";
      if (name === "BodyTooLargeError") return err(`the client metadata document exceeds ${maxBytes} bytes`);
      if (name === "SyntaxError") return err("the client metadata document is not JSON");
      return err("the client metadata document could not be fetched");
    } finally {
      clearTimeout(timer);
    }
  }

  return async (clientId) => {
    const cached = cache.get(clientId);
    const age = cached ? options.clock.now() - cached.at : Infinity;
    if (cached && age < (cached.doc.ok ? ttl : CIMD_REFUSAL_TTL_MS)) return cached.doc;
    const url = checkClientIdUrl(clientId, options.insecureHosts);
    if (!url.ok) return url;
    const body = await download(url.value);
    return remember(clientId, body.ok ? checkClientMetadata(body.value, clientId) : body);
  };
}
