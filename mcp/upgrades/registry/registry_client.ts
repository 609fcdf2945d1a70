/**
 * Docker Registry HTTP API v2 / OCI distribution client through an injected fetch: tags/list (paged with
 * `Link`), a tag's digest from a manifest HEAD (no pull), anonymous Bearer tokens from the WWW-Authenticate
 * challenge, answers cached for `ttlMs`, and a back-off per registry after a 429. Never throws.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { Clock } from "../../core/clock.ts";
import { sha256Hex } from "../../../shared/encoding.ts";
import { type ImageRef, registryEndpoint } from "../image_ref.ts";
import { nextLink, parseBearerChallenge, retryAfterSeconds } from "./challenge.ts";

export interface RegistryError {
  kind: "unreachable" | "timeout" | "auth" | "http" | "decode";
  status?: number;
  message: string;
}

export interface RegistryClient {
  /** Every tag of the repository (all pages). */
  tags(ref: ImageRef): Promise<Result<string[], RegistryError>>;
  /** The digest `tag` points to now (an index digest for multi-arch images). */
  digest(ref: ImageRef, tag: string): Promise<Result<string, RegistryError>>;
  /** Forgets cached answers (not tokens, not back-offs). */
  clear(): void;
}

export interface RegistryClientOptions {
  fetch: FetchLike;
  clock: Clock;
  /** Registries spoken to over plain HTTP (`ARR_REGISTRY_INSECURE`). */
  insecure?: readonly string[];
  /** @default 3_600_000 (one hour) */
  ttlMs?: number;
  /** @default 15_000 */
  timeoutMs?: number;
}

/** What a manifest HEAD accepts: multi-arch indexes first, so the digest is the one `podman pull` records. */
export const MANIFEST_ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

