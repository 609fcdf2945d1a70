/** The real probes service_diagnose uses: TCP connect, HTTP GET with a timeout, stat and capped file reads. */
import { readTextCapped } from "../fs/read_text.ts";
import type { FetchLike } from "../../shared/fetch_like.ts";

export type ProbeResult = { ok: true } | { ok: false; message: string };

export interface HttpProbeResult {
  status: number;
  body: string;
}

export interface DiagnoseProbes {
  tcpConnect(host: string, port: number, timeoutMs: number): Promise<ProbeResult>;
  httpGet(url: string, timeoutMs: number): Promise<HttpProbeResult | { error: string }>;
  stat(
    path: string,
  ): Promise<{ isDirectory: boolean; uid: number | null; gid: number | null; mode: number | null } | null>;
  /** Text of a file up to maxBytes, or null when it does not exist / is binary. */
  readText(path: string, maxBytes: number): Promise<string | null>;
}

export async function tcpConnect(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = Deno.connect({ hostname: host, port, transport: "tcp" });
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const winner = await Promise.race([attempt, timeout]);
    if (winner === "timeout") {
      attempt.then((c) => c.close(), () => {});
      return { ok: false, message: `no answer within ${timeoutMs} ms` };
    }
    winner.close();
    return { ok: true };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export function httpGetWith(fetch: FetchLike) {
  return async (url: string, timeoutMs: number): Promise<HttpProbeResult | { error: string }> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const res = await fetch(url, {
        signal: controller.signal,
        redirect: "manual",
        headers: { Accept: "application/json" },
      });
      const reader = res.body?.getReader();
      let body = "";
      if (reader) {
        // Only the first bytes are shown; the rest is discarded unread.
        const first = await reader.read();
        body = first.value ? new TextDecoder().decode(first.value.subarray(0, 512)) : "";
        await reader.cancel().catch(() => {});
      }
      return { status: res.status, body };
    } catch (e) {
      return { error: controller.signal.aborted ? `no answer within ${timeoutMs} ms` : (e as Error).message };
    } finally {
      clearTimeout(timer);
    }
  };
}

export function realProbes(fetch: FetchLike): DiagnoseProbes {
  return {
    tcpConnect,
    httpGet: httpGetWith(fetch),
    stat: async (path) => {
      try {
        const i = await Deno.stat(path);
        return { isDirectory: i.isDirectory, uid: i.uid, gid: i.gid, mode: i.mode };
      } catch {
        return null;
      }
    },
    readText: async (path, maxBytes) => {
      try {
        const r = await readTextCapped(path, { maxBytes });
        return r.binary ? null : r.text;
      } catch {
        return null;
      }
    },
  };
}
