/**
 * The diagnostics tools: service_scan (which known media services run here, from container images) and
 * service_diagnose (container state, config dir ownership and permissions, port reachability, health endpoint).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import {
  KNOWN_SERVICES,
  type KnownService,
  knownService,
  serviceForImage,
} from "../clients/media/known_services.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { diagnose } from "./diagnose.ts";
import { type DiagnoseProbes, realProbes } from "./probes.ts";
import { parsePortBinding } from "./ports.ts";

const SERVICE_KEYS = KNOWN_SERVICES.map((s) => s.key) as [string, ...string[]];

/** The service a container runs: by image (linuxserver/hotio/official), else by a container name equal to a key. */
export function identifyService(
  image: string,
  name: string,
): { service: KnownService; by: "image" | "name" } | null {
  const byImage = serviceForImage(image);
  if (byImage) return { service: byImage, by: "image" };
  const byName = knownService(name.toLowerCase());
  return byName ? { service: byName, by: "name" } : null;
}

function defineServiceScan(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "service_scan",
    title: "Find media services",
    description:
      "List the containers that run a known media service (Sonarr, Radarr, Prowlarr, Lidarr, Bazarr, " +
      "SABnzbd, qBittorrent, Plex, Jellyfin, Overseerr, Jellyseerr, gluetun), recognised by image " +
      "(linuxserver, hotio, official) or container name, with state, published ports and config dir. Use it " +
      "first, then service_diagnose on anything not running or misbehaving.",
    input: {
      include_stopped: z.boolean().optional().describe("Also list stopped containers (default true)"),
    },
    output: {
      services: z.array(z.object({
        container: z.string(),
        service: z.string().describe("Registry key, e.g. sonarr"),
        display_name: z.string(),
        kind: z.string().describe("media-manager, usenet-client, media-server …"),
        matched_by: z.enum(["image", "name"]),
        image: z.string(),
        state: z.string().describe("running, exited, created …"),
        default_port: z.number().describe("The service's port inside the container by default"),
        published: z.array(z.string()).describe("Host bindings such as 127.0.0.1:8989->8989/tcp"),
        config_dir: z.string().nullable().describe("Host path mounted as the service's config dir"),
      })),
      other_containers: z.number().describe("Containers that are not a known media service"),
    },
    access: "read",
    idempotent: true,
    run: async (args: { include_stopped?: boolean | undefined }) => {
      const listed = await deps.runtime.list({ all: args.include_stopped ?? true });
      if (!listed.ok) {
        return {
          ok: false,
          error: { kind: listed.error.kind, message: `Cannot list containers: ${listed.error.message}` },
        };
      }
      const services = [];
      let other = 0;
      for (const c of listed.value) {
        const id = identifyService(c.image, c.name);
        if (!id) {
          other++;
          continue;
        }
        const details = await deps.runtime.inspect(c.name);
        const mounts = details.ok ? details.value.mounts : [];
        const config = mounts.find((m) =>
          id.service.containerConfigDirs.includes(m.destination.replace(/\/+$/, ""))
        );
        services.push({
          container: c.name,
          service: id.service.key,
          display_name: id.service.displayName,
          kind: id.service.kind,
          matched_by: id.by,
          image: c.image,
          state: c.state,
          default_port: id.service.defaultPort,
          published: c.ports.filter((p) => parsePortBinding(p) !== null),
          config_dir: config?.source ?? null,
        });
      }
      services.sort((a, b) => a.service.localeCompare(b.service) || a.container.localeCompare(b.container));
      return { ok: true, value: { services, other_containers: other } };
    },
  });
}

const checkSchema = z.object({
  name: z.enum(["container", "config_dir", "port", "health"]),
  status: z.enum(["ok", "warn", "fail", "skip"]),
  summary: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

export interface DiagnosticsOptions {
  probes?: DiagnoseProbes;
  /** @default Deno.uid() */
  uid?: number;
}

function serverUid(): number {
  try {
    return Deno.uid() ?? -1;
  } catch {
    return -1;
  }
}

function defineServiceDiagnose(server: McpServer, deps: ToolDeps, options: DiagnosticsOptions): void {
  const probes = options.probes ?? realProbes(deps.fetch);
  const uid = options.uid ?? serverUid();
  defineTool(server, deps, {
    name: "service_diagnose",
    title: "Diagnose a media service",
    description: "Check one media service container end to end and say what is wrong: (1) container state, " +
      "restarts, exit code, healthcheck; (2) its config dir on the host: exists, owner uid vs the server's, " +
      "permissions, config file found (port and URL base read from it; keys never shown); (3) TCP connect to " +
      "the published port; (4) GET on the service's health endpoint (e.g. Sonarr /ping, Plex /identity, " +
      "Jellyfin /health, SABnzbd mode=version). verdict: healthy, degraded (warnings) or down.",
    input: {
      container: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/, "expected a container name or id")
        .describe(
          "Container name or id, e.g. sonarr",
        ),
      service: z.enum(SERVICE_KEYS).optional().describe(
        "Which known service it runs, when the image or name does not tell (e.g. a custom image)",
      ),
      timeout_ms: z.number().int().min(100).max(30_000).optional().describe(
        "Per network probe (default 3000)",
      ),
    },
    output: {
      container: z.string(),
      service: z.string(),
      verdict: z.enum(["healthy", "degraded", "down"]),
      checks: z.array(checkSchema).describe("container, config_dir, port, health: in that order"),
      config: z.object({
        file: z.string().nullable().describe("Config file found in the config dir"),
        port: z.number().nullable(),
        url_base: z.string().nullable(),
        bind_address: z.string().nullable(),
        ssl_enabled: z.boolean().nullable(),
      }).describe("Non-secret facts from the config file"),
      health_url: z.string().nullable().describe("URL probed for health"),
    },
    access: "read",
    idempotent: true,
    openWorld: false,
    run: async (
      args: { container: string; service?: string | undefined; timeout_ms?: number | undefined },
    ) => {
      const inspected = await deps.runtime.inspect(args.container);
      if (!inspected.ok) {
        return {
          ok: false,
          error: {
            kind: inspected.error.kind,
            message: `Cannot inspect container "${args.container}": ${inspected.error.message}`,
          },
        };
      }
      const d = inspected.value;
      const service = args.service ? knownService(args.service) : identifyService(d.image, d.name)?.service;
      if (!service) {
        return {
          ok: false,
          error: {
            kind: "unknown_service",
            message:
              `Cannot tell which service container "${d.name}" runs (image "${d.image}"); pass service, ` +
              `one of ${SERVICE_KEYS.join(", ")}`,
          },
        };
      }
      const result = await diagnose({
        details: d,
        service,
        serverUid: uid,
        timeoutMs: args.timeout_ms ?? 3000,
      }, probes);
      return { ok: true, value: result };
    },
  });
}

export function registerDiagnosticsTools(
  server: McpServer,
  deps: ToolDeps,
  options: DiagnosticsOptions = {},
): void {
  defineServiceScan(server, deps);
  defineServiceDiagnose(server, deps, options);
}
