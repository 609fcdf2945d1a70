/**
 * Release notes from GitHub for the repository an image's `org.opencontainers.image.source` label names:
 * `GET /repos/{owner}/{repo}/releases/tags/{tag}` (then `v{tag}`), through an injected fetch, anonymous or with
 * a token. Answers are cached; after a rate-limit answer (403/429 with `x-ratelimit-remaining: 0`) it waits until
 * `x-ratelimit-reset`. Notes are optional: every failure is simply "no notes" (null). Never throws.
 */
import type { FetchLike } from "../../shared/fetch_like.ts";
import type { Clock } from "../core/clock.ts";
import type { NotesReader } from "./check.ts";

export interface GithubNotesOptions {
  fetch: FetchLike;
  clock: Clock;
  /** ARR_GITHUB_API_URL. @default "https://api.github.com" */
  apiUrl?: string;
  /** GITHUB_TOKEN; never logged or returned. */
  token?: string;
  /** @default 21_600_000 (six hours: release notes rarely change) */
  ttlMs?: number;
}

/** The largest release body kept (GitHub allows 125,000 characters). */
export const MAX_NOTES_CHARS = 20_000;
const DEFAULT_BACKOFF_MS = 3_600_000;

/** `owner/repo` of a github.com source URL (`https://github.com/o/r`, `…/o/r.git`, `…/o/r/tree/main`), or null. */
export function githubRepoOf(source: string): string | null {
  const m = /^(?:https?:\/\/|git@)(?:www\.)?github\.com[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$/i
    .exec(source.trim());
  return m === null ? null : `${m[1]}/${m[2]}`;
}

export function createGithubNotes(options: GithubNotesOptions): NotesReader {
  const api = (options.apiUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const ttlMs = options.ttlMs ?? 21_600_000;
  const cache = new Map<string, { until: number; value: { url: string; body: string } | null }>();
  let blockedUntil = 0;

  async function release(repo: string, tag: string): Promise<{ url: string; body: string } | null | "retry"> {
    const headers: Record<string, string> = {
      accept: "application/vnd.github+json",
      "x-github-api-version": "2022-11-28",
    };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    try {
      res = await options.fetch(`${api}/repos/${repo}/releases/tags/${encodeURIComponent(tag)}`, {
        headers,
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      return "retry";
    }
    if ((res.status === 403 || res.status === 429) && res.headers.get("x-ratelimit-remaining") === "0") {
      await res.body?.cancel();
      const reset = Number(res.headers.get("x-ratelimit-reset"));
      blockedUntil = Number.isFinite(reset) && reset > 0
        ? reset * 1000
        : options.clock.now() + DEFAULT_BACKOFF_MS;
      return "retry";
    }
    if (res.status !== 200) {
      await res.body?.cancel();
      return res.status === 404 ? null : "retry";
    }
    try {
      const o = await res.json() as { html_url?: unknown; body?: unknown };
      const body = typeof o.body === "string" ? o.body.slice(0, MAX_NOTES_CHARS) : "";
      return { url: typeof o.html_url === "string" ? o.html_url : "", body };
    } catch {
      return "retry";
    }
  }

  return async (source, tag) => {
    const repo = githubRepoOf(source);
    if (repo === null || options.clock.now() < blockedUntil) return null;
    const key = `${repo}@${tag}`;
    const hit = cache.get(key);
    if (hit !== undefined && hit.until > options.clock.now()) return hit.value;
    let found: { url: string; body: string } | null | "retry" = null;
    for (const name of tag.startsWith("v") ? [tag] : [tag, `v${tag}`]) {
      found = await release(repo, name);
      if (found !== null) break;
    }
    if (found === "retry") return null; // not cached: ask again next time
    cache.set(key, { until: options.clock.now() + ttlMs, value: found });
    return found;
  };
}
