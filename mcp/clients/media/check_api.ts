/**
 * checkServiceApi(name): the API half of service_diagnose. Answers whether the service is configured, reachable
 * and accepts its credential, with its version, without ever throwing or returning secrets.
 */
import type { ServiceName } from "./credential_fields.ts";
import type { ArrClient } from "./arr.ts";
import type { PlexClient } from "./plex.ts";
import type { QBittorrentClient } from "./qbittorrent.ts";
import type { AnyServiceClient, ServiceRegistry } from "./registry.ts";
import type { SabnzbdClient } from "./sabnzbd.ts";
import type { ServiceError, ServiceResult } from "./service_error.ts";

export interface ServiceApiCheck {
  service: ServiceName;
  configured: boolean;
  /** Redacted base URL. */
  url: string | null;
  urlSource: "env" | "discovered" | "none";
  credentialSource: "env" | "store" | "none";
  /** null when not tried (not configured). */
  reachable: boolean | null;
  /** null when not known (unreachable, or the check failed for another reason). */
  authenticated: boolean | null;
  version: string | null;
  error: ServiceError | null;
  /** One line for the user: what is wrong and what to do. */
  hint: string | null;
}

export async function checkServiceApi(
  registry: ServiceRegistry,
  service: ServiceName,
): Promise<ServiceApiCheck> {
  const setup = await registry.describe(service);
  const base: ServiceApiCheck = {
    service,
    configured: setup.configured,
    url: setup.url,
    urlSource: setup.urlSource,
    credentialSource: setup.credentialSource,
    reachable: null,
    authenticated: null,
    version: null,
    error: null,
    hint: setup.problem,
  };
  const client = await registry.getClient(service);
  if (!client.ok) return { ...base, configured: false, hint: client.error.message };
  const probe = await authenticatedProbe(client.value);
  if (probe.ok) return { ...base, reachable: true, authenticated: true, version: probe.value };
  const error = probe.error;
  const reachable = error.kind !== "unreachable" && error.kind !== "timeout";
  return {
    ...base,
    reachable,
    authenticated: error.kind === "auth" ? false : null,
    error,
    hint: hintFor(service, error),
  };
}

/** The cheapest call that needs the credential and tells the version. */
async function authenticatedProbe(client: AnyServiceClient): Promise<ServiceResult<string>> {
  switch (client.service) {
    case "plex": {
      const c = client as PlexClient;
      const identity = await c.identity();
      if (!identity.ok) return identity;
      // /identity is anonymous; /status/sessions needs the token.
      const sessions = await c.sessions();
      return sessions.ok ? { ok: true, value: identity.value.version } : sessions;
    }
    case "sabnzbd": {
      const c = client as SabnzbdClient;
      const version = await c.version();
      if (!version.ok) return version;
      const queue = await c.queue({ limit: 1 });
      return queue.ok ? version : queue;
    }
    case "qbittorrent": {
      const c = client as QBittorrentClient;
      return await c.appVersion();
    }
    default: {
      const c = client as ArrClient;
      const status = await c.systemStatus();
      return status.ok ? { ok: true, value: status.value.version } : status;
    }
  }
}

function hintFor(service: string, error: ServiceError): string {
  switch (error.kind) {
    case "unreachable":
      return `Cannot reach ${service}: is the container running and the port published? (${error.message})`;
    case "timeout":
      return `${service} did not answer in time: it may be starting or overloaded`;
    case "auth":
      return `${service} rejected the credential: update it with credential_set`;
    case "decode":
      return `${service} answered something unexpected: is the URL (and URL base) right?`;
    case "http":
      return `${service} answered HTTP ${error.status ?? "error"}: check the URL base`;
  }
}
