/**
 * An in-memory runtime for the state store's tests: containers changed "behind the store's back" with
 * `put`/`remove`, every call counted, failures and held answers on demand.
 */
import type { ContainerDetails } from "../../../../../../shared/container_details.ts";
import { err, ok } from "../../../../../../shared/result.ts";
import type {
  ContainerSummary,
  RuntimeClient,
  RuntimeError,
} from "../../../../../../mcp/clients/runtime/client.ts";

export interface FakeContainer {
  summary: ContainerSummary;
  details: ContainerDetails;
}

/** A 64-hex id derived from the name, so tests can write ids down. */
export function idOf(name: string): string {
  let hex = "";
  for (const ch of name) hex += ch.charCodeAt(0).toString(16).padStart(2, "0");
  return hex.padEnd(64, "0").slice(0, 64);
}

export function fakeContainer(
  name: string,
  state = "running",
  options: { id?: string; health?: string | null; labels?: Record<string, string> } = {},
): FakeContainer {
  const id = options.id ?? idOf(name);
  const labels = options.labels ?? {};
  return {
    summary: {
      id,
      name,
      image: "localhost/busybox:test",
      imageId: "",
      state,
      status: "",
      created: "2026-11-22T04:00:00.000Z",
      labels,
      composeProject: labels["io.podman.compose.project"] ?? null,
      ports: [],
    },
    details: {
      id,
      name,
      image: "localhost/busybox:test",
      imageId: "b0c1d2e3f4a5",
      state,
      running: state === "running",
      startedAt: "2026-11-22T04:00:00.000Z",
      finishedAt: null,
      exitCode: null,
      restartCount: 0,
      restartPolicy: null,
      command: ["sleep", "300"],
      envNames: [],
      mounts: [],
      ports: [],
      labels,
      healthStatus: options.health ?? null,
    },
  };
}

export interface FakeRuntime {
  runtime: Pick<RuntimeClient, "list" | "inspect">;
  calls: { list: number; filteredList: number; inspect: number; total(): number };
  /** `ids` of every filtered list, in order. */
  filteredIds: string[][];
  put(c: FakeContainer): void;
  remove(id: string): void;
  /** Changes state in both the summary and the details. */
  setState(id: string, state: string): void;
  /** Every call fails with this until `fail(null)`. */
  fail(error: RuntimeError | null): void;
  /** Calls wait until `release()`. */
  hold(): void;
  release(): void;
}

export function fakeRuntime(initial: readonly FakeContainer[] = []): FakeRuntime {
  const byId = new Map(initial.map((c) => [c.summary.id, structuredClone(c)]));
  const calls = {
    list: 0,
    filteredList: 0,
    inspect: 0,
    total() {
      return this.list + this.filteredList + this.inspect;
    },
  };
  const filteredIds: string[][] = [];
  let failing: RuntimeError | null = null;
  let gate: { promise: Promise<void>; open(): void } | null = null;
  const pass = async () => {
    if (gate !== null) await gate.promise;
  };
  return {
    runtime: {
      async list(options = {}) {
        if (options.ids !== undefined) {
          calls.filteredList++;
          filteredIds.push([...options.ids]);
        } else calls.list++;
        await pass();
        if (failing) return err(failing);
        const all = [...byId.values()].map((c) => structuredClone(c.summary));
        return ok(all.filter((s) =>
          (options.all !== false || s.state === "running") &&
          (options.ids === undefined || options.ids.includes(s.id))
        ));
      },
      async inspect(name) {
        calls.inspect++;
        await pass();
        if (failing) return err(failing);
        const c = byId.get(name) ?? [...byId.values()].find((x) => x.summary.name === name);
        if (c === undefined) {
          return err({
            kind: "not_found",
            status: 404,
            message: `Cannot inspect container "${name}": no such container`,
          });
        }
        return ok(structuredClone(c.details));
      },
    },
    calls,
    filteredIds,
    put: (c) => void byId.set(c.summary.id, structuredClone(c)),
    remove: (id) => void byId.delete(id),
    setState(id, state) {
      const c = byId.get(id);
      if (c === undefined) throw new Error(`No fake container ${id}`);
      c.summary.state = state;
      c.details.state = state;
      c.details.running = state === "running";
    },
    fail: (error) => void (failing = error),
    hold() {
      let open = () => {};
      const promise = new Promise<void>((r) => (open = r));
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = null;
    },
  };
}
