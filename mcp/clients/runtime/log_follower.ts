/**
 * Follows one container's log as it is written: libpod
 * `GET /libpod/containers/{name}/logs?follow=true&stdout=true&stderr=true&timestamps=true&tail=N` (Docker's
 * compatible path when libpod's is absent), decoded frame by frame. The body streams until the container's log
 * ends or the caller's signal aborts, so `fetch` must stream (unixStreamFetch, http1_stream.ts). Counts the
 * streams it holds open, so a caller (and a test) can see that a closed page closed its Podman stream.
 * Never throws.
 */
import { err, ok } from "../../../shared/result.ts";
import type { LogLine, RuntimeError, RuntimeKind, RuntimeResult } from "./client.ts";
import { LogFrameDecoder } from "./frames.ts";
import { errorReason } from "./normalize.ts";
import { DOCKER_BASE, LIBPOD_BASE } from "./http_runtime.ts";
import type { StreamFetch } from "../unix/http1_stream.ts";

/** A line with the runtime's timestamp (RFC 3339, as sent) split off; null when it had none. */
export interface TimedLogLine extends LogLine {
  time: string | null;
}

export interface FollowOptions {
  /** Lines of history before the live ones. */
  tail: number;
  /** Aborting it closes the runtime stream. */
  signal: AbortSignal;
}

export interface LogFollower {
  follow(name: string, options: FollowOptions): Promise<RuntimeResult<AsyncIterable<TimedLogLine>>>;
  /** Runtime log streams open right now. */
  openStreams(): number;
}

export interface LogFollowerOptions {
  fetch: StreamFetch;
  /** For messages only. */
  socket: string;
  /** When unset, libpod's path is tried first and Docker's on a 404 page-not-found. */
  kind?: RuntimeKind;
  /** Longer lines are cut. @default 8192 */
  maxLineChars?: number;
}

export const FOLLOW_MAX_LINE_CHARS = 8192;

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/** `2026-12-02T07:00:00.123456789Z text` → time and text; lines without one keep their text. Pure. */
export function splitTimestamp(line: LogLine): TimedLogLine {
  const m = TIMESTAMP.exec(line.text);
  if (!m) return { ...line, time: null };
  return { stream: line.stream, text: line.text.slice(m[0].length), time: m[1] ?? null };
}

export function followPath(kind: RuntimeKind, name: string, tail: number): string {
  const q = new URLSearchParams({
    follow: "true",
    stdout: "true",
    stderr: "true",
    timestamps: "true",
    tail: String(Math.max(0, Math.floor(tail))),
  });
  return `${kind === "podman" ? LIBPOD_BASE : DOCKER_BASE}/containers/${encodeURIComponent(name)}/logs?${q}`;
}

export function createLogFollower(options: LogFollowerOptions): LogFollower {
  let open = 0;
  let known = options.kind;
  const what = (name: string) => `follow the log of container "${name}"`;

  async function openAs(kind: RuntimeKind, name: string, tail: number, signal: AbortSignal) {
    try {
      const res = await options.fetch(`http://runtime${followPath(kind, name, tail)}`, { signal });
      if (res.status < 400 && res.body !== null) return ok(res.body);
      const reason = errorReason(res.body === null ? "" : await res.text());
      return err<RuntimeError>({
        kind: res.status === 404 ? "not_found" : "http",
        status: res.status,
        message: `Cannot ${what(name)}: ${reason || `HTTP ${res.status}`}`,
      });
    } catch (e) {
      return err<RuntimeError>({
        kind: "unreachable",
        message: `Cannot ${what(name)}: the runtime API at ${options.socket} is unreachable (${
          (e as Error).message
        })`,
      });
    }
  }

  async function openStream(name: string, tail: number, signal: AbortSignal) {
    if (known !== undefined) return await openAs(known, name, tail, signal);
    const podman = await openAs("podman", name, tail, signal);
    if (podman.ok) known = "podman";
    // Docker answers libpod paths with a plain 404 page; a missing container is a JSON "no such container".
    if (podman.ok || podman.error.status !== 404 || /no such|not found/i.test(podman.error.message)) {
      return podman;
    }
    const docker = await openAs("docker", name, tail, signal);
    if (docker.ok) known = "docker";
    return docker;
  }

  return {
    openStreams: () => open,
    async follow(name, { tail, signal }) {
      if (signal.aborted) return err({ kind: "unreachable", message: `Cannot ${what(name)}: cancelled` });
      open++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        open--;
        signal.removeEventListener("abort", release);
      };
      // Aborting closes the socket (http1_request.ts): the stream is gone even if nobody reads on.
      signal.addEventListener("abort", release, { once: true });
      const body = await openStream(name, tail, signal);
      if (!body.ok) {
        release();
        return body;
      }
      const decoder = new LogFrameDecoder({ maxLineChars: options.maxLineChars ?? FOLLOW_MAX_LINE_CHARS });
      return ok(lines(body.value, decoder, release));
    },
  };
}

async function* lines(
  body: ReadableStream<Uint8Array>,
  decoder: LogFrameDecoder,
  release: () => void,
): AsyncGenerator<TimedLogLine> {
  const reader = body.getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const line of decoder.push(value)) yield splitTimestamp(line);
    }
    for (const line of decoder.end()) yield splitTimestamp(line);
  } catch {
    // The connection closed (abort or runtime gone): the log simply ends here.
  } finally {
    release();
    await reader.cancel().catch(() => {});
  }
}
