/**
 * Finding a service's URL when no *_URL variable is set: the port and URL base come from the service's own config
 * file (config.xml Port/UrlBase, sabnzbd.ini, qBittorrent.conf WebUI\Port, Plex Preferences.xml), the host port
 * from the container's published ports. The container lookup and the file reader are injected.
 */
import { knownService, parseServiceConfig } from "./known_services.ts";

/** What the runtime knows about a service's container (narrow on purpose: see runtime_ports.ts). */
export interface ServiceContainer {
  name: string;
  /** Host directory mounted at the service's config dir, if any. */
  configDir: string | null;
  /** Published ports as the runtime prints them: "0.0.0.0:8989->8989/tcp", "8989->8989/tcp". */
  ports: readonly string[];
}

export interface ContainerLookup {
  /** The running container that ships this service (matched by image), or null. */
  findService(service: string): Promise<ServiceContainer | null>;
}

export type ReadText = (path: string) => Promise<string | null>;

export interface DiscoveredUrl {
  url: string;
  /** How it was found, for credential_list / service_status output. */
  via: string;
}

export interface DiscoveryDeps {
  containers: ContainerLookup | undefined;
  readText: ReadText;
  stacksDir: string;
}

/** Host side of a published port: "0.0.0.0:18989->8989/tcp" with containerPort 8989 → { host, port: 18989 }. */
export function publishedPort(
  ports: readonly string[],
  containerPort: number,
): { host: string; port: number } | null {
  for (const text of ports) {
    const m = /^(?:\[?([0-9a-fA-F.:]*)\]?:)?(\d+)->(\d+)(?:\/(tcp|udp))?$/.exec(text.trim());
    if (!m || Number(m[3]) !== containerPort || m[4] === "udp") continue;
    const ip = m[1] ?? "";
    const host = ip === "" || ip === "0.0.0.0" || ip === "::" ? "127.0.0.1" : ip;
    return { host, port: Number(m[2]) };
  }
  return null;
}

/** Reads the first config file of the service that exists under `dir`: its port and URL base. */
export async function configFacts(
  service: string,
  dir: string,
  readText: ReadText,
): Promise<{ port: number | null; urlBase: string | null; file: string } | null> {
  const known = knownService(service);
  if (!known) return null;
  for (const file of known.configFiles) {
    if (!file.format) continue;
    const path = `${dir.replace(/\/+$/, "")}/${file.path}`;
    const text = await readText(path);
    if (text === null) continue;
    const facts = parseServiceConfig(file.format, text);
    return { port: facts.port, urlBase: facts.urlBase, file: path };
  }
  return null;
}

/** Candidate config dirs under the stacks dir: <stacks>/<svc>, <stacks>/<svc>/config, <stacks>/*\/<svc>[/config]. */
export async function stackConfigDirs(stacksDir: string, service: string): Promise<string[]> {
  const root = stacksDir.replace(/\/+$/, "");
  const dirs = [`${root}/${service}`, `${root}/${service}/config`];
  try {
    for await (const entry of Deno.readDir(root)) {
      if (!entry.isDirectory) continue;
      dirs.push(`${root}/${entry.name}/${service}`, `${root}/${entry.name}/${service}/config`);
      dirs.push(`${root}/${entry.name}/config/${service}`);
    }
  } catch {
    // No stacks dir: nothing to discover.
  }
  return dirs;
}

/** Works out a base URL for `service`, or null when neither the container nor a config file says where it is. */
export async function discoverServiceUrl(
  service: string,
  deps: DiscoveryDeps,
): Promise<DiscoveredUrl | null> {
  const known = knownService(service);
  if (!known) return null;
  const container = deps.containers ? await deps.containers.findService(service) : null;
  let facts: Awaited<ReturnType<typeof configFacts>> = null;
  if (container?.configDir) facts = await configFacts(service, container.configDir, deps.readText);
  if (!facts) {
    for (const dir of await stackConfigDirs(deps.stacksDir, service)) {
      facts = await configFacts(service, dir, deps.readText);
      if (facts) break;
    }
  }
  const containerPort = facts?.port ?? known.defaultPort;
  const urlBase = facts?.urlBase ?? known.defaultUrlBase;
  const source = facts ? `port/URL base from ${facts.file}` : `default port ${known.defaultPort}`;
  if (container) {
    const published = publishedPort(container.ports, containerPort);
    if (published) {
      return {
        url: `http://${hostForUrl(published.host)}:${published.port}${urlBase}`,
        via: `${source}; host port from container "${container.name}"`,
      };
    }
  }
  // A config file without a published port: assume the same port on this host (host networking or 1:1 mapping).
  if (facts) {
    return { url: `http://127.0.0.1:${containerPort}${urlBase}`, via: `${source}; same port on 127.0.0.1` };
  }
  return null;
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/** ReadText over the real filesystem: null when the file does not exist or cannot be read. */
export const readTextFile: ReadText = async (path) => {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return null;
  }
};
