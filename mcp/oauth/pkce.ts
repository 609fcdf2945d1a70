/** PKCE (RFC 7636), S256 only: `BASE64URL(SHA256(verifier)) == challenge`, compared in constant time. */
import { createHash, timingSafeEqual } from "node:crypto";
import { encodeBase64Url } from "../../shared/encoding.ts";

/** A verifier: 43 to 128 unreserved characters (RFC 7636 §4.1). */
export const PKCE_VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;
/** An S256 challenge: the base64url SHA-256, 43 characters. */
export const PKCE_CHALLENGE_PATTERN = /^[A-Za-z0-9\-_]{43}$/;

export function s256Challenge(verifier: string): string {
  return encodeBase64Url(createHash("sha256").update(verifier).digest());
}

export function pkceMatches(verifier: string, challenge: string): boolean {
  if (!PKCE_VERIFIER_PATTERN.test(verifier) || !PKCE_CHALLENGE_PATTERN.test(challenge)) return false;
  const a = new TextEncoder().encode(s256Challenge(verifier));
  const b = new TextEncoder().encode(challenge);
  return a.length === b.length && timingSafeEqual(a, b);
}
