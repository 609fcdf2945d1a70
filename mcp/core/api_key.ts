/**
 * The API key when none is configured: generated once (32 random bytes, base64url), stored 0600 in the data
 * dir, reused on later starts. There is never a default key.
 */
import { encodeBase64Url } from "../../shared/encoding.ts";
import { loadOrCreateSecretFile } from "./secret_file.ts";

export const API_KEY_FILE = "api-key";

export function generateApiKey(): string {
  return encodeBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Reads `<dataDir>/api-key`, or creates it (0600, dir 0700). `created` tells whether to print it. */
export async function loadOrCreateApiKey(
  dataDir: string,
): Promise<{ key: string; created: boolean; path: string }> {
  const path = `${dataDir}/${API_KEY_FILE}`;
  const { text, created } = await loadOrCreateSecretFile(path, {
    generate: generateApiKey,
    accept: (key) => key.length >= 16,
  });
  return { key: text, created, path };
}

/** The ready-to-paste Claude Code command (user scope: every project of that user sees the server). */
export function claudeAddCommand(url: string, key: string): string {
  return `claude mcp add --transport http --scope user arr-mcp ${url} --header "Authorization: Bearer ${key}"`;
}
