/**
 * Opens `alerts.db` so that a damaged file never stops the server (as audit_open.ts does for the audit log):
 * an unusable file is kept under a timestamped name beside it, a new store is started, and one line names
 * both. The file is kept 0600 (its -wal and -shm files take its mode).
 */
import { moveAside } from "../core/audit_open.ts";
import { AlertStore } from "./alert_store.ts";

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function openAlertStore(
  path: string,
  now: number,
  log: (line: string) => void,
): Promise<AlertStore> {
  if (path === ":memory:") return new AlertStore(path);
  let store: AlertStore;
  try {
    store = new AlertStore(path);
  } catch (first) {
    const aside = await moveAside(path, now);
    store = new AlertStore(path);
    log(
      `arr-mcp: the alert store "${path}" could not be used (${reason(first)}): kept it as "${aside}" and ` +
        `started a new one (open alerts and strikes start over)`,
    );
  }
  await Deno.chmod(path, 0o600);
  return store;
}
