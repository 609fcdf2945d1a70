/**
 * The `info` answer, kept for a while. Collecting it starts `podman-compose version` (which starts podman) and
 * `quadlet -version`; arr-mcp asks on every `/api/status`, and the dashboard polls that every 10 s. Versions
 * change only when packages are upgraded, so the answer is reused for `ttlMs` (the clock is injected), and
 * callers that arrive while it is being collected share that one collection.
 *
 * Why not "refresh when a binary's mtime changes": the helper's sandbox grants no read access outside its own
 * folders, so it cannot stat /usr/bin/podman-compose or the generator (`--allow-run` does not include read),
 * and widening the sandbox for this is not worth it. An upgrade shows up within `ttlMs`.
 */
import type { HelperInfo } from "../shared/helper_protocol.ts";

/** How long one collected answer is reused. */
export const INFO_TTL_MS = 10 * 60 * 1000;

export interface InfoCacheOptions {
  /** Milliseconds; the helper passes its wall clock. */
  now: () => number;
  /** @default INFO_TTL_MS */
  ttlMs?: number;
}

export function createInfoCache(
  collect: () => Promise<HelperInfo>,
  options: InfoCacheOptions,
): () => Promise<HelperInfo> {
  const ttlMs = options.ttlMs ?? INFO_TTL_MS;
  let cached: { at: number; info: HelperInfo } | undefined;
  let pending: Promise<HelperInfo> | undefined;
  return () => {
    const now = options.now();
    if (cached && now - cached.at < ttlMs && now >= cached.at) return Promise.resolve(cached.info);
    pending ??= collect().then((info) => {
      cached = { at: options.now(), info };
      return info;
    }).finally(() => {
      pending = undefined;
    });
    return pending;
  };
}
