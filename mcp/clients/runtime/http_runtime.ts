/**
 * RuntimeClient over the Podman libpod API or the Docker-compatible API, through an injected fetch
 * (a Unix-socket fetch in production). Every failure comes back as a RuntimeError; nothing throws.
 */
import { err, ok } from "../../../shared/result.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type {
  ContainerSummary,
  RuntimeClient,
  RuntimeError,
  RuntimeEvent,
  RuntimeKind,
  RuntimeResult,
} from "./client.ts";
import { type Clock, systemClock } from "../../core/clock.ts";
import { createInfoReader } from "./runtime_info.ts";
import { decodeLogStream, filterLogLines } from "./frames.ts";
import {
  dockerStats,
  errorReason,
  isInfra,
  podmanStats,
  toDetails,
  toEvent,
  toSummary,
} from "./normalize.ts";

export const LIBPOD_BASE = "/v4.0.0/libpod";
export const DOCKER_BASE = "/v1.41";
/** With a grep filter, how many of the newest lines are searched (bounds memory on huge logs). */
export const GREP_SCAN_LINES = 20_000;

export interface HttpRuntimeOptions {
  kind: RuntimeKind;
  fetch: FetchLike;
  /** For messages and status only. */
  socket: string;
  /** @default 10_000 */
  timeoutMs?: number;
  /** Ages the cached version facts (runtime_info.ts). @default systemClock */
  clock?: Clock;
}

interface Answer {
  status: number;
  body: Uint8Array;
}

