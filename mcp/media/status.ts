/** service_status: version and health of every configured media service, checked concurrently. */
import { z } from "zod";
import type { ArrClient } from "../clients/media/arr.ts";
import type { ServiceName } from "../clients/media/credential_fields.ts";
import type { MediaServices } from "../clients/media/media_services.ts";
import type { PlexClient } from "../clients/media/plex.ts";
import type { QBittorrentClient } from "../clients/media/qbittorrent.ts";
import type { SabnzbdClient } from "../clients/media/sabnzbd.ts";
import type { ServiceError } from "../clients/media/service_error.ts";
import { NULL } from "../toolkit/portable_schema.ts";

export const serviceStatusSchema = z.object({
  service: z.string(),
  configured: z.boolean(),
  url: z.string().or(NULL),
  url_source: z.enum(["env", "discovered", "none"]),
  credential_source: z.enum(["env", "store", "none"]),
  reachable: z.boolean().or(NULL),
  version: z.string().or(NULL),
  health: z.enum(["ok", "warning", "error", "unknown"]),
  issues: z.array(z.string()),
  error: z.object({ kind: z.string(), message: z.string() }).or(NULL),
});
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;

export async function collectServiceStatus(media: MediaServices): Promise<ServiceStatus[]> {
  return await Promise.all(media.registry.services.map((service) => statusOf(media, service)));
}

async function statusOf(media: MediaServices, service: ServiceName): Promise<ServiceStatus> {
  const setup = await media.registry.describe(service);
  const base: ServiceStatus = {
    service,
    configured: setup.configured,
    url: setup.url,
    url_source: setup.urlSource,
    credential_source: setup.credentialSource,
    reachable: null,
    version: null,
    health: "unknown",
    issues: setup.problem ? [setup.problem] : [],
    error: null,
  };
  const client = await media.registry.getClient(service);
  if (!client.ok) return base;
  const probe = await probeService(client.value);
  if ("error" in probe) {
    const reachable = probe.error.kind !== "unreachable" && probe.error.kind !== "timeout";
    return {
      ...base,
      reachable,
      health: "error",
      error: { kind: probe.error.kind, message: probe.error.message },
      issues: [probe.error.message],
    };
  }
  return { ...base, reachable: true, version: probe.version, health: probe.health, issues: probe.issues };
}

type Probe = { version: string; health: ServiceStatus["health"]; issues: string[] } | { error: ServiceError };

async function probeService(client: { service: string }): Promise<Probe> {
  switch (client.service) {
    case "plex": {
      const plex = client as PlexClient;
      const [identity, sessions] = await Promise.all([plex.identity(), plex.sessions()]);
      if (!identity.ok) return { error: identity.error };
      if (!sessions.ok) return { error: sessions.error };
      return { version: identity.value.version, health: "ok", issues: [] };
    }
    case "sabnzbd": {
      const sab = client as SabnzbdClient;
      const [version, warnings] = await Promise.all([sab.version(), sab.warnings()]);
      if (!version.ok) return { error: version.error };
      if (!warnings.ok) return { error: warnings.error };
      const issues = warnings.value.slice(-5).map((w) => `${w.type ?? "WARNING"}: ${w.text}`);
      return { version: version.value, health: issues.length ? "warning" : "ok", issues };
    }
    case "qbittorrent": {
      const qbit = client as QBittorrentClient;
      const [version, transfer] = [await qbit.appVersion(), await qbit.transferInfo()];
      if (!version.ok) return { error: version.error };
      if (!transfer.ok) return { error: transfer.error };
      const status = transfer.value.connection_status;
      return {
        version: version.value,
        health: status === "connected" ? "ok" : "warning",
        issues: status === "connected" ? [] : [`qBittorrent connection status: ${status}`],
      };
    }
    default: {
      const arr = client as ArrClient;
      const [status, health] = await Promise.all([arr.systemStatus(), arr.health()]);
      if (!status.ok) return { error: status.error };
      if (!health.ok) return { error: health.error };
      const issues = health.value.filter((h) => h.type !== "ok").map((h) =>
        `${h.type}: ${h.message ?? h.source ?? "unknown"}`
      );
      const worst = health.value.some((h) => h.type === "error")
        ? "error"
        : health.value.some((h) => h.type === "warning")
        ? "warning"
        : "ok";
      return { version: status.value.version, health: worst, issues };
    }
  }
}
