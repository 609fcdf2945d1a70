/**
 * Where the file layer keeps what it replaces or deletes, inside the root the file belongs to (same
 * filesystem, so moving there is a cheap rename even for large media files), and how long. Pure.
 * * `<root>/.arr-mcp-backups/<path in root>.<stamp>`: the previous version of an overwritten file.
 * * `<root>/.arr-mcp-trash/<stamp>/<path in root>`: a deleted file or directory, restorable by moving it back.
 * * `<stack>/quadlets/.rollback/<stamp>/`: the units a quadlet_install replaced.
 */
export const BACKUP_DIR = ".arr-mcp-backups";
export const TRASH_DIR = ".arr-mcp-trash";
export const ROLLBACK_DIR = ".rollback";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How much is kept: the newest N of each kind, and nothing older than `maxAgeMs`. */
export const KEEP_LIMITS = {
  /** Backups kept per file. */
  backupsPerFile: 10,
  /** Deleted entries kept in a root's trash. */
  trashEntries: 100,
  /** Rollback folders kept per stack (quadlet_install, keepCopies). */
  rollbacks: 10,
  maxAgeMs: 30 * DAY_MS,
} as const;

/** A sortable, filename-safe UTC stamp plus a short random part: `20261122T040000123Z-1a2b3c`. */
export function keepStamp(nowMs: number, random = crypto.randomUUID().slice(0, 6)): string {
  const iso = new Date(nowMs).toISOString(); // 2026-11-22T04:00:00.123Z
  return `${iso.replace(/[-:.]/g, "").replace(/^(\d{8}T\d{6})(\d{3})Z$/, "$1$2Z")}-${random}`;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-[0-9a-z]{6}$/;

/** The time a stamp was made, or null when `text` is not a stamp. */
export function stampTime(text: string): number | null {
  const m = STAMP.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s, ms] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return Number.isNaN(t) ? null : t;
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

/** The stamp of `name` when it is `<prefix><stamp>`, else null. */
export function stampAfter(name: string, prefix: string): number | null {
  return name.startsWith(prefix) ? stampTime(name.slice(prefix.length)) : null;
}

/**
 * Which kept entries go: all but the newest `keep`, and any older than `maxAgeMs` at `nowMs`. Entries
 * without a stamp (`time` null) are never chosen.
 */
export function expiredKeeps(
  entries: readonly { name: string; time: number | null }[],
  nowMs: number,
  limits: { keep: number; maxAgeMs: number },
): string[] {
  const dated = entries.filter((e): e is { name: string; time: number } => e.time !== null)
    .sort((a, b) => b.time - a.time || (a.name < b.name ? 1 : -1));
  return dated.filter((e, i) => i >= limits.keep || nowMs - e.time > limits.maxAgeMs).map((e) => e.name);
}
