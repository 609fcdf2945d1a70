/**
 * Quadlet files on disk, never lost and never escaped: every write is a temp file renamed into place in the
 * same folder; the previous version and deleted files go to `.arr-helper-backup/` with a `.bak` suffix (the
 * generator scans hidden subfolders too, but only picks up unit suffixes, so `.bak` files are invisible to it);
 * symlinks and non-regular files are refused at the target and on the folder itself.
 */
import { type QuadletListEntry, type QuadletType } from "../shared/helper_protocol.ts";
import { QUADLET_MAX_CONTENT_BYTES } from "../shared/limits.ts";
import { QUADLET_TYPES } from "../shared/helper_protocol.ts";
import { err, ok, type Result } from "../shared/result.ts";
import { type HelperFs, lstatOrNull, readRegularFile } from "./fs.ts";

export const BACKUP_DIR_NAME = ".arr-helper-backup";
/** Replaced versions kept per file; older ones are removed. Deleted-file copies are never removed. */
export const BACKUPS_KEPT = 10;

export interface FileError {
  /** `invalid`: the content was rejected (400); `refused` / `not_found`: the op ran and failed. */
  kind: "invalid" | "refused" | "not_found";
  message: string;
}

export interface UnitFile {
  file: string;
  content: string;
}

/** Judges a candidate unit beside the other installed units; error text is the generator's complaint. */
export type QuadletCheck = (
  candidate: UnitFile,
  others: readonly UnitFile[],
) => Promise<Result<string, string>>;

export interface QuadletStoreDeps {
  fs: HelperFs;
  /** The quadlet folder, as its real path. */
  dir: string;
  now: () => Date;
  /** Generator validation; null when the host has no generator. */
  check: QuadletCheck | null;
}

function refused(message: string): { ok: false; error: FileError } {
  return err({ kind: "refused", message });
}

function stamp(date: Date): string {
  return date.toISOString().replaceAll("-", "").replaceAll(":", "");
}

function typeOf(file: string): QuadletType | null {
  const dot = file.lastIndexOf(".");
  if (dot <= 0) return null;
  const suffix = file.slice(dot + 1);
  return QUADLET_TYPES.find((t) => t === suffix) ?? null;
}

