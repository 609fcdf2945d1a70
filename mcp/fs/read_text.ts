import { FsError } from "./fs_error.ts";
import { BINARY_SNIFF_BYTES, completeUtf8Length, looksBinary } from "./binary.ts";
import type { ReadHandle } from "./port.ts";
import { openRegularFile } from "./read_handle.ts";

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

/**
 * Reads at most `maxBytes` of an open file from `offset`, as UTF-8 text. Binary files (judged by the file's
 * head) are reported as such, without content. A truncated read ends on a whole character.
 */
export async function readTextWindow(
  handle: ReadHandle,
  options: { offset?: number; maxBytes: number },
): Promise<TextRead> {
  const offset = options.offset ?? 0;
  const size = handle.size;
  const head = await handle.read(0, Math.min(BINARY_SNIFF_BYTES, size));
  if (looksBinary(head.length < size ? head.subarray(0, completeUtf8Length(head)) : head)) {
    return { binary: true, size };
  }
  if (offset > size) {
    throw new FsError(
      "invalid_path",
      `Cannot read "${handle.path}" at offset ${offset}: the file has ${size} bytes`,
    );
  }
  let bytes = await handle.read(offset, Math.min(options.maxBytes, size - offset));
  const truncated = offset + bytes.length < size;
  if (truncated) bytes = bytes.subarray(0, completeUtf8Length(bytes));
  const end = offset + bytes.length;
  return {
    binary: false,
    text: new TextDecoder().decode(bytes),
    size,
    offset,
    bytesRead: bytes.length,
    truncated,
    nextOffset: truncated ? end : null,
  };
}

/** The last whole lines within the final `maxBytes` of an open file (a cut first line is dropped). */
export async function readTailText(
  handle: ReadHandle,
  options: { lines: number; maxBytes: number },
): Promise<{ lines: string[]; size: number; truncated: boolean; binary: boolean }> {
  const size = handle.size;
  const start = Math.max(0, size - options.maxBytes);
  const bytes = await handle.read(start, size - start);
  if (looksBinary(bytes.subarray(0, BINARY_SNIFF_BYTES))) {
    return { lines: [], size, truncated: false, binary: true };
  }
  let lines = new TextDecoder().decode(bytes).split("\n");
  if (start > 0) lines = lines.slice(1);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const truncated = start > 0 || lines.length > options.lines;
  return { lines: lines.slice(-options.lines), size, truncated, binary: false };
}

/** Opens a path the caller already checked (log files, service configs), refusing anything not regular. */
async function openPath(path: string): Promise<ReadHandle> {
  return await openRegularFile(Deno, path, await Deno.stat(path));
}

/** readTextWindow on a path (for readers outside the file layer's tools: diagnostics probes). */
export async function readTextCapped(
  path: string,
  options: { offset?: number; maxBytes: number },
): Promise<TextRead> {
  using handle = await openPath(path);
  return await readTextWindow(handle, options);
}

/** readTailText on a path (for the log tools). */
export async function readTailLines(
  path: string,
  options: { lines: number; maxBytes: number },
): Promise<{ lines: string[]; size: number; truncated: boolean; binary: boolean }> {
  using handle = await openPath(path);
  return await readTailText(handle, options);
}
