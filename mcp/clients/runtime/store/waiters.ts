/** Pending waits: each is checked again on every `notify()` and gives up after its timeout. */
import type { Timers } from "./timers.ts";

interface Waiter {
  check(): boolean;
  finish(outcome: { value: boolean } | { error: unknown }): void;
}

export class Waiters {
  readonly #pending = new Set<Waiter>();
  readonly #timers: Timers;

  constructor(timers: Timers) {
    this.#timers = timers;
  }

  get size(): number {
    return this.#pending.size;
  }

  /** True as soon as `check()` holds (now or after a notify), false after `timeoutMs`; a throwing check rejects. */
  wait(check: () => boolean, timeoutMs: number): Promise<boolean> {
    if (check()) return Promise.resolve(true);
    return new Promise<boolean>((resolve, reject) => {
      const waiter: Waiter = {
        check,
        finish: (outcome) => {
          this.#timers.clear(handle);
          this.#pending.delete(waiter);
          if ("error" in outcome) reject(outcome.error);
          else resolve(outcome.value);
        },
      };
      const handle = this.#timers.set(() => waiter.finish({ value: false }), Math.max(0, timeoutMs));
      this.#pending.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.#pending]) {
      try {
        if (waiter.check()) waiter.finish({ value: true });
      } catch (error) {
        waiter.finish({ error });
      }
    }
  }
}
