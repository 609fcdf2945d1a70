/**
 * A fetch over a Unix socket whose response body streams as it arrives: for long-lived answers such as
 * Podman's `GET /libpod/events?stream=true`, which unixHttpFetch (http1_unix.ts) cannot serve because it reads
 * to the end. Same origin-form request line (see http1_unix.ts for why), one connection per request. The
 * connection closes when the body ends, is cancelled, or the request's signal aborts.
 */
import { ChunkedDecoder } from "./chunked_decoder.ts";
import { abortReason, sendRequest } from "./http1_request.ts";

/** Headers larger than this are refused (a real API sends a few hundred bytes). */
export const MAX_HEAD_BYTES = 64 * 1024;

export type StreamFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export function unixStreamFetch(path: string): StreamFetch {
  return async (input, init) => {
    const sent = await sendRequest(path, input, init);
    const { conn, close } = sent;
    try {
      const { status, headers, rest } = await readHead(conn);
      if (sent.method === "HEAD" || status === 204 || status === 304) {
        close();
        return new Response(null, { status, headers });
      }
      const chunked = (headers.get("transfer-encoding") ?? "").toLowerCase().includes("chunked");
      headers.delete("transfer-encoding");
      const length = headers.get("content-length");
      return new Response(bodyStream(conn, rest, chunked, length === null ? null : Number(length), close), {
        status,
        headers,
      });
    } catch (e) {
      close();
      throw abortReason(init?.signal) ?? e;
    }
  };
}

/** Reads up to the end of the headers; `rest` holds the body bytes that came with them. */
async function readHead(conn: Deno.Conn): Promise<{ status: number; headers: Headers; rest: Uint8Array }> {
  let buf = new Uint8Array(0);
  const chunk = new Uint8Array(16 * 1024);
  while (true) {
    const end = indexOfHeadEnd(buf);
    if (end >= 0) {
      const [statusLine, ...lines] = new TextDecoder().decode(buf.subarray(0, end)).split("\r\n");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "");
      if (!m) {
        throw new Error(`Malformed HTTP status line: ${JSON.stringify((statusLine ?? "").slice(0, 80))}`);
      }
      const headers = new Headers();
      for (const line of lines) {
        const colon = line.indexOf(":");
        if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
      }
      const status = Number(m[1]);
      return { status: status < 200 ? 502 : status, headers, rest: buf.slice(end + 4) };
    }
    if (buf.length > MAX_HEAD_BYTES) throw new Error(`HTTP headers larger than ${MAX_HEAD_BYTES} bytes`);
    const n = await conn.read(chunk);
    if (n === null) throw new Error("Malformed HTTP response: connection closed before the end of headers");
    const next = new Uint8Array(buf.length + n);
    next.set(buf);
    next.set(chunk.subarray(0, n), buf.length);
    buf = next;
  }
}

function indexOfHeadEnd(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}

function bodyStream(
  conn: Deno.Conn,
  first: Uint8Array,
  chunked: boolean,
  length: number | null,
  close: () => void,
): ReadableStream<Uint8Array> {
  const decoder = chunked ? new ChunkedDecoder() : null;
  let left = length ?? Infinity;
  let pendingFirst: Uint8Array | null = first;
  const buf = new Uint8Array(64 * 1024);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Loop until something is enqueued or the body ends: a read may carry only chunk framing.
        while (true) {
          let raw: Uint8Array;
          if (pendingFirst !== null) {
            raw = pendingFirst;
            pendingFirst = null;
          } else {
            const n = await conn.read(buf);
            if (n === null) {
              close();
              controller.close();
              return;
            }
            raw = buf.slice(0, n);
          }
          const parts = decoder ? decoder.push(raw) : [raw.subarray(0, Math.min(raw.length, left))];
          let enqueued = false;
          for (const part of parts) {
            if (part.length === 0) continue;
            left -= part.length;
            controller.enqueue(part);
            enqueued = true;
          }
          if ((decoder?.done ?? false) || left <= 0) {
            close();
            controller.close();
            return;
          }
          if (enqueued) return;
        }
      } catch (e) {
        close();
        controller.error(e);
      }
    },
    cancel() {
      close();
    },
  });
}
