/**
 * Where the file tools keep what they replace or delete, inside the root the file belongs to (same
 * filesystem, so moving there is a cheap rename even for large media files):
 * * `<root>/.arr-mcp-backups/<path in root>.<stamp>`: the previous version of an overwritten file.
 * * `<root>/.arr-mcp-trash/<stamp>/<path in root>`: a deleted file or directory, restorable by moving it back.
 */
export const BACKUP_DIR = ".arr-mcp-backups";
export const TRASH_DIR = ".arr-mcp-trash";

/** A sortable, filename-safe UTC stamp plus a short random part: `20261122T040000123Z-1a2b3c`. */
export function keepStamp(nowMs: number, random = crypto.randomUUID().slice(0, 6)): string {
  const iso = new Date(nowMs).toISOString(); // 2026-11-22T04:00:00.123Z
  return `${iso.replace(/[-:.]/g, "").replace(/^(\d{8}T\d{6})(\d{3})Z$/, "$1$2Z")}-${random}`;
}

export function backupPathFor(rootPath: string, relative: string, stamp: string): string {
  return `${rootPath}/${BACKUP_DIR}/${relative}.${stamp}`;
}

export function trashPathFor(rootPath: string, relative: string, stamp: string): string {
  return `${rootPath}/${TRASH_DIR}/${stamp}/${relative}`;
}

/** True when a path relative to a root lies in the tools' own backup or trash area. */
export function isKeepArea(relative: string): boolean {
  const first = relative.split("/")[0];
  return first === BACKUP_DIR || first === TRASH_DIR;
}
