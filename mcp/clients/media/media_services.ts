/**
 * Wiring for the media tools: the credential store (file in the data dir, secret from ARR_MCP_SECRET or a
 * generated file) and the service registry (env URLs, discovery over the stacks dir and the container runtime).
 * Called once at start-up by the entry point; tools receive the result.
 */
import { sha256Hex } from "../../../shared/encoding.ts";
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
  /** Settles once the store was read at startup and a problem with it, if any, was logged. */
  checked?: Promise<void>;
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
  // Read the store once now, so a damaged or undecryptable file is reported at startup (the media tools keep
  // answering the same message). Not awaited: with a readable file this derives the key (PBKDF2, ~0.8 s here),
  // which the first media call would need anyway, off the event loop.
  const checked = credentials.list().then(
    (stored) => void (stored.ok || options.log?.(`arr-mcp: ${stored.error.message}`)),
    (e: Error) => void options.log?.(`arr-mcp: Cannot check the credential store: ${e.message}`),
  );
  const registry = new ServiceRegistry({
    env: options.env,
    credentials,
    fetch: options.fetch,
    discovery: {
      containers: options.runtime ? containerLookupFromRuntime(options.runtime) : undefined,
      readText: readTextFile,
      stacksDir: options.stacksDir,
    },
    plexClientIdentifier: plexClientIdentifier(options.dataDir),
  });
  const { secret: _secret, ...secretInfo } = resolved;
  return { registry, credentials, secret: secretInfo, checked };
}

/** Stable per installation without storing anything: derived from the data dir path. */
function plexClientIdentifier(dataDir: string): string {
  return `arr-mcp-${sha256Hex(`arr-mcp:${dataDir}`).slice(0, 16)}`;
}
