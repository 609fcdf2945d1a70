/**
 * The store's memory: containers by id, with lookup by name or id prefix. No I/O and no clock (times are
 * passed in); the store decides what to put here.
 */
import type { ContainerDetails } from "../../../../shared/container_details.ts";
import type { ContainerSummary } from "../client.ts";
import type { StoredContainer } from "./store_types.ts";

/** Shortest id prefix `find` accepts, as the podman CLI does not go below it either. */
export const MIN_ID_PREFIX = 3;

export class ContainerTable {
  readonly #byId = new Map<string, StoredContainer>();

  get size(): number {
    return this.#byId.size;
  }

  ids(): string[] {
    return [...this.#byId.keys()];
  }

  has(id: string): boolean {
    return this.#byId.has(id);
  }

  byId(id: string): StoredContainer | undefined {
    return this.#byId.get(id);
  }

  put(summary: ContainerSummary, details: ContainerDetails | null, at: number): void {
    this.#byId.set(summary.id, { summary, details, updatedAt: at });
  }

  /** Keeps the details; for a re-list that found no change worth an inspect. */
  putSummary(summary: ContainerSummary, at: number): void {
    const old = this.#byId.get(summary.id);
    this.#byId.set(summary.id, { summary, details: old?.details ?? null, updatedAt: at });
  }

  remove(id: string): boolean {
    return this.#byId.delete(id);
  }

  /** False when the container is unknown (the caller then re-reads it). */
  setHealth(id: string, status: string, at: number): boolean {
    const entry = this.#byId.get(id);
    if (entry === undefined || entry.details === null) return false;
    this.#byId.set(id, { ...entry, details: { ...entry.details, healthStatus: status }, updatedAt: at });
    return true;
  }

  /** Exact name, then full id, then a unique id prefix. */
  find(idOrName: string): StoredContainer | undefined {
    const key = idOrName.startsWith("/") ? idOrName.slice(1) : idOrName;
    for (const entry of this.#byId.values()) if (entry.summary.name === key) return entry;
    const exact = this.#byId.get(key);
    if (exact !== undefined || key.length < MIN_ID_PREFIX) return exact;
    const matches = [...this.#byId.values()].filter((e) => e.summary.id.startsWith(key));
    return matches.length === 1 ? matches[0] : undefined;
  }

  /** Sorted by id, the order Podman lists them in; `all: false` keeps running containers only. */
  summaries(options: { all?: boolean } = {}): ContainerSummary[] {
    return [...this.#byId.values()]
      .map((e) => e.summary)
      .filter((s) => options.all !== false || s.state === "running")
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

/**
 * Whether two summaries of one container differ in what the events should have reported. `status` is left
 * out: Docker's "Up 3 minutes" changes with time alone.
 */
export function summaryDrifted(a: ContainerSummary, b: ContainerSummary): boolean {
  return a.name !== b.name || a.state !== b.state || a.image !== b.image ||
    JSON.stringify(a.ports) !== JSON.stringify(b.ports) ||
    JSON.stringify(sorted(a.labels)) !== JSON.stringify(sorted(b.labels));
}

function sorted(labels: Record<string, string>): Array<[string, string]> {
  return Object.entries(labels).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}
