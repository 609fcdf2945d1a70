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
import { containerField } from "../toolkit/arg_fields.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
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
    description: "Finds containers running a known media service (*arr apps, Bazarr, SABnzbd, qBittorrent, " +
      "Plex, Jellyfin, Overseerr, Jellyseerr, gluetun) by image or name, with state, ports and config dir.",
    input: {
      include_stopped: z.boolean().optional().describe("Default true"),
    },
    output: {
      services: z.array(z.object({
        container: z.string(),
        service: z.string(),
        display_name: z.string(),
        kind: z.string(),
        matched_by: z.enum(["image", "name"]),
        image: z.string(),
        state: z.string(),
        default_port: z.number(),
        published: z.array(z.string()),
        config_dir: z.string().or(NULL),
      })),
      other_containers: z.number(),
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
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), NULL])),
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
    description: "Checks one media service's container end to end: state and restarts, config dir " +
      "ownership and permissions, published port, health endpoint.",
    input: {
      container: containerField,
      service: z.enum(SERVICE_KEYS).optional().describe("When the image or name does not tell"),
      timeout_ms: z.number().int().min(100).max(30_000).optional().describe("Per probe (default 3000)"),
    },
    output: {
      container: z.string(),
      service: z.string(),
      verdict: z.enum(["healthy", "degraded", "down"]),
      checks: z.array(checkSchema),
      config: z.object({
        file: z.string().or(NULL),
        port: z.number().or(NULL),
        url_base: z.string().or(NULL),
        bind_address: z.string().or(NULL),
        ssl_enabled: z.boolean().or(NULL),
      }),
      health_url: z.string().or(NULL),
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
