/**
 * Incremental decoder for HTTP/1.1 `Transfer-Encoding: chunked`: feed it bytes as they arrive, get the body
 * bytes back. Pure. Exists for streamed responses (Podman's event stream), where the whole-body `dechunk` in
 * http1_unix.ts cannot wait for the end.
 */

export class ChunkedDecoder {
  #pending = new Uint8Array(0);
  /** Body bytes still expected in the current chunk; -1 while reading a size line. */
  #remaining = -1;
  /** CRLF bytes still to skip after a chunk's data. */
  #skip = 0;
  #done = false;

  /** True once the terminating zero-size chunk was read. */
  get done(): boolean {
    return this.#done;
  }

  /** Body bytes contained in `bytes` (possibly none). Throws on a malformed size line. */
  push(bytes: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let buf = this.#pending.length === 0 ? bytes : join(this.#pending, bytes);
    this.#pending = new Uint8Array(0);
    while (buf.length > 0 && !this.#done) {
      if (this.#skip > 0) {
        const n = Math.min(this.#skip, buf.length);
        this.#skip -= n;
        buf = buf.subarray(n);
        continue;
      }
      if (this.#remaining > 0) {
        const n = Math.min(this.#remaining, buf.length);
        out.push(buf.slice(0, n));
        this.#remaining -= n;
        buf = buf.subarray(n);
        if (this.#remaining === 0) {
          this.#remaining = -1;
          this.#skip = 2;
        }
        continue;
      }
      const lineEnd = indexOfCrlf(buf);
      if (lineEnd < 0) {
        if (buf.length > 1024) throw new Error("Malformed chunked body: size line longer than 1024 bytes");
        this.#pending = buf.slice();
        break;
      }
      const text = new TextDecoder().decode(buf.subarray(0, lineEnd)).split(";")[0]?.trim() ?? "";
      const size = /^[0-9a-fA-F]+$/.test(text) ? parseInt(text, 16) : NaN;
      if (!Number.isFinite(size)) {
        throw new Error(`Malformed chunked body: bad chunk size ${JSON.stringify(text.slice(0, 20))}`);
      }
      buf = buf.subarray(lineEnd + 2);
      if (size === 0) this.#done = true;
      else this.#remaining = size;
    }
    return out;
  }
}

function indexOfCrlf(b: Uint8Array): number {
  for (let i = 0; i + 1 < b.length; i++) if (b[i] === 13 && b[i + 1] === 10) return i;
  return -1;
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
