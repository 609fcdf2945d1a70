/**
 * Wiring for the media tools: the credential store (file in the data dir, secret from ARR_MCP_SECRET or a
 * generated file) and the service registry (env URLs, discovery over the stacks dir and the container runtime).
 * Called once at start-up by the entry point; tools receive the result.
 */
import type { RuntimeClient } from "../runtime/client.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import { resolveCredentialSecret, type ResolvedSecret } from "./credential_secret.ts";
import { FileCredentialStorage } from "./credential_storage.ts";
import { CredentialStore } from "./credentials.ts";
import { readTextFile } from "./discovery.ts";
import { ServiceRegistry } from "./registry.ts";
import { containerLookupFromRuntime } from "./runtime_ports.ts";

export interface MediaServices {
  registry: ServiceRegistry;
  credentials: CredentialStore;
  /** Where the encryption secret came from (never the secret itself). */
  secret: Omit<ResolvedSecret, "secret">;
}

export interface MediaServicesOptions {
  env: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  stacksDir: string;
  runtime: Pick<RuntimeClient, "list" | "inspect"> | undefined;
  fetch: FetchLike;
  log?: (line: string) => void;
}

export const CREDENTIALS_FILE = "credentials.json";

export async function createMediaServices(options: MediaServicesOptions): Promise<MediaServices> {
  const resolved = await resolveCredentialSecret(options.env, options.dataDir);
  if (resolved.source === "generated-file") {
    options.log?.(
      `arr-mcp: ARR_MCP_SECRET is not set; generated a credentials secret in ${resolved.path} (0600). ` +
        "Set ARR_MCP_SECRET to keep the secret outside the data dir.",
    );
  }
  const credentials = new CredentialStore({
    storage: new FileCredentialStorage(`${options.dataDir.replace(/\/+$/, "")}/${CREDENTIALS_FILE}`),
    secret: resolved.secret,
    env: options.env,
  });
  const registry = new ServiceRegistry({
    env: options.env,
    credentials,
    fetch: options.fetch,
    discovery: {
      containers: options.runtime ? containerLookupFromRuntime(options.runtime) : undefined,
      readText: readTextFile,
      stacksDir: options.stacksDir,
    },
    plexClientIdentifier: await plexClientIdentifier(options.dataDir),
  });
  const { secret: _secret, ...secretInfo } = resolved;
  return { registry, credentials, secret: secretInfo };
}

/** Stable per installation without storing anything: derived from the data dir path. */
async function plexClientIdentifier(dataDir: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`arr-mcp:${dataDir}`)),
  );
  return `arr-mcp-${[...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
