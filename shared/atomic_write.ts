import { basename, dirname } from "node:path";

/**
 * Writes `data` to `path` atomically: a temp file in the same directory (so the rename cannot cross
 * filesystems), flushed to disk, then renamed over the target. Readers see the old or the new content, never a
 * mix. The new file gets `mode` (default: the old file's mode, else 0644). A rename replaces a symlink at
 * `path` rather than writing through it.
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  let mode = options.mode;
  if (mode === undefined) {
    try {
      mode = (await Deno.lstat(path)).mode ?? undefined;
    } catch {
      mode = undefined;
    }
  }
  const finalMode = (mode ?? 0o644) & 0o7777;
  const suffix = crypto.randomUUID().slice(0, 8);
  const tmp = `${dirname(path)}/.${basename(path)}.arr-mcp-${suffix}.tmp`;
  try {
    {
      using file = await Deno.open(tmp, { write: true, createNew: true, mode: 0o600 });
      let written = 0;
      while (written < data.length) written += await file.write(data.subarray(written));
      await file.syncData();
    }
    await Deno.chmod(tmp, finalMode);
    await Deno.rename(tmp, path);
  } catch (e) {
    await Deno.remove(tmp).catch(() => {});
    throw e;
  }
}
