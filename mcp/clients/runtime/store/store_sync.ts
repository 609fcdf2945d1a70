/**
 * Keeps the store's table in step with the runtime: applies event lines, re-reads the containers they name
 * (coalesced: one filtered list plus one inspect per container for a whole burst), and re-lists everything
 * on (re)connect and periodically. Every change is stamped with a sequence number so an answer that left the
 * runtime before a newer event is never applied over it: that container is re-read instead.
 */
import type { ContainerDetails } from "../../../../shared/container_details.ts";
import { err, ok } from "../../../../shared/result.ts";
import type { RuntimeClient, RuntimeError, RuntimeResult } from "../client.ts";
import { ContainerTable, summaryDrifted } from "./container_table.ts";
import { eventAction } from "./event_action.ts";
import { mapLimit } from "./map_limit.ts";
import type { StoreClock, TimerHandle, Timers } from "./timers.ts";

export interface SyncCounters {
  eventsApplied: number;
  eventsIgnored: number;
  junkLines: number;
  driftRepaired: number;
  resyncs: number;
  runtimeCalls: number;
  lastListAt: number | null;
  lastEventAt: number | null;
}

export interface StoreSyncOptions {
  runtime: Pick<RuntimeClient, "list" | "inspect">;
  clock: StoreClock;
  /** Inspects in flight at once. */
  inspectConcurrency: number;
  timers: Timers;
  /**
   * A Podman health event is followed by a second inspect this much later: Podman 4.3.1 writes the event
   * before it stores the check's result, so the first inspect can still see the old status.
   */
  healthRecheckMs: number;
  /** After every change to the table. */
  onChange(): void;
  /** A refresh could not reach the runtime: the store reconnects and re-lists. */
  onRefreshFailed(error: RuntimeError): void;
}

export class StoreSync {
  readonly table = new ContainerTable();
  readonly counters: SyncCounters = {
    eventsApplied: 0,
    eventsIgnored: 0,
    junkLines: 0,
    driftRepaired: 0,
    resyncs: 0,
    runtimeCalls: 0,
    lastListAt: null,
    lastEventAt: null,
  };
  readonly #o: StoreSyncOptions;
  #seq = 0;
  readonly #seqs = new Map<string, number>();
  readonly #dirty = new Set<string>();
  /** Known containers whose details alone changed (health). */
  readonly #dirtyDetails = new Set<string>();
  #flushing: Promise<void> | null = null;
  #lastFlushFailure: { at: number; error: RuntimeError } | null = null;

  constructor(options: StoreSyncOptions) {
    this.#o = options;
  }

