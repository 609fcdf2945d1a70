/** MediaServices for tests and benchmarks: a memory credential store, URLs and keys from `env`, no discovery. */
import { CredentialStore } from "../../../mcp/clients/media/credentials.ts";
import { MemoryCredentialStorage } from "../../../mcp/clients/media/credential_storage.ts";
import type { MediaServices } from "../../../mcp/clients/media/media_services.ts";
import { ServiceRegistry, type ServiceRegistryOptions } from "../../../mcp/clients/media/registry.ts";

export interface MemoryMediaOptions {
  /** Passed to every service client. @default the clients' own defaults */
  clientOptions?: ServiceRegistryOptions["clientOptions"];
}

export function memoryMediaServices(
  env: Record<string, string>,
  options: MemoryMediaOptions = {},
): MediaServices {
  const credentials = new CredentialStore({
    storage: new MemoryCredentialStorage(),
    secret: "test secret",
    env,
    iterations: 1_000,
  });
  const registry = new ServiceRegistry({
    env,
    credentials,
    fetch,
    discovery: {
      containers: undefined,
      readText: () => Promise.resolve(null),
      stacksDir: "/nonexistent-stacks",
    },
    plexClientIdentifier: "arr-mcp-test",
    ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
  });
  return { registry, credentials, secret: { source: "env" } };
}