const MAX_PAGES = 50;
const DEFAULT_BACKOFF_S = 60;
const MAX_BACKOFF_S = 3600;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const ttlMs = options.ttlMs ?? 3_600_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const insecure = options.insecure ?? [];
  const cache = new Map<string, { until: number; value: unknown }>();
  const tokens = new Map<string, string>();
  const backoff = new Map<string, { until: number; seconds: number }>();

  function cached<T>(key: string): T | undefined {
    const hit = cache.get(key);
    if (hit === undefined || hit.until <= options.clock.now()) return undefined;
    return hit.value as T;
  }

  async function send(
    base: string,
    repository: string,
    url: string,
    init: { method: string; accept: string },
  ): Promise<Result<Response, RegistryError>> {
    const blocked = backoff.get(base);
    if (blocked !== undefined && blocked.until > options.clock.now()) {
      return err({
        kind: "http",
        status: 429,
        message: `Registry ${base} asked to slow down: next try after ${
          new Date(blocked.until).toISOString()
        }`,
      });
    }
    const scope = `repository:${repository}:pull`;
    const tokenKey = `${base} ${scope}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const headers: Record<string, string> = { accept: init.accept };
      const token = tokens.get(tokenKey);
      if (token !== undefined) headers.authorization = `Bearer ${token}`;
      const res = await call(url, { method: init.method, headers });
      if (!res.ok) return res;
      const r = res.value;
      if (r.status === 429) {
        await r.body?.cancel();
        const seconds = retryAfterSeconds(r.headers.get("retry-after"), options.clock.now()) ??
          Math.min(MAX_BACKOFF_S, (blocked?.seconds ?? DEFAULT_BACKOFF_S / 2) * 2);
        backoff.set(base, { until: options.clock.now() + seconds * 1000, seconds });
        return err({
          kind: "http",
          status: 429,
          message: `Registry ${base} answered 429: backing off ${seconds} s`,
        });
      }
      backoff.delete(base);
      if (r.status !== 401 || attempt > 0) return ok(r);
      const challenge = parseBearerChallenge(r.headers.get("www-authenticate"));
      await r.body?.cancel();
      if (challenge === null) {
        return err({
          kind: "auth",
          status: 401,
          message: `Registry ${base} wants credentials for ${repository}`,
        });
      }
      const fetched = await fetchToken(challenge.realm, challenge.service, challenge.scope ?? scope);
      if (!fetched.ok) return fetched;
      tokens.set(tokenKey, fetched.value);
    }
    return err({
      kind: "auth",
      status: 401,
      message: `Registry ${base} refused the token for ${repository}`,
    });
  }

  async function fetchToken(
    realm: string,
    service: string | null,
    scope: string,
  ): Promise<Result<string, RegistryError>> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      return err({ kind: "auth", message: `Cannot get a registry token: bad realm "${realm}"` });
    }
    // The realm comes from the registry's answer: never let it point the fetch at a file or another scheme.
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      return err({ kind: "auth", message: `Cannot get a registry token: realm "${realm}" is not http(s)` });
    }
    if (service !== null) url.searchParams.set("service", service);
    url.searchParams.set("scope", scope);
    const res = await call(url.toString(), { method: "GET", headers: { accept: "application/json" } });
    if (!res.ok) return res;
    if (res.value.status !== 200) {
      await res.value.body?.cancel();
      return err({
        kind: "auth",
        status: res.value.status,
        message: `Token endpoint ${url.origin} answered ${res.value.status}`,
      });
    }
    const body = await readJson(res.value);
    const o = body.ok ? body.value as { token?: unknown; access_token?: unknown } : {};
    const token = typeof o.token === "string"
      ? o.token
      : typeof o.access_token === "string"
      ? o.access_token
      : "";
    return token === ""
      ? err({ kind: "decode", message: `Token endpoint ${url.origin} returned no token` })
      : ok(token);
  }

  async function call(
    url: string,
    init: { method: string; headers: Record<string, string> },
  ): Promise<Result<Response, RegistryError>> {
    try {
      return ok(
        await options.fetch(url, { ...init, redirect: "follow", signal: AbortSignal.timeout(timeoutMs) }),
      );
    } catch (e) {
      const name = (e as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        return err({ kind: "timeout", message: `Registry ${new URL(url).origin} did not answer in time` });
      }
      return err({
        kind: "unreachable",
        message: `Registry ${new URL(url).origin} is unreachable: ${(e as Error).message}`,
      });
    }
  }

  return {
    async tags(ref) {
      const base = registryEndpoint(ref.registry, insecure);
      const key = `tags ${base}/${ref.repository}`;
      const hit = cached<string[]>(key);
      if (hit !== undefined) return ok(hit);
      const all: string[] = [];
      let url: string | null = `${base}/v2/${ref.repository}/tags/list?n=1000`;
      for (let page = 0; url !== null && page < MAX_PAGES; page++) {
        const res = await send(base, ref.repository, url, { method: "GET", accept: "application/json" });
        if (!res.ok) return res;
        if (res.value.status !== 200) {
          return err(await httpError(res.value, `list tags of ${ref.repository}`));
        }
        const body = await readJson(res.value);
        if (!body.ok) return body;
        const tags = (body.value as { tags?: unknown }).tags;
        if (tags !== null && tags !== undefined && !Array.isArray(tags)) {
          return err({ kind: "decode", message: `Registry ${base} sent a tags list without "tags"` });
        }
        for (const t of tags ?? []) if (typeof t === "string") all.push(t);
        url = nextLink(res.value.headers.get("link"), url);
      }
      cache.set(key, { until: options.clock.now() + ttlMs, value: all });
      return ok(all);
    },

    async digest(ref, tag) {
      const base = registryEndpoint(ref.registry, insecure);
      const key = `digest ${base}/${ref.repository}:${tag}`;
      const hit = cached<string>(key);
      if (hit !== undefined) return ok(hit);
      const url = `${base}/v2/${ref.repository}/manifests/${encodeURIComponent(tag)}`;
      let res = await send(base, ref.repository, url, { method: "HEAD", accept: MANIFEST_ACCEPT });
      if (!res.ok) return res;
      let digest = res.value.headers.get("docker-content-digest");
      await res.value.body?.cancel();
      if (res.value.status !== 200) {
        return err(await httpError(res.value, `read the manifest of ${ref.repository}:${tag}`));
      }
      if (digest === null || !DIGEST.test(digest)) {
        // Some registries omit the header on HEAD: hash the manifest as sent.
        res = await send(base, ref.repository, url, { method: "GET", accept: MANIFEST_ACCEPT });
        if (!res.ok) return res;
        if (res.value.status !== 200) {
          return err(await httpError(res.value, `read the manifest of ${ref.repository}:${tag}`));
        }
        const bytes = new Uint8Array(await res.value.arrayBuffer());
        digest = `sha256:${sha256Hex(bytes)}`;
      }
      cache.set(key, { until: options.clock.now() + ttlMs, value: digest });
      return ok(digest);
    },

    clear() {
      cache.clear();
    },
  };
}

async function readJson(res: Response): Promise<Result<unknown, RegistryError>> {
  try {
    return ok(JSON.parse(await res.text()));
  } catch (e) {
    return err({ kind: "decode", message: `Cannot decode the registry's answer: ${(e as Error).message}` });
  }
}

async function httpError(res: Response, what: string): Promise<RegistryError> {
  await res.body?.cancel().catch(() => {});
  const kind = res.status === 401 || res.status === 403 ? "auth" : "http";
  return { kind, status: res.status, message: `Cannot ${what}: the registry answered ${res.status}` };
}
