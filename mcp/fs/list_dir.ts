import type { HostFs } from "./host_fs.ts";
import type { FolderEntry } from "./port.ts";
import { type ProtectionKind, protectionOf } from "./protected_files.ts";

export interface DirEntry {
  name: string;
  type: "file" | "directory" | "symlink" | "other";
  /** Bytes (apparent size); for a symlink, the link itself. */
  size: number;
  modified: string | null;
  uid: number | null;
  /** Permission bits as octal text, e.g. "644". */
  mode: string | null;
  /** Set when file_read refuses the raw content (see protected_files.ts). */
  protection: ProtectionKind | null;
}

export function entryType(info: Deno.FileInfo): DirEntry["type"] {
  return info.isSymlink ? "symlink" : info.isDirectory ? "directory" : info.isFile ? "file" : "other";
}

export function modeText(mode: number | null): string | null {
  return mode === null ? null : (mode & 0o7777).toString(8).padStart(3, "0");
}

/** The entries of a checked directory, each lstat'ed (symlinks described, not followed). */
export async function readFolder(
  sys: Pick<HostFs, "readDir" | "lstat">,
  path: string,
): Promise<FolderEntry[]> {
  const names: string[] = [];
  for await (const e of sys.readDir(path)) names.push(e.name);
  const entries: FolderEntry[] = [];
  for (const name of names) {
    const info = await sys.lstat(`${path}/${name}`).catch(() => null); // null: removed while listing
    if (info !== null) entries.push({ name, info });
  }
  return entries;
}

/** A listing as file_list shows it: directories first, then by name; at most `limit` entries. Pure. */
export function describeEntries(
  folder: readonly FolderEntry[],
  options: { limit: number },
): { entries: DirEntry[]; total: number; truncated: boolean } {
  const entries = folder.map(({ name, info }): DirEntry => {
    const type = entryType(info);
    return {
      name,
      type,
      size: info.size,
      modified: info.mtime?.toISOString() ?? null,
      uid: info.uid,
      mode: modeText(info.mode),
      protection: type === "file" ? protectionOf(name)?.kind ?? null : null,
    };
  });
  entries.sort((a, b) =>
    (a.type === "directory" ? 0 : 1) - (b.type === "directory" ? 0 : 1) ||
    (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  );
  return {
    entries: entries.slice(0, options.limit),
    total: entries.length,
    truncated: entries.length > options.limit,
  };
}
