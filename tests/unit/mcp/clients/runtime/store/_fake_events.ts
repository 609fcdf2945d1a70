/** An event source whose stream the test writes to, drops, or refuses to open. */
import { err, ok } from "../../../../../../shared/result.ts";
import type { RuntimeError } from "../../../../../../mcp/clients/runtime/client.ts";
import type { EventSource } from "../../../../../../mcp/clients/runtime/store/events_source.ts";

export interface FakeEvents {
  source: EventSource;
  /** Streams opened so far. */
  readonly opens: number;
  /** Whether a stream is open now. */
  readonly connected: boolean;
  /** Writes event objects as NDJSON, all in one chunk. */
  send(...events: unknown[]): void;
  /** Writes raw text (junk, partial lines). */
  sendRaw(text: string): void;
  /** Ends the open stream as a dropped connection does. */
  drop(): void;
  /** The next opens fail with this (until `refuse(null)`). */
  refuse(error: RuntimeError | null): void;
}

export const UNREACHABLE: RuntimeError = {
  kind: "unreachable",
  message: "Cannot follow runtime events: the podman API at /fake.sock is unreachable (connection refused)",
};

export function fakeEvents(): FakeEvents {
  let opens = 0;
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  let refusing: RuntimeError | null = null;
  const enc = new TextEncoder();
  const fake: FakeEvents = {
    source: {
      open(signal) {
        opens++;
        if (refusing !== null) return Promise.resolve(err(refusing));
        const stream = new ReadableStream<Uint8Array>({
          start(c) {
            controller = c;
          },
          cancel() {
            controller = null;
          },
        });
        signal.addEventListener("abort", () => {
          try {
            controller?.close();
          } catch { /* already closed */ }
          controller = null;
        }, { once: true });
        return Promise.resolve(ok(stream));
      },
    },
    get opens() {
      return opens;
    },
    get connected() {
      return controller !== null;
    },
    send(...events) {
      fake.sendRaw(events.map((e) => `${JSON.stringify(e)}\n`).join(""));
    },
    sendRaw(text) {
      if (controller === null) throw new Error("No event stream is open");
      controller.enqueue(enc.encode(text));
    },
    drop() {
      controller?.close();
      controller = null;
    },
    refuse: (error) => void (refusing = error),
  };
  return fake;
}

/** An event line shaped like Podman 4.3.1's (tests/fixtures/podman_4.3.1/events.ndjson). */
export function podmanEvent(action: string, id: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    status: action,
    id,
    from: "localhost/busybox:test",
    Type: "container",
    Action: action,
    Actor: {
      ID: id,
      Attributes: { containerExitCode: "0", image: "localhost/busybox:test", name, podId: "" },
    },
    scope: "local",
    time: 1796178976,
    timeNano: 1796178976396393975,
    ...extra,
  };
}
