/**
 * A minimal HTTP/1.1 client over a Unix socket, shaped like fetch. It exists because Deno's
 * `createHttpClient({ proxy: { transport: "unix" } })` sends the absolute-form request target
 * (`POST http://host/path?x=1 HTTP/1.1`), and Podman 4.3 then ignored the query of a POST (measured:
 * `stop?timeout=1` waited the full 10 s; GET queries were honoured in a re-check). This client sends origin-form (`/path?x=1`), one connection per request
 * (`Connection: close`, cheap on a local socket), and decodes chunked bodies. Streaming responses are not
 * supported: the body is read to the end (capped).
 */
import { concatChunks } from "../../../shared/capped_body.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import { abortReason, sendRequest } from "./http1_request.ts";

export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export function unixHttpFetch(path: string): FetchLike {
  return async (input, init) => {
    const sent = await sendRequest(path, input, init);
    try {
      return parseResponse(await readAll(sent.conn), sent.method);
    } catch (e) {
      throw abortReason(init?.signal) ?? e;
    } finally {
      sent.close();
    }
  };
}

async function readAll(conn: Deno.Conn): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buf = new Uint8Array(64 * 1024);
  while (true) {
    const n = await conn.read(buf);
    if (n === null) break;
    chunks.push(buf.slice(0, n));
    total += n;
    if (total > MAX_RESPONSE_BYTES) throw new Error(`Response larger than ${MAX_RESPONSE_BYTES} bytes`);
  }
  return concatChunks(chunks);
}

/** Parses a complete HTTP/1.1 response (read to connection close). Exported for tests. */
export function parseResponse(raw: Uint8Array, method = "GET"): Response {
  const end = indexOfCrlfCrlf(raw);
  if (end < 0) throw new Error("Malformed HTTP response: no end of headers");
  const headText = new TextDecoder().decode(raw.subarray(0, end));
  const [statusLine, ...lines] = headText.split("\r\n");
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? "");
  if (!m) throw new Error(`Malformed HTTP status line: ${JSON.stringify((statusLine ?? "").slice(0, 80))}`);
  const status = Number(m[1]);
  const headers = new Headers();
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  let body: Uint8Array<ArrayBuffer> = raw.slice(end + 4);
  if ((headers.get("transfer-encoding") ?? "").toLowerCase().includes("chunked")) body = dechunk(body);
  else {
    const len = headers.get("content-length");
    if (len !== null && Number(len) < body.length) body = body.slice(0, Number(len));
  }
  const noBody = method === "HEAD" || status === 204 || status === 304 || status < 200;
  headers.delete("transfer-encoding");
  return new Response(noBody ? null : body, { status: status < 200 ? 502 : status, headers });
}

function indexOfCrlfCrlf(b: Uint8Array): number {
  for (let i = 0; i + 3 < b.length; i++) {
    if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
  }
  return -1;
}

/** Decodes a chunked body; a truncated last chunk keeps what arrived. */
export function dechunk(b: Uint8Array): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  let i = 0;
  while (i < b.length) {
    let lineEnd = i;
    while (lineEnd + 1 < b.length && !(b[lineEnd] === 13 && b[lineEnd + 1] === 10)) lineEnd++;
    const size = parseInt(new TextDecoder().decode(b.subarray(i, lineEnd)).split(";")[0] ?? "", 16);
    if (!Number.isFinite(size) || size === 0) break;
    const start = lineEnd + 2;
    parts.push(b.subarray(start, Math.min(start + size, b.length)));
    i = start + size + 2;
  }
  return concatChunks(parts);
}
