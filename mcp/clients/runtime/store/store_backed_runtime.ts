/**
 * A RuntimeClient whose reads come from the state store (and the stats sampler) while the store is live or
 * resyncing, so callers switch without changing a line or an output: list and inspect answer from memory,
 * a page's stats from the shared sample (one container's from the runtime), writes go to the runtime and then
 * re-read their container (read-your-writes).
 * When the store is down (stopped, or the runtime unreachable) or cannot answer, calls go straight to the
 * runtime, which answers with current data or its own error; never old data.
 */
import { ok } from "../../../../shared/result.ts";
import type { ContainerStats, RuntimeClient, RuntimeResult } from "../client.ts";
import type { StatsSampler } from "./stats_sampler.ts";
import type { ContainerStateStore } from "./store_types.ts";

export function storeBackedRuntime(
  runtime: RuntimeClient,
  store: ContainerStateStore,
  sampler?: StatsSampler,
): RuntimeClient {
  const usable = () => store.status().state !== "down";

  /** Runs a write, then makes the store re-read that container before answering. */
  const writing =
    <A extends unknown[], R>(call: (name: string, ...rest: A) => Promise<RuntimeResult<R>>) =>
    async (name: string, ...rest: A): Promise<RuntimeResult<R>> => {
      const r = await call(name, ...rest);
      if (usable()) await store.refresh(name);
      return r;
    };

  return {
    get socket() {
      return runtime.socket;
    },
    info: () => runtime.info(),
    async list(options = {}) {
      if (!usable() || options.ids !== undefined) return await runtime.list(options);
      const listed = await store.list(options);
      // Still re-listing after the reader's wait: Podman answers (fresh data or its own error).
      return listed.ok ? listed : await runtime.list(options);
    },
    async inspect(name) {
      if (!usable()) return await runtime.inspect(name);
      const got = await store.get(name);
      if (got.ok && got.value.details !== null) return ok(got.value.details);
      // Unknown to the store (created a moment ago?), not inspected, or the store not ready: ask Podman.
      return await runtime.inspect(name);
    },
    async stats(name, options = {}) {
      // A single reader (a tool call) gets current figures; only a page of all containers takes the sample.
      if (sampler === undefined || !usable() || options.shared !== true) return await runtime.stats(name);
      const sample = await sampler.read();
      if (!sample.ok) return await runtime.stats(name);
      const { byId, entries, sampledAt } = sample.value;
      const entry = byId.get(name) ??
        entries.find((e) => e.name === name || (name.length >= 3 && e.id.startsWith(name)));
      if (entry === undefined) return await runtime.stats(name);
      const { id: _id, ...stats } = entry;
      return ok<ContainerStats>({ ...stats, sampledAt });
    },
    start: writing((name) => runtime.start(name)),
    stop: writing((name, options?: { timeoutSeconds?: number }) => runtime.stop(name, options)),
    restart: writing((name, options?: { timeoutSeconds?: number }) => runtime.restart(name, options)),
    remove: writing((name, options?: { force?: boolean }) => runtime.remove(name, options)),
    logs: (name, options) => runtime.logs(name, options),
    events: (options) => runtime.events(options),
  };
}
