/**
 * Where the stats sampler gets CPU and memory for all running containers at once. Podman: one
 * `GET /libpod/containers/stats?stream=false` (without `containers=` it answers every container; measured on
 * 4.3.1, tests/fixtures/podman_4.3.1/stats.json, ones not running come back all zero with `SystemNano: 0`
 * and are left out). Docker has no such call (libpod's path answers 404): one `stats` per running container.
 * Never throws.
 */
import { err, ok } from "../../../../shared/result.ts";
import type { ContainerStats, RuntimeClient, RuntimeKind, RuntimeResult } from "../client.ts";
import { LIBPOD_BASE } from "../http_runtime.ts";
import { podmanStats } from "../normalize.ts";
import { mapLimit } from "./map_limit.ts";

export interface StatsEntry extends ContainerStats {
  id: string;
}

export type StatsSource = () => Promise<RuntimeResult<StatsEntry[]>>;

type Json = Record<string, unknown>;
const asObj = (
  v: unknown,
): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? v as Json : {});

const WHAT = "read container stats";

/** The body of libpod's all-container stats call, running containers only. Pure. */
export function parseLibpodStats(body: unknown): RuntimeResult<StatsEntry[]> {
  const o = asObj(body);
  if (o.Error !== null && o.Error !== undefined) {
    const message = typeof o.Error === "string" ? o.Error : JSON.stringify(o.Error);
    return err({ kind: "http", message: `Cannot ${WHAT}: ${message}` });
  }
  if (!Array.isArray(o.Stats)) {
    return err({ kind: "decode", message: `Cannot ${WHAT}: unexpected answer shape` });
  }
  const entries: StatsEntry[] = [];
  for (const raw of o.Stats) {
    const entry = asObj(raw);
    if (typeof entry.ContainerID !== "string" || entry.SystemNano === 0) continue;
    entries.push({ id: entry.ContainerID, ...podmanStats(entry) });
  }
  return ok(entries);
}

export type FetchAll = (input: string, init?: RequestInit) => Promise<Response>;

/** Podman: every container in one call. */
export function libpodStatsSource(
  options: { fetch: FetchAll; socket: string; timeoutMs?: number },
): StatsSource {
  return async () => {
    try {
      const res = await options.fetch(`http://runtime${LIBPOD_BASE}/containers/stats?stream=false`, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      if (res.status >= 400) {
        return err({
          kind: "http",
          status: res.status,
          message: `Cannot ${WHAT}: ${text.slice(0, 200).trim()}`,
        });
      }
      try {
        return parseLibpodStats(JSON.parse(text));
      } catch {
        return err({ kind: "decode", message: `Cannot ${WHAT}: the podman API sent invalid JSON` });
      }
    } catch (e) {
      if (e instanceof DOMException && e.name === "TimeoutError") {
        return err({ kind: "timeout", message: `Cannot ${WHAT}: the podman API did not answer in time` });
      }
      return err({
        kind: "unreachable",
        message: `Cannot ${WHAT}: the podman API at ${options.socket} is unreachable (${
          (e as Error).message
        })`,
      });
    }
  };
}

/** Docker: one call per running container (ids from the state store), a few at a time. */
export function perContainerStatsSource(
  runtime: Pick<RuntimeClient, "stats">,
  runningIds: () => Promise<RuntimeResult<string[]>>,
  concurrency = 8,
): StatsSource {
  return async () => {
    const ids = await runningIds();
    if (!ids.ok) return ids;
    const answers = await mapLimit(ids.value, concurrency, (id) => runtime.stats(id));
    const entries: StatsEntry[] = [];
    answers.forEach((a, i) => {
      if (a.ok) entries.push({ ...a.value, id: ids.value[i] as string });
    });
    return ok(entries);
  };
}

/** Podman's one call; on a 404 (Docker has no libpod path) per-container calls, remembered from then on. */
export function runtimeStatsSource(options: {
  fetch: FetchAll;
  socket: string;
  runtime: Pick<RuntimeClient, "stats">;
  runningIds: () => Promise<RuntimeResult<string[]>>;
  kind?: RuntimeKind;
}): StatsSource {
  const libpod = libpodStatsSource(options);
  const perContainer = perContainerStatsSource(options.runtime, options.runningIds);
  let known = options.kind;
  return async () => {
    if (known === "docker") return await perContainer();
    const r = await libpod();
    if (r.ok) known = "podman";
    if (known === "podman" || r.ok || r.error.status !== 404) return r;
    known = "docker";
    return await perContainer();
  };
}
