/**
 * Caps the MCP requests worked on at once. Each one in flight holds an McpServer (every tool family's schemas
 * and closures, see server_pool.ts) plus its body and answer; with no cap, 1,000 concurrent tools/call requests
 * took the server's RSS from 85 to 907 MB. Up to `maxInflight` requests run; up to `maxQueued` more wait in
 * arrival order; beyond that `enter` answers null and the caller sends 503 with Retry-After. (A waiter whose
 * client went away still takes its turn: Deno's `request.signal` also fires after every successful answer and
 * warns when used, so it is no way to tell.)
 */
export interface InflightGate {
  /** Resolves to a release function once the request may run, or null when the queue is full too. */
  enter(): Promise<(() => void) | null>;
  readonly inflight: number;
  readonly queued: number;
}

export interface InflightLimits {
  maxInflight: number;
  maxQueued: number;
}

/** Waiting room per slot: the queue holds this many requests for each one that may run. */
export const QUEUED_PER_INFLIGHT = 2;

/** The limits for ARR_MCP_MAX_INFLIGHT (config.ts), the one number they are derived from. */
export function inflightLimits(maxInflight: number): InflightLimits {
  return { maxInflight, maxQueued: maxInflight * QUEUED_PER_INFLIGHT };
}

export function createInflightGate(limits: InflightLimits): InflightGate {
  let inflight = 0;
  const waiting: Array<(release: () => void) => void> = [];

  const releaser = () => {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) next(releaser()); // the slot passes straight to the next waiter
      else inflight--;
    };
  };

  return {
    enter() {
      if (inflight < limits.maxInflight) {
        inflight++;
        return Promise.resolve(releaser());
      }
      if (waiting.length >= limits.maxQueued) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    get inflight() {
      return inflight;
    },
    get queued() {
      return waiting.length;
    },
  };
}
