/** Opening a regular file for reading: never a FIFO (opening one blocks), and only the file that was checked. */
import type { HostFs } from "./host_fs.ts";
import { FsError } from "./fs_error.ts";
import type { ReadHandle } from "./port.ts";

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
 * Opens `path`, which `checked` (its lstat) says is a regular file. Deno's open follows symlinks and has no
 * O_NOFOLLOW, so the opened file must be the same device and inode, else something was swapped in.
 */
export async function openRegularFile(
  sys: Pick<HostFs, "open">,
  path: string,
  checked: Deno.FileInfo,
  display = path,
): Promise<ReadHandle> {
  if (!checked.isFile) throw new FsError("invalid_path", `Cannot read "${display}": not a regular file`);
  const file = await sys.open(path, { read: true });
  let size: number;
  try {
    const now = await file.stat();
    if (now.dev !== checked.dev || now.ino !== checked.ino) {
      throw new FsError("conflict", `Cannot read "${display}": it was replaced while being opened`);
    }
    size = now.size;
  } catch (e) {
    file.close();
    throw e;
  }
  return {
    path,
    size,
    read: (position, length) => readAt(file, position, length),
    [Symbol.dispose]: () => file.close(),
  };
}

/** The whole file as bytes, refused when it is larger than `maxBytes`. */
export async function readAll(
  handle: ReadHandle,
  maxBytes: number,
  display = handle.path,
): Promise<Uint8Array> {
  if (handle.size > maxBytes) {
    throw new FsError("too_large", `Cannot read "${display}": ${handle.size} bytes is over ${maxBytes}`);
  }
  return await handle.read(0, handle.size);
}
