/**
 * The data dir holds the API key, the credential store and its secret, the session secret and the audit log,
 * so it must be private even when it already existed with looser modes (a folder made by hand, a restored
 * backup, an older version): the folder becomes 0700 and every file and folder directly inside it 0600/0700.
 * Symlinks are left alone. `describeTightening` makes the one startup line that says what changed.
 */

export interface ModeChange {
  path: string;
  from: number;
  to: number;
}

export interface Tightening {
  changed: ModeChange[];
  /** Entries whose mode could not be changed (for example owned by another user). */
  failed: Array<{ path: string; message: string }>;
}

async function tighten(path: string, info: Deno.FileInfo, result: Tightening): Promise<void> {
  if (info.mode === null || info.isSymlink) return;
  const mode = info.mode & 0o777;
  if ((mode & 0o077) === 0) return;
  const to = info.isDirectory ? 0o700 : 0o600;
  try {
    await Deno.chmod(path, to);
    result.changed.push({ path, from: mode, to });
  } catch (e) {
    result.failed.push({ path, message: e instanceof Error ? e.message : String(e) });
  }
}

/** Creates `dir` 0700 if needed and makes it and its direct entries private. */
export async function makeDataDirPrivate(dir: string): Promise<Tightening> {
  await Deno.mkdir(dir, { recursive: true, mode: 0o700 });
  const result: Tightening = { changed: [], failed: [] };
  await tighten(dir, await Deno.stat(dir), result);
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    const info = await Deno.lstat(path).catch(() => null);
    if (info) await tighten(path, info, result);
  }
  return result;
}

const octal = (mode: number) => mode.toString(8).padStart(4, "0");

/** One line for the startup log, or undefined when nothing needed changing. */
export function describeTightening(dir: string, result: Tightening): string | undefined {
  if (result.changed.length === 0 && result.failed.length === 0) return undefined;
  const name = (path: string) => (path === dir ? "the folder" : path.slice(dir.length + 1));
  const parts = [];
  if (result.changed.length > 0) {
    parts.push(
      `tightened ${
        result.changed.map((c) => `${name(c.path)} ${octal(c.from)} → ${octal(c.to)}`).join(", ")
      }`,
    );
  }
  if (result.failed.length > 0) {
    parts.push(`could not tighten ${result.failed.map((f) => `${name(f.path)} (${f.message})`).join(", ")}`);
  }
  return `arr-mcp: the data dir "${dir}" was not private: ${parts.join("; ")}`;
}
