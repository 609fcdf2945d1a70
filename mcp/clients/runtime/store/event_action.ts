/**
 * What one line of the runtime's event stream means for the state store. Pure. Field names as measured on
 * Podman 4.3.1 (tests/fixtures/podman_4.3.1/events.ndjson): `Type`, `Action`, `Actor.ID`. Its
 * `health_status` events carry `HealthStatus`, but the status from BEFORE the check (measured: `starting`
 * when it turned unhealthy, `unhealthy` when it turned healthy), so they cost an inspect. Docker puts the new
 * status in the action (`health_status: healthy`) and says `destroy` for removal.
 */

export type EventAction =
  /** Nothing the store shows changed (exec, attach, cleanup …) or not a container event. */
  | { kind: "ignore"; action: string }
  /** Re-read this container (state, name, ports … may have changed). */
  | { kind: "refresh"; id: string; action: string }
  | { kind: "remove"; id: string; action: string }
  /** Only the details changed (health): one inspect, no list. */
  | { kind: "inspect"; id: string; action: string }
  /** Health reported in the event itself (Docker): no API call needed. */
  | { kind: "health"; id: string; status: string; action: string }
  /** A container event without an id: only a full list can tell what changed. */
  | { kind: "resync"; action: string };

/**
 * Actions that change nothing a reader sees; anything unknown is refreshed, to stay safe. Not `cleanup`:
 * on Podman 4.3.1 a killed container lists as `stopped` after `died` and only turns `exited` at `cleanup`.
 */
export const IGNORED_ACTIONS: ReadonlySet<string> = new Set([
  "attach",
  "detach",
  "exec",
  "exec_create",
  "exec_start",
  "exec_die",
  "exec_died",
  "exec_detach",
  "mount",
  "unmount",
  "sync",
  "top",
  "resize",
  "copy",
  "archive-path",
  "extract-to-dir",
  "export",
  "commit",
]);

export const REMOVE_ACTIONS: ReadonlySet<string> = new Set(["remove", "destroy"]);

type Json = Record<string, unknown>;
const asObj = (
  v: unknown,
): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? v as Json : {});
const asStr = (v: unknown): string => (typeof v === "string" ? v : "");

export function eventAction(raw: unknown): EventAction {
  const o = asObj(raw);
  const type = asStr(o.Type ?? o.type);
  const full = asStr(o.Action ?? o.status);
  // Docker appends details after ": " (`exec_start: sh -c …`, `health_status: healthy`).
  const colon = full.indexOf(": ");
  const action = colon >= 0 ? full.slice(0, colon) : full;
  if ((type !== "" && type !== "container") || action === "") return { kind: "ignore", action };
  if (IGNORED_ACTIONS.has(action)) return { kind: "ignore", action };
  const id = asStr(asObj(o.Actor).ID) || asStr(o.id);
  if (id === "") return { kind: "resync", action };
  if (REMOVE_ACTIONS.has(action)) return { kind: "remove", id, action };
  if (action === "health_status") {
    const status = colon >= 0 ? full.slice(colon + 2).trim() : "";
    return status !== "" ? { kind: "health", id, status, action } : { kind: "inspect", id, action };
  }
  return { kind: "refresh", id, action };
}