export function createHttpRuntime(options: HttpRuntimeOptions): RuntimeClient {
  const { kind } = options;
  const podman = kind === "podman";
  const base = podman ? LIBPOD_BASE : DOCKER_BASE;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const c = (name: string) => `${base}/containers/${encodeURIComponent(name)}`;

  async function request(
    what: string,
    method: string,
    path: string,
    extraMs = 0,
  ): Promise<RuntimeResult<Answer>> {
    let res: Response;
    try {
      res = await options.fetch(`http://runtime${path}`, {
        method,
        signal: AbortSignal.timeout(timeoutMs + extraMs),
      });
      const body = new Uint8Array(await res.arrayBuffer());
      if (res.status < 400) return ok({ status: res.status, body });
      return err(httpError(what, res.status, body));
    } catch (e) {
      if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
        return err({ kind: "timeout", message: `Cannot ${what}: the ${kind} API did not answer in time` });
      }
      return err({
        kind: "unreachable",
        message: `Cannot ${what}: the ${kind} API at ${options.socket} is unreachable (${
          (e as Error).message
        })`,
      });
    }
  }

  async function json(what: string, path: string): Promise<RuntimeResult<unknown>> {
    const r = await request(what, "GET", path);
    if (!r.ok) return r;
    try {
      return ok(JSON.parse(new TextDecoder().decode(r.value.body)));
    } catch {
      return err({
        kind: "decode",
        status: r.value.status,
        message: `Cannot ${what}: the ${kind} API sent invalid JSON`,
      });
    }
  }

  /** stop and restart: Podman names the grace period `timeout`, Docker `t`; the call may take that long. */
  function stopping(verb: "stop" | "restart", name: string, seconds: number) {
    const query = `${podman ? "timeout" : "t"}=${seconds}`;
    return request(`${verb} container "${name}"`, "POST", `${c(name)}/${verb}?${query}`, seconds * 1000);
  }

  const info = createInfoReader({
    kind,
    fetch: options.fetch,
    clock: options.clock ?? systemClock,
    readInfo: () => json("read runtime info", podman ? `${LIBPOD_BASE}/info` : `${DOCKER_BASE}/info`),
  });

  return {
    socket: options.socket,
    info,
    async list(opts = {}) {
      const q = new URLSearchParams({ all: String(opts.all !== false) });
      if (opts.ids !== undefined) q.set("filters", JSON.stringify({ id: opts.ids }));
      const r = await json("list containers", `${base}/containers/json?${q}`);
      if (!r.ok) return r;
      if (!Array.isArray(r.value)) return err(decodeError("list containers"));
      const list: ContainerSummary[] = r.value.filter((x) => !isInfra(x)).map(toSummary);
      return ok(list);
    },
    async inspect(name) {
      const r = await json(`inspect container "${name}"`, `${c(name)}/json`);
      return r.ok ? ok(toDetails(r.value)) : r;
    },
    async start(name) {
      const r = await request(`start container "${name}"`, "POST", `${c(name)}/start`);
      return r.ok ? ok({ changed: r.value.status !== 304 }) : r;
    },
    async stop(name, opts = {}) {
      const r = await stopping("stop", name, opts.timeoutSeconds ?? 10);
      return r.ok ? ok({ changed: r.value.status !== 304 }) : r;
    },
    async restart(name, opts = {}) {
      const r = await stopping("restart", name, opts.timeoutSeconds ?? 10);
      return r.ok ? ok(undefined) : r;
    },
    async remove(name, opts = {}) {
      // libpod's forced removal waits the stop timeout (10 s) before killing; 2 s is enough for a removal.
      const kill = podman && opts.force === true ? "&timeout=2" : "";
      const r = await request(
        `remove container "${name}"`,
        "DELETE",
        `${c(name)}?force=${opts.force === true}${kill}`,
        15_000,
      );
      return r.ok ? ok(undefined) : r;
    },
    async logs(name, opts = {}) {
      const q = new URLSearchParams({ stdout: "true", stderr: "true" });
      const tail = opts.grep ? GREP_SCAN_LINES : opts.tail;
      if (tail !== undefined) q.set("tail", String(tail));
      if (opts.since !== undefined) q.set("since", String(opts.since));
      const r = await request(`read logs of container "${name}"`, "GET", `${c(name)}/logs?${q}`);
      if (!r.ok) return r;
      return ok(filterLogLines(decodeLogStream(r.value.body), opts));
    },
    async stats(name) {
      if (podman) {
        const r = await json(
          `read stats of container "${name}"`,
          `${LIBPOD_BASE}/containers/stats?containers=${encodeURIComponent(name)}&stream=false`,
        );
        if (!r.ok) return r;
        const body = r.value as { Error?: unknown; Stats?: unknown[] };
        const first = body.Stats?.[0];
        if (first === undefined) {
          return err({
            kind: "conflict",
            message: `Cannot read stats of container "${name}": it is not running`,
          });
        }
        return ok(podmanStats(first));
      }
      const r = await json(`read stats of container "${name}"`, `${c(name)}/stats?stream=false`);
      return r.ok ? ok(dockerStats(r.value, name)) : r;
    },
    async events(opts) {
      const q = new URLSearchParams({ since: String(opts.since) });
      if (podman) q.set("stream", "false");
      else q.set("until", String(Math.floor(Date.now() / 1000)));
      if (opts.filters) q.set("filters", JSON.stringify(opts.filters));
      const r = await request(
        "read runtime events",
        "GET",
        `${podman ? LIBPOD_BASE : DOCKER_BASE}/events?${q}`,
      );
      if (!r.ok) return r;
      const events: RuntimeEvent[] = [];
      for (const line of new TextDecoder().decode(r.value.body).split("\n")) {
        if (line.trim() === "") continue;
        try {
          events.push(toEvent(JSON.parse(line)));
        } catch {
          return err(decodeError("read runtime events"));
        }
      }
      return ok(events);
    },
  };
}

function decodeError(what: string): RuntimeError {
  return { kind: "decode", message: `Cannot ${what}: unexpected answer shape` };
}

function httpError(what: string, status: number, body: Uint8Array): RuntimeError {
  const reason = errorReason(new TextDecoder().decode(body));
  const kind = status === 404 ? "not_found" : status === 409 || status === 304 ? "conflict" : "http";
  return { kind, status, message: `Cannot ${what}: ${reason || `HTTP ${status}`}` };
}
