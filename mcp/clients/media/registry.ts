/**
 * ServiceRegistry: the one place that turns configuration into ready clients. A service is configured when it
 * has a base URL (its *_URL variable, or discovered from its config file and container) and a credential (env
 * or the CredentialStore). Tools call `getClient("sonarr")` and never build URLs or read credentials themselves.
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import { ArrClient } from "./arr.ts";
import { ARR_APPS } from "./arr_apps.ts";
import type { BaseClientOptions } from "./base_client.ts";
import type { FetchLike } from "../../../shared/fetch_like.ts";
import type { Credential, ServiceName } from "./credential_fields.ts";
import { SERVICE_NAMES } from "./credential_fields.ts";
import type { CredentialStore } from "./credentials.ts";
import { discoverServiceUrl, type DiscoveryDeps } from "./discovery.ts";
import { PlexClient } from "./plex.ts";
import { QBittorrentClient } from "./qbittorrent.ts";
import { RadarrClient } from "./radarr.ts";
import { redactText } from "../../../shared/redact/mod.ts";
import { SabnzbdClient } from "./sabnzbd.ts";
import { SonarrClient } from "./sonarr.ts";

export interface ClientMap {
  sonarr: SonarrClient;
  radarr: RadarrClient;
  prowlarr: ArrClient;
  lidarr: ArrClient;
  plex: PlexClient;
  sabnzbd: SabnzbdClient;
  qbittorrent: QBittorrentClient;
}
export type AnyServiceClient = ClientMap[ServiceName];

export const URL_ENV: Readonly<Record<ServiceName, string>> = {
  sonarr: "SONARR_URL",
  radarr: "RADARR_URL",
  prowlarr: "PROWLARR_URL",
  lidarr: "LIDARR_URL",
  plex: "PLEX_URL",
  sabnzbd: "SABNZBD_URL",
  qbittorrent: "QBITTORRENT_URL",
};

export interface RegistryError {
  service: string;
  kind: "not_configured" | "credentials";
  message: string;
}

export interface ServiceSetup {
  service: ServiceName;
  configured: boolean;
  /** Redacted base URL, when one is known. */
  url: string | null;
  urlSource: "env" | "discovered" | "none";
  urlVia: string | null;
  credentialSource: "env" | "store" | "none";
  problem: string | null;
}

export interface ServiceRegistryOptions {
  env: Readonly<Record<string, string | undefined>>;
  credentials: CredentialStore;
  fetch: FetchLike;
  discovery: DiscoveryDeps;
  /** X-Plex-Client-Identifier for this installation. */
  plexClientIdentifier: string;
  /** Passed to every client (timeouts, sleep, log …). */
  clientOptions?: Partial<Omit<BaseClientOptions, "service" | "baseUrl" | "fetch" | "headers">>;
}

export class ServiceRegistry {
  readonly #options: ServiceRegistryOptions;
  /** Clients are cached per URL + credential so sessions (qBittorrent cookies) survive between tool calls. */
  readonly #clients = new Map<string, { fingerprint: string; client: AnyServiceClient }>();

  constructor(options: ServiceRegistryOptions) {
    this.#options = options;
  }

  get services(): readonly ServiceName[] {
    return SERVICE_NAMES;
  }

  /** Where a service's URL and credential come from, without contacting it. */
  async describe(service: ServiceName): Promise<ServiceSetup> {
    const url = await this.#url(service);
    const credential = await this.#options.credentials.get(service);
    const credentialSource = credential.ok ? credential.value?.source ?? "none" : "none";
    const badEnv = this.#badUrlEnv(service);
    const problem = badEnv ??
      (!url
        ? `No URL: set ${URL_ENV[service]} or run ${service} in a container whose config file can be found`
        : !credential.ok
        ? credential.error.message
        : credential.value === undefined
        ? `No credential: use credential_set or set ${credentialHint(service)}`
        : null);
    return {
      service,
      configured: problem === null,
      url: url ? redactText(url.url).replace(/\/+$/, "") : null,
      urlSource: url?.source ?? "none",
      urlVia: url?.via ?? null,
      credentialSource: credentialSource === "none" ? "none" : credentialSource,
      problem,
    };
  }

  async describeAll(): Promise<ServiceSetup[]> {
    return await Promise.all(SERVICE_NAMES.map((s) => this.describe(s)));
  }

