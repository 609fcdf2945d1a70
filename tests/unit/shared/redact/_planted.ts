/** The service config fixtures and every secret planted in them. */
import assert from "node:assert/strict";

const FIXTURES = new URL("../../../fixtures/service_configs/", import.meta.url);
export const fixture = (name: string) => Deno.readTextFileSync(new URL(name, FIXTURES));

/** Every secret planted in the fixtures; none may survive redaction. */
export const SECRETS = [
  "0123456789abcdef0123456789abcdef",
  "fedcba9876543210fedcba9876543210",
  "hunter2-cert-pass",
  "5abcdef0123456789abcdef012345678",
  "9876543210fedcba9876543210fedcba",
  "usenet-S3cret!",
  "qbt_0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  "ARQ77eY1NUZaQsuDHbIMCA",
  "xyzPlexTokenAbC123456",
  "b4zarr0123456789abcdef0123456789",
  "0pensubs-pass",
  "MTY5OTk5OTk5OTk5OWJjZGVmZ2hpamtsbW5vcA",
  "vApIdPrIvAtEkEy987654321",
  "claim-AbCdEf123456",
  "wOEI9rqqbDwnN8",
  "adminpass",
  "eyJhbGciOiJIUzI1NiJ9",
  "indexerKEY999",
];

export function assertNoSecrets(text: string, file: string) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${file} still contains ${s}`);
}
