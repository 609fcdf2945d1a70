import { FsError } from "./fs_error.ts";
import { BINARY_SNIFF_BYTES, completeUtf8Length, looksBinary } from "./binary.ts";

export type TextRead =
  | {
    binary: false;
    text: string;
    /** File size in bytes. */
    size: number;
    offset: number;
    bytesRead: number;
    truncated: boolean;
    /** Where to continue reading, or null at the end of the file. */
    nextOffset: number | null;
  }
  | { binary: true; size: number };

/** Checked before opening: opening a FIFO for reading would block until something writes to it. */
async function assertRegularFile(path: string): Promise<void> {
  const info = await Deno.stat(path);
  if (!info.isFile) throw new FsError("invalid_path", `Cannot read "${path}": not a regular file`);
}

async function readAt(file: Deno.FsFile, position: number, length: number): Promise<Uint8Array> {
  await file.seek(position, Deno.SeekMode.Start);
  const buf = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const n = await file.read(buf.subarray(filled));
    if (n === null) break;
    filled += n;
  }
  return buf.subarray(0, filled);
}

/**
 * Reads at most `maxBytes` of a regular file from `offset`, as UTF-8 text. Binary files (judged by the file's
 * head) are reported as such, without content. A truncated read ends on a whole character.
 */
export async function readTextCapped(
  path: string,
  options: { offset?: number; maxBytes: number },
): Promise<TextRead> {
  const offset = options.offset ?? 0;
  await assertRegularFile(path);
  using file = await Deno.open(path, { read: true });
  const info = await file.stat();
  const head = await readAt(file, 0, Math.min(BINARY_SNIFF_BYTES, info.size));
  if (looksBinary(head.length < info.size ? head.subarray(0, completeUtf8Length(head)) : head)) {
    return { binary: true, size: info.size };
  }
  if (offset > info.size) {
    throw new FsError(
      "invalid_path",
      `Cannot read "${path}" at offset ${offset}: the file has ${info.size} bytes`,
    );
  }
  const want = Math.min(options.maxBytes, info.size - offset);
  let bytes = await readAt(file, offset, want);
  const truncated = offset + bytes.length < info.size;
  if (truncated) bytes = bytes.subarray(0, completeUtf8Length(bytes));
  const end = offset + bytes.length;
  return {
    binary: false,
    text: new TextDecoder().decode(bytes),
    size: info.size,
    offset,
    bytesRead: bytes.length,
    truncated,
    nextOffset: truncated ? end : null,
  };
}

/** The last whole lines within the final `maxBytes` of a file (a cut first line is dropped). */
export async function readTailLines(
  path: string,
  options: { lines: number; maxBytes: number },
): Promise<{ lines: string[]; size: number; truncated: boolean; binary: boolean }> {
  await assertRegularFile(path);
  using file = await Deno.open(path, { read: true });
  const info = await file.stat();
  const start = Math.max(0, info.size - options.maxBytes);
  const bytes = await readAt(file, start, info.size - start);
  if (looksBinary(bytes.subarray(0, BINARY_SNIFF_BYTES))) {
    return { lines: [], size: info.size, truncated: false, binary: true };
  }
  let lines = new TextDecoder().decode(bytes).split("\n");
  if (start > 0) lines = lines.slice(1);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const truncated = start > 0 || lines.length > options.lines;
  return { lines: lines.slice(-options.lines), size: info.size, truncated, binary: false };
}
