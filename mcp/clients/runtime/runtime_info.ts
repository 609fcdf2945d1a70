/**
 * `info()` without waiting on `/info` at every call: version and API version come from `/_ping`'s headers
 * (ping.ts) and are reused for `VERSION_TTL_MS`; rootless mode, which only `/info` tells, is read once and
 * kept (a socket's service does not change user). A failed `/info` leaves rootless unknown (null) and is tried
 * again after `ROOTLESS_RETRY_MS`, so a host where `/info` is slow makes no poll wait on it repeatedly.
 * Concurrent callers share one request. The clock is injected.
 */
import { err, ok } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { Clock } from "../../core/clock.ts";
import type { RuntimeError, RuntimeInfo, RuntimeKind, RuntimeResult } from "./client.ts";
import { ping, type PingFacts, type PingFailure } from "./ping.ts";

/** How long version facts from /_ping are reused. */
export const VERSION_TTL_MS = 30_000;
/** How long after a failed /info rootless mode is asked again. */
export const ROOTLESS_RETRY_MS = 10 * 60_000;

/** Rootless mode from a libpod `/info` or Docker `/info` body; null when the body does not say. Pure. */
export function rootlessFromInfo(kind: RuntimeKind, body: unknown): boolean | null {
  if (typeof body !== "object" || body === null) return null;
  if (kind === "podman") {
    const rootless = (body as { host?: { security?: { rootless?: unknown } } }).host?.security?.rootless;
    return typeof rootless === "boolean" ? rootless : null;
  }
  const options = (body as { SecurityOptions?: unknown }).SecurityOptions;
  if (!Array.isArray(options)) return null;
  return options.some((s) => typeof s === "string" && s.includes("rootless"));
}

export function pingError(failure: PingFailure): RuntimeError {
  const message = `Cannot read the runtime version: ${failure.message}`;
  return failure.status === undefined
    ? { kind: failure.kind, message }
    : { kind: failure.kind, status: failure.status, message };
}

export interface InfoReaderDeps {
  kind: RuntimeKind;
  fetch: FetchLike;
  clock: Clock;
  /** GETs the runtime's `/info` as JSON (the HTTP runtime's own request, with its timeout). */
  readInfo: () => Promise<RuntimeResult<unknown>>;
  /** Per /_ping attempt. @default PING_TIMEOUT_MS */
  pingTimeoutMs?: number;
}

/** Returns a function with the semantics of `RuntimeClient.info`. */
export function createInfoReader(deps: InfoReaderDeps): () => Promise<RuntimeResult<RuntimeInfo>> {
  let facts: { at: number; value: PingFacts } | undefined;
  let factsPending: Promise<RuntimeResult<PingFacts>> | undefined;
  let rootless: { at: number; value: boolean | null } | undefined;
  let rootlessPending: Promise<boolean | null> | undefined;

  function versions(): Promise<RuntimeResult<PingFacts>> {
    const now = deps.clock.now();
    if (facts !== undefined && now >= facts.at && now - facts.at < VERSION_TTL_MS) {
      return Promise.resolve(ok(facts.value));
    }
    factsPending ??= ping(
      deps.fetch,
      deps.pingTimeoutMs === undefined ? {} : { timeoutMs: deps.pingTimeoutMs },
    )
      .then((answer): RuntimeResult<PingFacts> => {
        if (!answer.ok) return err(pingError(answer.error));
        facts = { at: deps.clock.now(), value: answer.value };
        return ok(answer.value);
      })
      .finally(() => {
        factsPending = undefined;
      });
    return factsPending;
  }

  function rootlessMode(): Promise<boolean | null> {
    const now = deps.clock.now();
    if (rootless !== undefined) {
      if (rootless.value !== null) return Promise.resolve(rootless.value);
      if (now >= rootless.at && now - rootless.at < ROOTLESS_RETRY_MS) return Promise.resolve(null);
    }
    rootlessPending ??= deps.readInfo()
      .then((body) => {
        const value = body.ok ? rootlessFromInfo(deps.kind, body.value) : null;
        rootless = { at: deps.clock.now(), value };
        return value;
      })
      .finally(() => {
        rootlessPending = undefined;
      });
    return rootlessPending;
  }

  return async () => {
    const v = await versions();
    if (!v.ok) return v;
    const info: RuntimeInfo = {
      kind: deps.kind,
      version: v.value.version,
      apiVersion: v.value.apiVersion,
      rootless: await rootlessMode(),
    };
    return ok(info);
  };
}
