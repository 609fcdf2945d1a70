/**
 * Encryption of the credentials file: AES-256-GCM (WebCrypto) with a key derived from ARR_MCP_SECRET by
 * PBKDF2-HMAC-SHA256.
 *
 * Why PBKDF2 and not HKDF: ARR_MCP_SECRET is typed by a person and may be a passphrase with little entropy. HKDF
 * only spreads entropy that is already there; PBKDF2's iteration count makes each guess expensive. (A generated
 * secret is high-entropy anyway, so the cost buys nothing there but harms nothing: the key is derived once per
 * process and cached.)
 *
 * The derivation yields 512 bits: the first half is the AES key, the SHA-256 of the second half is stored as a
 * key check. So a wrong secret ("check" differs) is told apart from a tampered file (check matches, GCM fails).
 * The header (format, KDF parameters, salt, check) is the GCM additional data, so editing it is detected too.
 */
import { decodeBase64, encodeBase64 } from "../../../shared/encoding.ts";
import { err, ok, type Result } from "../../../shared/result.ts";

export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
const FORMAT = "arr-mcp-credentials";

export type CredentialCryptoErrorKind = "wrong_secret" | "tampered" | "corrupt";
export interface CredentialCryptoError {
  kind: CredentialCryptoErrorKind;
  message: string;
}

interface Header {
  format: typeof FORMAT;
  version: 1;
  kdf: { name: "PBKDF2"; hash: "SHA-256"; iterations: number; salt: string };
  check: string;
}
interface Envelope extends Header {
  cipher: { name: "AES-256-GCM"; iv: string; data: string };
}

export interface DerivedKey {
  salt: string;
  iterations: number;
  aes: CryptoKey;
  check: string;
}

export async function deriveKey(secret: string, salt: string, iterations: number): Promise<DerivedKey> {
  const material = await crypto.subtle.importKey("raw", new TextEncoder().encode(secret), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = new Uint8Array(
    await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: decodeBase64(salt), iterations },
      material,
      512,
    ),
  );
  const aes = await crypto.subtle.importKey("raw", bits.slice(0, 32), "AES-GCM", false, [
    "encrypt",
    "decrypt",
  ]);
  const check = encodeBase64(new Uint8Array(await crypto.subtle.digest("SHA-256", bits.slice(32))));
  return { salt, iterations, aes, check };
}

export function newSalt(): string {
  return encodeBase64(crypto.getRandomValues(new Uint8Array(16)));
}

function headerOf(key: DerivedKey): Header {
  return {
    format: FORMAT,
    version: 1,
    kdf: { name: "PBKDF2", hash: "SHA-256", iterations: key.iterations, salt: key.salt },
    check: key.check,
  };
}

const aad = (header: Header): Uint8Array<ArrayBuffer> => new TextEncoder().encode(JSON.stringify(header));

export async function encryptJson(key: DerivedKey, value: unknown): Promise<Uint8Array> {
  const header = headerOf(key);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: aad(header) }, key.aes, plain),
  );
  const envelope: Envelope = {
    ...header,
    cipher: { name: "AES-256-GCM", iv: encodeBase64(iv), data: encodeBase64(data) },
  };
  return new TextEncoder().encode(JSON.stringify(envelope, null, 2) + "\n");
}

/** Reads the KDF parameters of an encrypted file without the secret. */
export function readKdfParams(
  bytes: Uint8Array,
): Result<{ salt: string; iterations: number }, CredentialCryptoError> {
  const envelope = parseEnvelope(bytes);
  return envelope.ok
    ? ok({ salt: envelope.value.kdf.salt, iterations: envelope.value.kdf.iterations })
    : envelope;
}

export async function decryptJson(
  key: DerivedKey,
  bytes: Uint8Array,
): Promise<Result<unknown, CredentialCryptoError>> {
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) return parsed;
  const envelope = parsed.value;
  if (envelope.check !== key.check) {
    return err({
      kind: "wrong_secret",
      message:
        "Cannot decrypt credentials: ARR_MCP_SECRET does not match the secret the file was written with",
    });
  }
  const header: Header = {
    format: envelope.format,
    version: envelope.version,
    kdf: envelope.kdf,
    check: envelope.check,
  };
  try {
    const plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: decodeBase64(envelope.cipher.iv), additionalData: aad(header) },
      key.aes,
      decodeBase64(envelope.cipher.data),
    );
    return ok(JSON.parse(new TextDecoder().decode(plain)));
  } catch {
    return err({
      kind: "tampered",
      message: "Cannot decrypt credentials: the file was modified or damaged (authentication tag mismatch)",
    });
  }
}

function parseEnvelope(bytes: Uint8Array): Result<Envelope, CredentialCryptoError> {
  const corrupt = (why: string) =>
    err({ kind: "corrupt" as const, message: `Cannot read credentials file: ${why}` });
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return corrupt("not JSON");
  }
  const e = value as Partial<Envelope> | null;
  if (!e || typeof e !== "object" || e.format !== FORMAT) return corrupt(`"format" is not "${FORMAT}"`);
  if (e.version !== 1) return corrupt(`unsupported "version" ${JSON.stringify(e.version)}`);
  const kdf = e.kdf;
  if (
    !kdf || kdf.name !== "PBKDF2" || kdf.hash !== "SHA-256" || !Number.isInteger(kdf.iterations) ||
    kdf.iterations < 1 || typeof kdf.salt !== "string"
  ) return corrupt('"kdf" is invalid');
  if (typeof e.check !== "string") return corrupt('"check" is missing');
  const c = e.cipher;
  if (!c || c.name !== "AES-256-GCM" || typeof c.iv !== "string" || typeof c.data !== "string") {
    return corrupt('"cipher" is invalid');
  }
  try {
    decodeBase64(c.iv);
    decodeBase64(c.data);
    decodeBase64(kdf.salt);
  } catch {
    return corrupt("invalid base64");
  }
  return ok(e as Envelope);
}
