/**
 * Cooperative time slicing for long synchronous work on the one JavaScript thread (searching megabytes of log
 * lines): the loop asks `due()` between small units of work and, when its slice is used up, awaits `pause()`,
 * which gives the event loop a turn (so `/healthz` and other requests are answered) and says whether the
 * overall budget still allows more work.
 */
export interface Pacer {
  /** True when the current slice is used up and the caller should `pause()`. */
  due(): boolean;
  /** Lets other work run; resolves false once the budget is spent (the caller then stops). */
  pause(): Promise<boolean>;
  /** True once the budget is spent. */
  readonly spent: boolean;
  readonly budgetMs: number;
}

export interface PacerOptions {
  /** Milliseconds of work allowed in all. */
  budgetMs: number;
  /** Milliseconds of work between two turns of the event loop. @default 20 */
  sliceMs?: number;
  /** A monotonic clock in milliseconds. @default performance.now */
  now?: () => number;
  /** Gives the event loop a turn. @default a zero-delay timer (a macrotask, so I/O callbacks run) */
  yieldTurn?: () => Promise<void>;
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createPacer(options: PacerOptions): Pacer {
  const now = options.now ?? (() => performance.now());
  const yieldTurn = options.yieldTurn ?? macrotask;
  const sliceMs = options.sliceMs ?? 20;
  const started = now();
  let sliceStart = started;
  let spent = false;
  return {
    due: () => now() - sliceStart >= sliceMs,
    async pause() {
      if (now() - started >= options.budgetMs) spent = true;
      if (spent) return false;
      await yieldTurn();
      sliceStart = now();
      return true;
    },
    get spent() {
      return spent;
    },
    budgetMs: options.budgetMs,
  };
}
