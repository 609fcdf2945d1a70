/**
 * What to tell the user when the credential store cannot be used: the file, what is wrong, that it was left as
 * it is (it may hold the only copy of the credentials), and how to fix it. Pure: the store passes its location.
 */
import type { CredentialCryptoErrorKind } from "./credential_crypto.ts";

export type CredentialFaultKind = CredentialCryptoErrorKind | "io";

const FRESH_START =
  "or move it aside and store the credentials again with credential_set (or the *_API_KEY " +
  "variables)";

const FIXES: Record<CredentialFaultKind, string> = {
  corrupt: `restore it from a backup, ${FRESH_START}`,
  tampered: `restore it from a backup, ${FRESH_START}`,
  wrong_secret: "start arr-mcp with the ARR_MCP_SECRET the file was written with (without ARR_MCP_SECRET: " +
    `restore the credentials.secret file beside it), ${FRESH_START}`,
  io: "make it readable and writable by the user arr-mcp runs as (mode 0600)",
};

/**
 * `detail`: the reason without a "Cannot …:" head, e.g. `not JSON`. The message names the file and the fix:
 * `Cannot use the credential store "/data/credentials.json": not JSON. It was left as it is. Fix: …`.
 */
export function credentialFault(kind: CredentialFaultKind, location: string, detail: string): string {
  return `Cannot use the credential store "${location}": ${detail}. It was left as it is. Fix: ${
    FIXES[kind]
  }`;
}

/** The reason part of a credential_crypto.ts message (`Cannot read credentials file: not JSON` → `not JSON`). */
export function faultDetail(message: string): string {
  const colon = message.indexOf(": ");
  return colon < 0 ? message : message.slice(colon + 2);
}
