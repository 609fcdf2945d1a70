/**
 * Reads an HTTP body with a hard size limit, for both programs: arr-helper's request bodies and arr-mcp's
 * service responses. Past the limit the stream is cancelled, never buffered.
 */

/** Thrown when a body is (or declares itself) larger than allowed; the stream is cancelled first. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`Body exceeds ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/** The bytes of `body`, at most `maxBytes`. `declaredLength` is the Content-Length header, if any. */
export async function readCappedBytes(
  body: ReadableStream<Uint8Array> | null,
  declaredLength: string | null,
  maxBytes: number,
): Promise<Uint8Array> {
  const declared = Number(declaredLength ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await body?.cancel().catch(() => {});
    throw new BodyTooLargeError(maxBytes);
  }
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return concatChunks(chunks);
}

/** The chunks joined into one array, in order. */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}