export function createQuadletStore(deps: QuadletStoreDeps) {
  const { fs, dir } = deps;
  const backupDir = `${dir}/${BACKUP_DIR_NAME}`;

  /** The folder must still be a real directory at its real path (not swapped for a symlink). */
  async function checkFolder(): Promise<Result<void, FileError>> {
    const info = await lstatOrNull(fs, dir);
    if (info === null) return refused(`Quadlet folder "${dir}" does not exist`);
    if (info.isSymlink || !info.isDirectory) {
      return refused(`Quadlet folder "${dir}" is not a real directory`);
    }
    if ((await fs.realPath(dir)) !== dir) {
      return refused(`Quadlet folder "${dir}" is reached through a symlink`);
    }
    return ok(undefined);
  }

  /** null when absent; an error for symlinks, folders, sockets …; the info of a regular file otherwise. */
  async function inspect(file: string): Promise<Result<Deno.FileInfo | null, FileError>> {
    const info = await lstatOrNull(fs, `${dir}/${file}`);
    if (info === null) return ok(null);
    if (info.isSymlink) return refused(`Refusing "${file}": it is a symbolic link`);
    if (!info.isFile) return refused(`Refusing "${file}": it is not a regular file`);
    return ok(info);
  }

  async function ensureBackupDir(): Promise<Result<void, FileError>> {
    const info = await lstatOrNull(fs, backupDir);
    if (info === null) {
      await fs.mkdir(backupDir, { mode: 0o700 });
      return ok(undefined);
    }
    if (info.isSymlink || !info.isDirectory) {
      return refused(`Refusing: "${backupDir}" is not a real directory`);
    }
    return ok(undefined);
  }

  /** Writes a new file that must not exist yet (O_EXCL: never follows a planted symlink). */
  async function writeFresh(base: string, content: string): Promise<string> {
    for (let attempt = 0;; attempt++) {
      // A counter goes before the last suffix, so `.bak` and `.tmp` stay the file's suffix.
      const dot = base.lastIndexOf(".");
      const path = attempt === 0 ? base : `${base.slice(0, dot)}-${attempt}${base.slice(dot)}`;
      try {
        await fs.writeTextFile(path, content, { createNew: true, mode: 0o644 });
        return path;
      } catch (e) {
        if (!(e instanceof Deno.errors.AlreadyExists) || attempt >= 20) throw e;
      }
    }
  }

  async function backupName(file: string, tag: string): Promise<Result<string, FileError>> {
    const made = await ensureBackupDir();
    if (!made.ok) return made;
    return ok(`${backupDir}/${file}.${stamp(deps.now())}${tag}.bak`);
  }

  /** Keeps the newest BACKUPS_KEPT replaced versions of `file` (names sort by their UTC stamp). */
  async function pruneBackups(file: string): Promise<void> {
    const mine: string[] = [];
    for await (const entry of fs.readDir(backupDir)) {
      const name = entry.name;
      if (
        entry.isFile && name.startsWith(`${file}.`) && name.endsWith(".bak") && !name.endsWith(".deleted.bak")
      ) {
        mine.push(name);
      }
    }
    mine.sort();
    for (const old of mine.slice(0, Math.max(0, mine.length - BACKUPS_KEPT))) {
      await fs.remove(`${backupDir}/${old}`).catch(() => {});
    }
  }

  async function installedUnits(except: ReadonlySet<string>): Promise<UnitFile[]> {
    const units: UnitFile[] = [];
    for await (const entry of fs.readDir(dir)) {
      if (!entry.isFile || except.has(entry.name) || typeOf(entry.name) === null) continue;
      try {
        units.push({ file: entry.name, content: await readRegularFile(fs, `${dir}/${entry.name}`, 1 << 20) });
      } catch {
        // Unreadable or swapped units are left out of the check; the generator will say what they miss.
      }
    }
    return units;
  }

  async function read(file: string): Promise<Result<string, FileError>> {
    const folder = await checkFolder();
    if (!folder.ok) return folder;
    const found = await inspect(file);
    if (!found.ok) return found;
    if (found.value === null) {
      return err({ kind: "not_found", message: `No quadlet "${file}" in "${dir}"` });
    }
    try {
      return ok(await readRegularFile(fs, `${dir}/${file}`, QUADLET_MAX_CONTENT_BYTES * 4));
    } catch (e) {
      return refused(`Cannot read "${file}": ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  return {
    async list(type: QuadletType | null): Promise<Result<QuadletListEntry[], FileError>> {
      const folder = await checkFolder();
      if (!folder.ok) return folder;
      const entries: QuadletListEntry[] = [];
      for await (const entry of fs.readDir(dir)) {
        const fileType = typeOf(entry.name);
        if (fileType === null || (type !== null && fileType !== type) || !entry.isFile) continue;
        const info = await lstatOrNull(fs, `${dir}/${entry.name}`);
        if (info === null || !info.isFile) continue;
        entries.push({
          name: entry.name.slice(0, -(fileType.length + 1)),
          type: fileType,
          file: entry.name,
          size: info.size,
          modified: info.mtime?.toISOString() ?? null,
        });
      }
      entries.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      return ok(entries);
    },

    read,

    /** The installed top-level units, without those named in `except` (which a caller replaces). */
    async installed(except: ReadonlySet<string>): Promise<Result<UnitFile[], FileError>> {
      const folder = await checkFolder();
      return folder.ok ? ok(await installedUnits(except)) : folder;
    },

    /** Validates, keeps the old version, then swaps the new one in atomically. Output says what happened. */
    async write(file: string, content: string): Promise<Result<string, FileError>> {
      const folder = await checkFolder();
      if (!folder.ok) return folder;
      const found = await inspect(file);
      if (!found.ok) return found;
      const notes: string[] = [];
      if (deps.check !== null) {
        const verdict = await deps.check({ file, content }, await installedUnits(new Set([file])));
        if (!verdict.ok) {
          return err({ kind: "invalid", message: `Invalid argument "content": ${verdict.error}` });
        }
        notes.push(`Validated with the quadlet generator: ${verdict.value}`);
      } else {
        notes.push("Not validated: no quadlet generator on this host");
      }
      if (found.value !== null) {
        const old = await read(file);
        if (!old.ok) return old;
        const name = await backupName(file, "");
        if (!name.ok) return name;
        const saved = await writeFresh(name.value, old.value);
        await pruneBackups(file);
        notes.push(`Previous version kept at "${saved}"`);
      }
      const temp = await writeFresh(`${dir}/.${file}.${crypto.randomUUID().slice(0, 8)}.tmp`, content);
      try {
        await fs.rename(temp, `${dir}/${file}`);
      } catch (e) {
        await fs.remove(temp).catch(() => {});
        throw e;
      }
      return ok(
        [`Wrote "${dir}/${file}" (${new TextEncoder().encode(content).byteLength} bytes)`, ...notes].join(
          "\n",
        ),
      );
    },

    /** Moves the file into the backup folder, so it can be restored. */
    async remove(file: string): Promise<Result<string, FileError>> {
      const folder = await checkFolder();
      if (!folder.ok) return folder;
      const found = await inspect(file);
      if (!found.ok) return found;
      if (found.value === null) {
        return err({ kind: "not_found", message: `No quadlet "${file}" in "${dir}"` });
      }
      const name = await backupName(file, ".deleted");
      if (!name.ok) return name;
      if ((await lstatOrNull(fs, name.value)) !== null) {
        return refused(`Backup "${name.value}" already exists`);
      }
      await fs.rename(`${dir}/${file}`, name.value);
      return ok(`Deleted "${dir}/${file}"; a copy is kept at "${name.value}"`);
    },
  };
}

export type QuadletStore = ReturnType<typeof createQuadletStore>;
