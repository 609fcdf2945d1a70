/**
 * The consent form's CSRF token: an HMAC over the session cookie and the authorization request id, keyed from
 * the dashboard's session secret. It is valid only in the session that saw the page, for that one request.
 */
import { createHmac } from "node:crypto";
import { timingSafeEqual } from "hono/utils/buffer";
import { encodeBase64Url } from "../../shared/encoding.ts";

function csrfKey(secret: Uint8Array): Uint8Array {
  return createHmac("sha256", secret).update("arr-mcp-consent-csrf-key").digest();
}

export function consentCsrfToken(secret: Uint8Array, session: string, requestId: string): string {
  return encodeBase64Url(createHmac("sha256", csrfKey(secret)).update(`${session}\n${requestId}`).digest());
}

export async function consentCsrfValid(
  secret: Uint8Array,
  session: string,
  requestId: string,
  token: string,
): Promise<boolean> {
  return await timingSafeEqual(token, consentCsrfToken(secret, session, requestId));
}
