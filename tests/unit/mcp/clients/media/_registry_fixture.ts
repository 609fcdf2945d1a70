import { CredentialStore } from "../../../../../mcp/clients/media/credentials.ts";
import { MemoryCredentialStorage } from "../../../../../mcp/clients/media/credential_storage.ts";
import type { ContainerLookup, ServiceContainer } from "../../../../../mcp/clients/media/discovery.ts";
import { readTextFile } from "../../../../../mcp/clients/media/discovery.ts";
import { ServiceRegistry } from "../../../../../mcp/clients/media/registry.ts";

/** A registry over a memory credential store, a fixed container table and a real (temp) stacks dir. */
export function testRegistry(options: {
  env?: Record<string, string>;
  containers?: Record<string, ServiceContainer>;
  stacksDir?: string;
}) {
  const env = options.env ?? {};
  const credentials = new CredentialStore({
    storage: new MemoryCredentialStorage(),
    secret: "test secret",
    env,
    iterations: 1_000,
  });
  const lookups: string[] = [];
  const containers: ContainerLookup = {
    findService: (service) => {
      lookups.push(service);
      return Promise.resolve(options.containers?.[service] ?? null);
    },
  };
  const registry = new ServiceRegistry({
    env,
    credentials,
    fetch,
    discovery: { containers, readText: readTextFile, stacksDir: options.stacksDir ?? "/nonexistent-stacks" },
    plexClientIdentifier: "arr-mcp-test",
    clientOptions: { retries: 0, timeoutMs: 2_000 },
  });
  return { registry, credentials, lookups };
}
