/**
 * Where the encryption secret comes from. ARR_MCP_SECRET wins. Without it a random 256-bit secret is generated
 * once into `<dataDir>/credentials.secret` (0600, created exclusively so two processes cannot both create one;
 * see mcp/core/secret_file.ts) and reused; there is never a built-in default secret. Anyone who can read the data dir
 * can then decrypt the credentials, so setting ARR_MCP_SECRET (kept outside the data dir) is the stronger setup.
 */
import { encodeBase64 } from "../../../shared/encoding.ts";
import { loadOrCreateSecretFile } from "../../core/secret_file.ts";

export interface ResolvedSecret {
  secret: string;
  source: "env" | "generated-file" | "file";
  /** Path of the secret file when it came from one. */
  path?: string;
}

export async function resolveCredentialSecret(
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<ResolvedSecret> {
  const fromEnv = env.ARR_MCP_SECRET?.trim();
  if (fromEnv) return { secret: fromEnv, source: "env" };
  const path = `${dataDir.replace(/\/+$/, "")}/credentials.secret`;
  const { text, created } = await loadOrCreateSecretFile(path, {
    generate: () => encodeBase64(crypto.getRandomValues(new Uint8Array(32))),
    accept: (t) => t.length > 0,
  });
  return { secret: text, source: created ? "generated-file" : "file", path };
}
