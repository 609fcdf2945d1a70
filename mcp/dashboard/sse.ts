/** Server-sent events, as the live log view reads them: one named event per message, JSON data. Pure. */

/** `event: line\ndata: {...}\n\n`. JSON never holds a raw newline, so one `data:` line is enough. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export interface StreamBudget {
  /** Counts one more message of `bytes`; false once the lines or bytes are used up (nothing counted). */
  take(bytes: number): boolean;
  readonly lines: number;
  readonly bytes: number;
}

export function streamBudget(limits: { maxLines: number; maxBytes: number }): StreamBudget {
  let lines = 0;
  let bytes = 0;
  return {
    take(n) {
      if (lines + 1 > limits.maxLines || bytes + n > limits.maxBytes) return false;
      lines++;
      bytes += n;
      return true;
    },
    get lines() {
      return lines;
    },
    get bytes() {
      return bytes;
    },
  };
}
