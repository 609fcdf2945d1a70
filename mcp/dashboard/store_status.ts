/**
 * The state store's health as `/api/status` shows it: whether container data is live, and if not, how old it
 * may be. Null when the server runs without a store (tests, or a runtime that was never found).
 */
import type { StoreState, StoreStatus } from "../clients/runtime/store/store_types.ts";

export interface ApiStoreStatus {
  state: StoreState;
  /** When the store entered `state` (ISO time). */
  since: string;
  /** 0 while live; how long ago the data was last known current otherwise; null before the first list. */
  age_ms: number | null;
  containers: number;
  events_applied: number;
  drift_repaired: number;
  resyncs: number;
  drops: number;
  last_error: string | null;
}

export function apiStoreStatus(status: StoreStatus | undefined): ApiStoreStatus | null {
  if (status === undefined) return null;
  return {
    state: status.state,
    since: new Date(status.since).toISOString(),
    age_ms: status.ageMs,
    containers: status.containers,
    events_applied: status.eventsApplied,
    drift_repaired: status.driftRepaired,
    resyncs: status.resyncs,
    drops: status.drops,
    last_error: status.lastError,
  };
}
