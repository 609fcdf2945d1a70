/**
 * Sending an HTTP/1.1 request on a fresh Unix-socket connection, shared by the whole-body client
 * (http1_unix.ts) and the streaming one (http1_stream.ts): origin-form target (see http1_unix.ts for why),
 * `Connection: close`, and the request's signal closing the connection.
 */

export interface SentRequest {
  conn: Deno.Conn;
  method: string;
  /** Closes the connection (once) and stops listening to the signal. */
  close(): void;
}

/** Connects to `path` and writes the request; on failure the connection is closed and an abort says so. */
export async function sendRequest(
  path: string,
  input: string | URL | Request,
  init: RequestInit | undefined,
): Promise<SentRequest> {
  const req = new Request(input, init);
  const signal = init?.signal ?? undefined;
  signal?.throwIfAborted();
  const url = new URL(req.url);
  const body = req.body ? new Uint8Array(await req.arrayBuffer()) : new Uint8Array();
  const conn = await Deno.connect({ transport: "unix", path });
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    signal?.removeEventListener("abort", close);
    try {
      conn.close();
    } catch {
      // already closed
    }
  };
  signal?.addEventListener("abort", close, { once: true });
  try {
    await writeAll(conn, requestHead(req, url, body.length));
    if (body.length > 0) await writeAll(conn, body);
  } catch (e) {
    close();
    throw abortReason(signal) ?? e;
  }
  return { conn, method: req.method, close };
}

/** What to throw when the request's signal aborted; undefined when it did not. */
export function abortReason(signal: AbortSignal | null | undefined): unknown {
  if (!signal?.aborted) return undefined;
  return signal.reason ?? new DOMException("Aborted", "AbortError");
}

function requestHead(req: Request, url: URL, bodyLength: number): Uint8Array {
  const head = [`${req.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host || "localhost"}`];
  req.headers.forEach((value, name) => {
    if (!["host", "connection", "content-length"].includes(name)) head.push(`${name}: ${value}`);
  });
  head.push("Connection: close");
  if (bodyLength > 0 || !["GET", "HEAD"].includes(req.method)) head.push(`Content-Length: ${bodyLength}`);
  return new TextEncoder().encode(`${head.join("\r\n")}\r\n\r\n`);
}

async function writeAll(conn: Deno.Conn, data: Uint8Array): Promise<void> {
  let off = 0;
  while (off < data.length) off += await conn.write(data.subarray(off));
}