  async getClient<K extends ServiceName>(service: K): Promise<Result<ClientMap[K], RegistryError>> {
    const badEnv = this.#badUrlEnv(service);
    if (badEnv) return err({ service, kind: "not_configured", message: badEnv });
    const url = await this.#url(service);
    if (!url) {
      return err({
        service,
        kind: "not_configured",
        message: `${service} is not configured: set ${
          URL_ENV[service]
        } or run it in a discoverable container`,
      });
    }
    const credential = await this.#options.credentials.get(service);
    if (!credential.ok) return err({ service, kind: "credentials", message: credential.error.message });
    if (!credential.value) {
      return err({
        service,
        kind: "not_configured",
        message: `${service} has no credential: use credential_set or set ${credentialHint(service)}`,
      });
    }
    const fingerprint = JSON.stringify([url.url, credential.value]);
    const cached = this.#clients.get(service);
    if (cached && cached.fingerprint === fingerprint) return ok(cached.client as ClientMap[K]);
    const client = this.#build(service, url.url, credential.value);
    if (!client.ok) return client;
    this.#clients.set(service, { fingerprint, client: client.value });
    return ok(client.value as ClientMap[K]);
  }

  /**
   * A Plex client per stored Plex account token (`plex_user:<account>`), at Plex's URL: each reads that
   * account's own view counts. Empty when Plex has no URL (the owner's client says why).
   */
  async plexUserClients(): Promise<Result<{ account: string; client: PlexClient }[], RegistryError>> {
    const url = await this.#url("plex");
    if (url === null) return ok([]);
    const tokens = await this.#options.credentials.plexUserTokens();
    if (!tokens.ok) return err({ service: "plex", kind: "credentials", message: tokens.error.message });
    const common = { ...(this.#options.clientOptions ?? {}), baseUrl: url.url, fetch: this.#options.fetch };
    return ok(tokens.value.map(({ account, token }) => ({
      account,
      client: new PlexClient({ ...common, token, clientIdentifier: this.#options.plexClientIdentifier }),
    })));
  }

  #build(
    service: ServiceName,
    baseUrl: string,
    credential: Credential,
  ): Result<AnyServiceClient, RegistryError> {
    const common = { ...(this.#options.clientOptions ?? {}), baseUrl, fetch: this.#options.fetch };
    const missing = (field: string) =>
      err<RegistryError>({ service, kind: "credentials", message: `${service} credential has no ${field}` });
    switch (service) {
      case "sonarr":
      case "radarr":
      case "prowlarr":
      case "lidarr": {
        if (!credential.apiKey) return missing("apiKey");
        const options = { ...common, apiKey: credential.apiKey };
        if (service === "sonarr") return ok(new SonarrClient(options));
        if (service === "radarr") return ok(new RadarrClient(options));
        return ok(new ArrClient(ARR_APPS[service], options));
      }
      case "plex":
        if (!credential.token) return missing("token");
        return ok(
          new PlexClient({
            ...common,
            token: credential.token,
            clientIdentifier: this.#options.plexClientIdentifier,
          }),
        );
      case "sabnzbd":
        if (!credential.apiKey) return missing("apiKey");
        return ok(new SabnzbdClient({ ...common, apiKey: credential.apiKey }));
      case "qbittorrent":
        if (credential.apiKey) {
          return ok(new QBittorrentClient({ ...common, auth: { apiKey: credential.apiKey } }));
        }
        if (!credential.username || credential.password === undefined) return missing("username/password");
        return ok(
          new QBittorrentClient({
            ...common,
            auth: { username: credential.username, password: credential.password },
          }),
        );
    }
  }

  #badUrlEnv(service: ServiceName): string | null {
    const name = URL_ENV[service];
    const value = this.#options.env[name]?.trim();
    if (!value || parseHttpUrl(value)) return null;
    return `Invalid ${name} "${redactText(value)}": expected an http:// or https:// URL`;
  }

  async #url(
    service: ServiceName,
  ): Promise<{ url: string; source: "env" | "discovered"; via: string } | null> {
    const fromEnv = this.#options.env[URL_ENV[service]]?.trim();
    if (fromEnv) {
      const valid = parseHttpUrl(fromEnv);
      if (valid) return { url: valid, source: "env", via: URL_ENV[service] };
      return null;
    }
    const found = await discoverServiceUrl(service, this.#options.discovery);
    return found ? { url: found.url, source: "discovered", via: found.via } : null;
  }
}

function parseHttpUrl(text: string): string | null {
  try {
    const url = new URL(text);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.toString().replace(/\/+$/, "");
  } catch {
    return null;
  }
}

function credentialHint(service: ServiceName): string {
  switch (service) {
    case "plex":
      return "PLEX_TOKEN";
    case "qbittorrent":
      return "QBITTORRENT_USERNAME/QBITTORRENT_PASSWORD or QBITTORRENT_API_KEY";
    default:
      return `${service.toUpperCase()}_API_KEY`;
  }
}
