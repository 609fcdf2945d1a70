/**
 * Splits a streamed NDJSON body into lines as bytes arrive. Pure. A line that grows past `maxLineBytes`
 * without a newline is discarded (counted as junk by the caller) so a broken stream cannot eat memory.
 */

/** @default 1 MiB: a Podman event line is about 500 bytes. */
export const MAX_EVENT_LINE_CHARS = 1024 * 1024;

export class LineSplitter {
  #decoder = new TextDecoder();
  #partial = "";
  #overflowed = false;
  readonly #max: number;

  constructor(maxLineChars: number = MAX_EVENT_LINE_CHARS) {
    this.#max = maxLineChars;
  }

  /** Complete lines in this chunk (without newlines, blank ones skipped) and how many were too long. */
  push(bytes: Uint8Array): { lines: string[]; overlong: number } {
    const text = this.#partial + this.#decoder.decode(bytes, { stream: true });
    const parts = text.split("\n");
    this.#partial = parts.pop() ?? "";
    let overlong = 0;
    const lines: string[] = [];
    for (const [i, part] of parts.entries()) {
      // The first part continues a line that already overflowed: drop its tail.
      if (i === 0 && this.#overflowed) {
        this.#overflowed = false;
        continue;
      }
      if (part.length > this.#max) overlong++;
      else if (part.trim() !== "") lines.push(part.trim());
    }
    if (this.#partial.length > this.#max) {
      this.#partial = "";
      if (!this.#overflowed) overlong++;
      this.#overflowed = true;
    }
    return { lines, overlong };
  }
}
