/**
 * Checked authorization requests waiting for the admin's decision on the consent page, in memory, by a random
 * id. Each lives 10 minutes and is decided once; at most `max` wait (the oldest is dropped), so anonymous
 * requests cannot fill memory.
 */
import { encodeBase64Url } from "../../shared/encoding.ts";
import type { Clock } from "../core/clock.ts";
import type { AuthorizationRequest } from "./authorization_request.ts";

export const PENDING_TTL_MS = 10 * 60 * 1000;
const MAX_PENDING = 200;

export interface PendingRequests {
  add(request: AuthorizationRequest): string;
  get(id: string): AuthorizationRequest | undefined;
  /** Returns the request and forgets it: a decision is taken once. */
  take(id: string): AuthorizationRequest | undefined;
}

export function pendingRequests(clock: Clock, max = MAX_PENDING): PendingRequests {
  const waiting = new Map<string, { request: AuthorizationRequest; at: number }>();
  const live = (id: string) => {
    const entry = waiting.get(id);
    if (entry && clock.now() - entry.at >= PENDING_TTL_MS) waiting.delete(id);
    return waiting.get(id)?.request;
  };
  return {
    add(request) {
      const id = encodeBase64Url(crypto.getRandomValues(new Uint8Array(18)));
      waiting.set(id, { request, at: clock.now() });
      while (waiting.size > max) waiting.delete(waiting.keys().next().value as string);
      return id;
    },
    get: live,
    take(id) {
      const request = live(id);
      waiting.delete(id);
      return request;
    },
  };
}