  /** One line of the event stream. Junk is counted and skipped. */
  applyLine(line: string): void {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      this.counters.junkLines++;
      return;
    }
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      this.counters.junkLines++;
      return;
    }
    const now = this.#o.clock.now();
    this.counters.lastEventAt = now;
    const action = eventAction(raw);
    if (action.kind === "ignore") {
      this.counters.eventsIgnored++;
      return;
    }
    this.counters.eventsApplied++;
    if (action.kind === "resync") {
      void this.relist("drift");
      return;
    }
    this.#bump(action.id);
    if (action.kind === "remove") {
      this.#dirty.delete(action.id);
      if (this.table.remove(action.id)) this.#o.onChange();
    } else if (action.kind === "health" && this.table.setHealth(action.id, action.status, now)) {
      this.#o.onChange();
    } else if (action.kind === "inspect" && this.table.has(action.id)) {
      void this.markDirty(action.id, "details");
      this.#recheckHealth(action.id);
    } else {
      void this.markDirty(action.id);
    }
  }

  /** Re-reads `id` soon (its summary and details, or the details only), batched with other dirty ones. */
  markDirty(id: string, what: "all" | "details" = "all"): Promise<void> {
    if (what === "all") this.#dirty.add(id);
    else this.#dirtyDetails.add(id);
    return this.flush();
  }

  /** Resolves once every container marked dirty so far was re-read (or the attempt failed). */
  flush(): Promise<void> {
    this.#flushing ??= (async () => {
      try {
        // Let the rest of a received chunk mark its containers too: one batch per burst.
        await Promise.resolve();
        while (this.#dirty.size > 0 || this.#dirtyDetails.size > 0) {
          const batch = [...this.#dirty];
          const detailsOnly = [...this.#dirtyDetails].filter((id) => !this.#dirty.has(id));
          this.#dirty.clear();
          this.#dirtyDetails.clear();
          await this.#refreshBatch(batch, detailsOnly);
        }
      } finally {
        this.#flushing = null;
      }
    })();
    return this.#flushing;
  }

  /** Re-reads one container now; the error when the runtime could not be asked. */
  async refresh(id: string): Promise<RuntimeResult<void>> {
    const startedAt = this.#o.clock.now();
    await this.markDirty(id);
    const failure = this.#lastFlushFailure;
    return failure !== null && failure.at >= startedAt ? err(failure.error) : ok(undefined);
  }

  /**
   * Lists every container and applies the answer. `full` (on connect) counts a resync and answers as soon as
   * the list is applied: every container's details are cleared (they may be old) and inspected in the
   * background, so the store is live after one list. `drift` (periodic) inspects only new or changed ones, and
   * those with a health check (health is not in the list), and counts the differences as repaired drift.
   * Answers how many containers differed.
   */
  async relist(mode: "full" | "drift"): Promise<RuntimeResult<number>> {
    const startSeq = this.#seq;
    this.counters.runtimeCalls++;
    const listed = await this.#o.runtime.list({ all: true });
    if (!listed.ok) return listed;
    const fresh = listed.value;
    const toInspect = mode === "full" ? [] : fresh.filter((s) => {
      const old = this.table.byId(s.id);
      return old === undefined || old.details === null || old.details.healthStatus !== null ||
        summaryDrifted(old.summary, s);
    });
    const inspected = await this.#inspectAll(toInspect.map((s) => s.id));
    const now = this.#o.clock.now();
    let differed = 0;
    const seen = new Set<string>();
    for (const s of fresh) {
      seen.add(s.id);
      if (this.#changedSince(s.id, startSeq)) continue;
      const old = this.table.byId(s.id);
      if (mode === "full") {
        this.table.put(s, null, now);
        this.#dirtyDetails.add(s.id);
        continue;
      }
      const details = inspected.get(s.id);
      const healthMoved = details != null && old?.details != null &&
        details.healthStatus !== old.details.healthStatus;
      if (old === undefined || summaryDrifted(old.summary, s) || healthMoved) differed++;
      if (details === undefined) this.table.putSummary(s, now);
      else this.table.put(s, details, now);
    }
    for (const id of this.table.ids()) {
      if (seen.has(id) || this.#changedSince(id, startSeq)) continue;
      this.table.remove(id);
      differed++;
    }
    if (mode === "drift") this.counters.driftRepaired += differed;
    else this.counters.resyncs++;
    this.counters.lastListAt = now;
    this.#o.onChange();
    if (this.#dirtyDetails.size > 0) void this.flush();
    return ok(differed);
  }

  readonly #rechecks = new Map<string, TimerHandle>();

  #recheckHealth(id: string): void {
    if (this.#rechecks.has(id)) return;
    this.#rechecks.set(
      id,
      this.#o.timers.set(() => {
        this.#rechecks.delete(id);
        if (this.table.has(id)) void this.markDirty(id, "details");
      }, this.#o.healthRecheckMs),
    );
  }

  /** Cancels pending timers (the store stopped). */
  dispose(): void {
    for (const handle of this.#rechecks.values()) this.#o.timers.clear(handle);
    this.#rechecks.clear();
  }

  #bump(id: string): void {
    this.#seqs.set(id, ++this.#seq);
  }

  /** An event touched `id` after `seq`: skip the older answer and re-read it. */
  #changedSince(id: string, seq: number): boolean {
    if ((this.#seqs.get(id) ?? 0) <= seq) return false;
    if (!this.#dirty.has(id)) void this.markDirty(id);
    return true;
  }

  async #inspectAll(ids: readonly string[]): Promise<Map<string, ContainerDetails | null>> {
    this.counters.runtimeCalls += ids.length;
    const answers = await mapLimit(ids, this.#o.inspectConcurrency, (id) => this.#o.runtime.inspect(id));
    return new Map(ids.map((id, i) => {
      const a = answers[i];
      return [id, a !== undefined && a.ok ? a.value : null];
    }));
  }

  async #refreshBatch(batch: readonly string[], detailsOnly: readonly string[]): Promise<void> {
    const all = [...batch, ...detailsOnly];
    const seqAt = new Map(all.map((id) => [id, this.#seqs.get(id) ?? 0]));
    if (batch.length > 0) this.counters.runtimeCalls++;
    const [listed, inspected] = await Promise.all([
      batch.length > 0 ? this.#o.runtime.list({ all: true, ids: batch }) : Promise.resolve(ok([])),
      this.#inspectAll(all),
    ]);
    if (!listed.ok) {
      this.#lastFlushFailure = { at: this.#o.clock.now(), error: listed.error };
      this.#o.onRefreshFailed(listed.error);
      return;
    }
    const now = this.#o.clock.now();
    const byId = new Map(listed.value.map((s) => [s.id, s]));
    for (const id of batch) {
      if (this.#changedSince(id, seqAt.get(id) ?? 0)) continue;
      const summary = byId.get(id);
      if (summary === undefined) this.table.remove(id);
      else this.table.put(summary, inspected.get(id) ?? null, now);
    }
    for (const id of detailsOnly) {
      if (this.#changedSince(id, seqAt.get(id) ?? 0)) continue;
      const entry = this.table.byId(id);
      const details = inspected.get(id) ?? null;
      // Gone (inspect failed): the summary must be re-read too.
      if (entry === undefined || details === null) void this.markDirty(id);
      else this.table.put(entry.summary, details, now);
    }
    this.#o.onChange();
  }
}
