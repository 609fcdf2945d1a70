/**
 * Decodes Docker/Podman multiplexed log streams: frames of an 8-byte header (stream byte 0/1/2, three zero
 * bytes, big-endian uint32 payload length) followed by the payload. TTY containers send raw text instead;
 * anything that does not start with a valid header is treated as raw stdout. Pure.
 */
import type { LogLine } from "./client.ts";

const HEADER = 8;

export function decodeLogStream(bytes: Uint8Array): LogLine[] {
  if (!looksMultiplexed(bytes)) return splitLines(new TextDecoder().decode(bytes), "stdout");
  const pending: Record<"stdout" | "stderr", string> = { stdout: "", stderr: "" };
  const lines: LogLine[] = [];
  const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset + HEADER <= bytes.length) {
    const stream = bytes[offset] === 2 ? "stderr" : "stdout";
    const length = view.getUint32(offset + 4);
    const end = Math.min(offset + HEADER + length, bytes.length);
    pending[stream] += decoders[stream].decode(bytes.subarray(offset + HEADER, end), { stream: true });
    const parts = pending[stream].split("\n");
    pending[stream] = parts.pop() ?? "";
    for (const text of parts) lines.push({ stream, text: stripCr(text) });
    offset = end;
  }
  for (const stream of ["stdout", "stderr"] as const) {
    const rest = pending[stream] + decoders[stream].decode();
    if (rest.length > 0) lines.push({ stream, text: stripCr(rest) });
  }
  return lines;
}

function looksMultiplexed(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER) return false;
  const first = bytes[0] ?? 255;
  return first <= 2 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0;
}

function splitLines(text: string, stream: "stdout" | "stderr"): LogLine[] {
  const parts = text.split("\n");
  if (parts.at(-1) === "") parts.pop();
  return parts.map((t) => ({ stream, text: stripCr(t) }));
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
