/**
 * Dashboard session cookies. The value is `v1.<expiry base36>.<nonce>.<HMAC-SHA256>`: it carries no key and
 * nothing secret, only proof that this server issued it. The MAC key is derived from the server's session
 * secret and the API key, so rotating either ends every session. Pure apart from the random nonce.
 */
import { createHmac } from "node:crypto";
import { timingSafeEqual } from "hono/utils/buffer";
import { encodeBase64Url } from "../../shared/encoding.ts";

export const SESSION_COOKIE = "arr_mcp_session";
/** @default 7 days */
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SessionKeys {
  /** At least 32 random bytes, kept in the data dir. */
  secret: Uint8Array;
  apiKey: string;
}

export interface IssuedSession {
  value: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

function macKey(keys: SessionKeys): Uint8Array {
  return createHmac("sha256", keys.secret).update(`arr-mcp-dashboard-session-key\n${keys.apiKey}`).digest();
}

/** The signature as it appears in the cookie (base64url). */
function mac(key: Uint8Array, expiresAt: number, nonce: string): string {
  return encodeBase64Url(
    createHmac("sha256", key).update(`arr-mcp-dashboard-v1\n${expiresAt}\n${nonce}`).digest(),
  );
}

export function issueSession(keys: SessionKeys, nowMs: number, ttlMs = SESSION_TTL_MS): IssuedSession {
  if (keys.secret.length < 32) throw new Error("Cannot issue a session: secret is shorter than 32 bytes");
  const nonce = encodeBase64Url(crypto.getRandomValues(new Uint8Array(16)));
  const expiresAt = nowMs + ttlMs;
  const sig = mac(macKey(keys), expiresAt, nonce);
  return { value: `v1.${expiresAt.toString(36)}.${nonce}.${sig}`, expiresAt };
}

/**
 * True only for an unexpired value this server issued under the same secret and API key. The signature is
 * compared in constant time (hono's `timingSafeEqual`).
 */
export async function verifySession(keys: SessionKeys, value: string, nowMs: number): Promise<boolean> {
  const parts = value.split(".");
  const [version, exp36, nonce, sig] = parts;
  if (parts.length !== 4 || version !== "v1" || !exp36 || !nonce || !sig) return false;
  if (!/^[0-9a-z]{1,12}$/.test(exp36) || !/^[\w-]{16,64}$/.test(nonce)) return false;
  const expiresAt = parseInt(exp36, 36);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= nowMs) return false;
  return await timingSafeEqual(sig, mac(macKey(keys), expiresAt, nonce));
}
