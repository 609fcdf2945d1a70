/**
 * Getting the socket path ready: its folder private (0700, never a symlink), a stale socket from a crashed
 * run replaced, and a refusal while another instance still answers on it.
 */
import { dirname } from "node:path";
import { err, ok, type Result } from "../shared/result.ts";

async function lstatOrNull(path: string): Promise<Deno.FileInfo | null> {
  try {
    return await Deno.lstat(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** True when something accepts connections on the socket. */
async function answering(path: string): Promise<boolean> {
  try {
    const conn = await Deno.connect({ transport: "unix", path });
    conn.close();
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.ConnectionRefused || e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

export async function prepareSocket(path: string): Promise<Result<void, string>> {
  const dir = dirname(path);
  const dirInfo = await lstatOrNull(dir);
  if (dirInfo === null) {
    try {
      await Deno.mkdir(dir, { mode: 0o700 });
      await Deno.chmod(dir, 0o700);
    } catch (e) {
      return err(`Invalid ARR_HELPER_SOCKET "${path}": cannot create "${dir}": ${(e as Error).message}`);
    }
  } else if (dirInfo.isSymlink || !dirInfo.isDirectory) {
    return err(`Invalid ARR_HELPER_SOCKET "${path}": "${dir}" is not a real directory`);
  } else if (((dirInfo.mode ?? 0) & 0o777) !== 0o700) {
    const mode = ((dirInfo.mode ?? 0) & 0o777).toString(8).padStart(4, "0");
    return err(
      `Invalid ARR_HELPER_SOCKET "${path}": folder "${dir}" has mode ${mode}, expected 0700 (private)`,
    );
  }
  const existing = await lstatOrNull(path);
  if (existing === null) return ok(undefined);
  if (!existing.isSocket) {
    return err(`Invalid ARR_HELPER_SOCKET "${path}": a file that is not a socket is there`);
  }
  if (await answering(path)) return err(`Another arr-helper is already listening on "${path}"`);
  await Deno.remove(path);
  return ok(undefined);
}
