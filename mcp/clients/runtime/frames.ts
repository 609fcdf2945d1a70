/**
 * Decodes Docker/Podman multiplexed log streams: frames of an 8-byte header (stream byte 0/1/2, three zero
 * bytes, big-endian uint32 payload length) followed by the payload. TTY containers send raw text instead;
 * anything that does not start with a valid header is treated as raw stdout. Pure.
 *
 * `LogFrameDecoder` takes the bytes as they arrive (a followed log), `decodeLogStream` a whole answer.
 */
import type { LogLine } from "./client.ts";

const HEADER = 8;

type Stream = LogLine["stream"];

export interface LogFrameDecoderOptions {
  /** A line longer than this is cut and emitted with a trailing `…` (bounds memory). @default Infinity */
  maxLineChars?: number;
}

export class LogFrameDecoder {
  #buf = new Uint8Array(0);
  #mode: "unknown" | "frames" | "raw" = "unknown";
  /** Payload bytes of the current frame still to come, and its stream. */
  #left = 0;
  #stream: Stream = "stdout";
  readonly #pending: Record<Stream, string> = { stdout: "", stderr: "" };
  readonly #decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  readonly #max: number;

  constructor(options: LogFrameDecoderOptions = {}) {
    this.#max = options.maxLineChars ?? Infinity;
  }

  /** The complete lines these bytes finish. */
  push(bytes: Uint8Array): LogLine[] {
    const lines: LogLine[] = [];
    let data = this.#buf.length > 0 ? concat(this.#buf, bytes) : bytes;
    this.#buf = new Uint8Array(0);
    if (this.#mode === "unknown") {
      if (data.length < HEADER) {
        this.#buf = data.slice();
        return lines;
      }
      this.#mode = looksMultiplexed(data) ? "frames" : "raw";
    }
    if (this.#mode === "raw") {
      this.#text("stdout", data, lines);
      return lines;
    }
    while (data.length > 0) {
      if (this.#left === 0) {
        if (data.length < HEADER) {
          this.#buf = data.slice();
          break;
        }
        this.#stream = data[0] === 2 ? "stderr" : "stdout";
        this.#left = new DataView(data.buffer, data.byteOffset, HEADER).getUint32(4);
        data = data.subarray(HEADER);
        continue;
      }
      const take = Math.min(this.#left, data.length);
      this.#text(this.#stream, data.subarray(0, take), lines);
      this.#left -= take;
      data = data.subarray(take);
    }
    return lines;
  }

  /** The unfinished lines, at the end of the stream. */
  end(): LogLine[] {
    const lines: LogLine[] = [];
    if (this.#buf.length > 0) {
      // Fewer than 8 bytes in all: raw text.
      if (this.#mode === "unknown") this.#text("stdout", this.#buf, lines);
      this.#buf = new Uint8Array(0);
    }
    for (const stream of ["stdout", "stderr"] as const) {
      const rest = this.#pending[stream] + this.#decoders[stream].decode();
      this.#pending[stream] = "";
      if (rest.length > 0) lines.push({ stream, text: stripCr(rest) });
    }
    return lines;
  }

  #text(stream: Stream, bytes: Uint8Array, out: LogLine[]): void {
    const parts = (this.#pending[stream] + this.#decoders[stream].decode(bytes, { stream: true })).split(
      "\n",
    );
    let rest = parts.pop() ?? "";
    for (const text of parts) out.push({ stream, text: this.#cut(stripCr(text)) });
    if (rest.length > this.#max) {
      out.push({ stream, text: this.#cut(rest) });
      rest = "";
    }
    this.#pending[stream] = rest;
  }

  #cut(text: string): string {
    return text.length > this.#max ? `${text.slice(0, this.#max)}…` : text;
  }
}

export function decodeLogStream(bytes: Uint8Array): LogLine[] {
  const decoder = new LogFrameDecoder();
  return [...decoder.push(bytes), ...decoder.end()];
}

function looksMultiplexed(bytes: Uint8Array): boolean {
  const first = bytes[0] ?? 255;
  return first <= 2 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** Keeps lines containing `grep` (case-insensitive), then the last `tail`. */
export function filterLogLines(lines: LogLine[], options: { grep?: string; tail?: number }): LogLine[] {
  const needle = options.grep?.toLowerCase();
  const kept = needle ? lines.filter((l) => l.text.toLowerCase().includes(needle)) : lines;
  return options.tail === undefined ? kept : kept.slice(Math.max(0, kept.length - options.tail));
}
