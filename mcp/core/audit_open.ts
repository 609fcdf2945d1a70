/**
 * Opens the audit log at startup so that a damaged `audit.db` never stops the server. When the file cannot be
 * used as a database (not SQLite, damaged pages, unreadable), it is kept under a timestamped name beside it
 * (`audit.db.bad-20261122T040000Z`, with its -journal/-wal/-shm files), a new log is started, and one line
 * names both files. The database file is kept 0600: SQLite creates it with the umask's mode, and its journals
 * take the database file's mode.
 */
import { type AuditLog, type AuditOptions, openAuditLog } from "./audit.ts";

export interface AuditOpenOptions extends AuditOptions {
  /** Receives the one line that reports a file moved aside. */
  log: (line: string) => void;
}

const COMPANIONS = ["-journal", "-wal", "-shm"];

/** `20261122T040000Z` */
function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z").replace(/[-:]/g, "");
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/** Moves `path` (and its SQLite companions) to a free `<path>.bad-<stamp>[-n]` name; returns that name. */
export async function moveAside(path: string, now: number): Promise<string> {
  let aside = `${path}.bad-${stamp(now)}`;
  for (let n = 2; await exists(aside); n++) aside = `${path}.bad-${stamp(now)}-${n}`;
  await Deno.rename(path, aside);
  for (const suffix of COMPANIONS) {
    if (await exists(path + suffix)) await Deno.rename(path + suffix, aside + suffix);
  }
  return aside;
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function openAuditLogSafely(path: string, options: AuditOpenOptions): Promise<AuditLog> {
  let first: unknown;
  try {
    const log = openAuditLog(path, options);
    await Deno.chmod(path, 0o600);
    return log;
  } catch (e) {
    first = e;
  }
  let aside: string;
  try {
    aside = await moveAside(path, options.clock.now());
  } catch (e) {
    throw new Error(
      `Cannot open the audit log "${path}": ${reason(first)}; moving it aside failed too: ${reason(e)}. ` +
        "Fix: move or remove that file, then start arr-mcp again",
    );
  }
  try {
    const log = openAuditLog(path, options);
    await Deno.chmod(path, 0o600);
    options.log(
      `arr-mcp: the audit log "${path}" could not be used (${reason(first)}): kept it as "${aside}" and ` +
        `started a new one at "${path}"`,
    );
    return log;
  } catch (e) {
    throw new Error(
      `Cannot create a new audit log "${path}" (the unusable one was kept as "${aside}"): ${reason(e)}. ` +
        "Fix: make the data dir writable by the user arr-mcp runs as",
    );
  }
}
