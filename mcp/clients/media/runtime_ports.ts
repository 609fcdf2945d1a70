/** Adapter from the core's RuntimeClient to the narrow ContainerLookup discovery needs. */
import { knownService, serviceForImage } from "./known_services.ts";
import type { RuntimeClient } from "../runtime/client.ts";
import type { ContainerLookup, ServiceContainer } from "./discovery.ts";

export function containerLookupFromRuntime(
  runtime: Pick<RuntimeClient, "list" | "inspect">,
): ContainerLookup {
  return {
    async findService(service: string): Promise<ServiceContainer | null> {
      const listed = await runtime.list({ all: false });
      if (!listed.ok) return null;
      const match = listed.value.find((c) => serviceForImage(c.image)?.key === service);
      if (!match) return null;
      const details = await runtime.inspect(match.id);
      const configDirs = knownService(service)?.containerConfigDirs ?? ["/config"];
      const mount = details.ok
        ? details.value.mounts.find((m) => configDirs.includes(m.destination.replace(/\/+$/, "")))
        : undefined;
      return {
        name: match.name,
        configDir: mount?.source ?? null,
        ports: details.ok && details.value.ports.length > 0 ? details.value.ports : match.ports,
      };
    },
  };
}
