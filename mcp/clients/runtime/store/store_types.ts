/**
 * The container state store's reader API (docs/state-store.md). Readers never call the runtime: they read
 * memory kept current by the runtime's event stream, and get an error instead of old data when the store
 * cannot vouch for it.
 */
import type { ContainerDetails } from "../../../../shared/container_details.ts";
import type { ContainerSummary, RuntimeResult } from "../client.ts";

/**
 * `live`: the event stream is open and the data reflects every event received.
 * `resyncing`: starting, or the stream dropped and the store is reconnecting and re-listing.
 * `down`: the runtime does not answer (or the store is stopped); readers get an error.
 */
export type StoreState = "live" | "resyncing" | "down";

export interface StoredContainer {
  /** Exactly what RuntimeClient.list gives for this container. */
  summary: ContainerSummary;
  /**
   * What RuntimeClient.inspect gave (health kept current by events). Null while it is being read after a
   * (re)connect (the store is live after one list; details follow in the background) or when it failed.
   */
  details: ContainerDetails | null;
  /** Clock time the runtime last confirmed this entry (list, inspect or health event). */
  updatedAt: number;
}

export interface StoreStatus {
  state: StoreState;
  /** Clock time the store entered `state`. */
  since: number;
  /**
   * How old the data may be, in ms: 0 while live (the stream reports every change); while resyncing or down,
   * the time since the data was last known current; null before the first list.
   */
  ageMs: number | null;
  containers: number;
  /** Event lines that changed the store (refresh, removal, health). */
  eventsApplied: number;
  /** Event lines that needed nothing (exec, cleanup, other object types). */
  eventsIgnored: number;
  /** Lines that were not JSON or were too long; skipped. */
  junkLines: number;
  /** Containers the periodic re-list found different from the store (missed events), and corrected. */
  driftRepaired: number;
  /** Full lists after (re)connecting, the first one included. */
  resyncs: number;
  /** Event stream connections lost (ended, failed or stalled). */
  drops: number;
  /** Runtime calls the store made (lists, inspects, stream opens). */
  runtimeCalls: number;
  lastListAt: number | null;
  lastEventAt: number | null;
  /** Why the store last left `live` or failed to reach it; null before any failure. */
  lastError: string | null;
}

/** What a `waitFor` predicate sees: the store's current memory, synchronously. */
export interface StoreView {
  list(options?: { all?: boolean }): ContainerSummary[];
  get(idOrName: string): StoredContainer | undefined;
}

export interface ContainerStateStore {
  /** Connects, lists, then follows events until `stop()` or `signal` aborts. Never throws. */
  start(signal?: AbortSignal): void;
  /** Stops following events; resolves when the connection is closed. Readers then get `unavailable`. */
  stop(): Promise<void>;
  /**
   * Same containers and shape as RuntimeClient.list (sorted by id, as Podman lists them). While resyncing it
   * waits (bounded by `readTimeoutMs`) for the list; when down it answers the runtime's error.
   */
  list(options?: { all?: boolean }): Promise<RuntimeResult<ContainerSummary[]>>;
  /** By exact name, full id or unique id prefix. `not_found` when the store has no such container. */
  get(idOrName: string): Promise<RuntimeResult<StoredContainer>>;
  status(): StoreStatus;
  /**
   * Resolves true as soon as `predicate` holds for the store's memory (checked now and after every change),
   * false after `timeoutMs`. For a tool to wait until the store has seen the effect of its own write.
   */
  waitFor(predicate: (view: StoreView) => boolean, timeoutMs: number): Promise<boolean>;
  /**
   * Re-reads one container from the runtime now (one filtered list + one inspect) and resolves once the store
   * holds the answer: read-your-writes without waiting for the event, which Podman delivers 0.3–1 s late.
   */
  refresh(idOrName: string): Promise<RuntimeResult<void>>;
}
