import { AssertionError } from "node:assert/strict";
import type { Result } from "../../../../../shared/result.ts";

/** Narrows a Result to its success, failing with the error text otherwise. */
export function assertOk<T, E>(result: Result<T, E>): asserts result is { ok: true; value: T } {
  if (!result.ok) {
    throw new AssertionError({ message: `expected ok, got error ${JSON.stringify(result.error)}` });
  }
}

/** Narrows a Result to its failure. */
export function assertErr<T, E>(result: Result<T, E>): asserts result is { ok: false; error: E } {
  if (result.ok) {
    throw new AssertionError({ message: `expected an error, got ${JSON.stringify(result.value)}` });
  }
}

export { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
