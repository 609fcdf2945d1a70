/**
 * Confirmation tokens for destructive tools. A token is an HMAC, under a per-process secret, over the way it is
 * redeemed (`path`), the tool name and the canonical JSON of the resolved operation, plus a nonce and an expiry.
 * The `token` path hands it to the model as `confirm_token`; the `elicitation` path hands it to the client as the
 * `requestState` of a confirmation dialog (protocol 2026-07-28), so one can never stand in for the other. It is valid for one use within `ttlMs`; any other tool, changed
 * operation, expired or replayed token is refused. A restart invalidates all tokens (new secret).
 */
import { createHmac } from "node:crypto";
import { timingSafeEqual } from "hono/utils/buffer";
import { encodeBase64Url } from "../../shared/encoding.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import type { Clock } from "./clock.ts";

export const CONFIRM_TTL_MS = 5 * 60 * 1000;

export type ConfirmFailureKind = "malformed" | "mismatch" | "expired" | "used";

/** How a destructive call was confirmed: a `confirm_token` from the model, or a person's answer to a dialog. */
export type ConfirmPath = "token" | "elicitation";

export interface ConfirmFailure {
  kind: ConfirmFailureKind;
  message: string;
}

export interface IssuedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface ConfirmTokens {
  /** `path` @default "token" */
  issue(tool: string, operation: unknown, path?: ConfirmPath): IssuedToken;
  /**
   * Checks the token against exactly this path, tool and operation (constant-time, hono's `timingSafeEqual`)
   * and, if valid, uses it up. `path` @default "token"
   */
  redeem(
    token: string,
    tool: string,
    operation: unknown,
    path?: ConfirmPath,
  ): Promise<Result<void, ConfirmFailure>>;
}

export interface ConfirmOptions {
  clock: Clock;
  /** At least 32 random bytes. */
  secret: Uint8Array;
  /** @default {CONFIRM_TTL_MS} */
  ttlMs?: number;
}

export function createConfirmTokens(options: ConfirmOptions): ConfirmTokens {
  if (options.secret.length < 32) {
    throw new Error("Cannot create confirm tokens: secret is shorter than 32 bytes");
  }
  const ttlMs = options.ttlMs ?? CONFIRM_TTL_MS;
  /** nonce → expiry of used tokens; entries are dropped once expired (an expired token is refused anyway). */
  const used = new Map<string, number>();

  const mac = (path: ConfirmPath, tool: string, operation: unknown, nonce: string, expiresAt: number) =>
    encodeBase64Url(
      createHmac("sha256", options.secret)
        .update(`arr-mcp-confirm-v1\n${path}\n${tool}\n${canonicalJson(operation)}\n${nonce}\n${expiresAt}`)
        .digest(),
    );

  return {
    issue(tool, operation, path = "token") {
      const nonce = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
      const expiresAt = options.clock.now() + ttlMs;
      const sig = mac(path, tool, operation, nonce, expiresAt);
      return { token: `v1.${nonce}.${expiresAt.toString(36)}.${sig}`, expiresAt };
    },
    async redeem(token, tool, operation, path = "token") {
      const parts = token.split(".");
      const [version, nonce, exp36, sig] = parts;
      if (parts.length !== 4 || version !== "v1" || !nonce || !exp36 || !sig) {
        return err({
          kind: "malformed",
          message: "Cannot use confirm_token: it is not a token this server issued",
        });
      }
      const expiresAt = parseInt(exp36, 36);
      if (
        !Number.isSafeInteger(expiresAt) ||
        !(await timingSafeEqual(sig, mac(path, tool, operation, nonce, expiresAt)))
      ) {
        return err({
          kind: "mismatch",
          message: `Cannot use confirm_token: it was not issued for this exact "${tool}" operation`,
        });
      }
      // From here on nothing awaits, so two redeems of one token cannot both pass the "used" check.
      const now = options.clock.now();
      for (const [n, e] of used) if (e <= now) used.delete(n);
      if (expiresAt <= now) {
        return err({
          kind: "expired",
          message: "Cannot use confirm_token: it has expired (tokens last 5 minutes)",
        });
      }
      if (used.has(nonce)) {
        return err({ kind: "used", message: "Cannot use confirm_token: it has already been used" });
      }
      used.set(nonce, expiresAt);
      return ok(undefined);
    },
  };
}

/** JSON with object keys sorted at every level, so equal operations give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? "null";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}
