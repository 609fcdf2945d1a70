/**
 * Upgrade tool family: upgrades_list and upgrade_plan (read), upgrade_apply and upgrade_rollback (confirmed,
 * apply_tools.ts). The registry client and its cache live in one
 * UpgradeService per ToolDeps (docs/upgrades.md).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { err, ok, type Result } from "../../shared/result.ts";
import type { ToolFailure } from "../toolkit/tool_result.ts";
import { createPodmanImages, type PodmanImages } from "./apply/podman_images.ts";
import { createHttpRuntime } from "../clients/runtime/http_runtime.ts";
import { unixSocketFetch } from "../clients/unix/unix_fetch.ts";
import { defineTool } from "../toolkit/define_tool.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { NULL } from "../toolkit/portable_schema.ts";
import { imageFacts, readImageFacts } from "./image_facts.ts";
import { createGithubNotes } from "./github_notes.ts";
import { createArrNotes } from "./arr_notes_reader.ts";
import { createRegistryClient } from "./registry/registry_client.ts";
import { createUpgradeService, type UpgradeService } from "./upgrade_service.ts";
import { registerApplyTools } from "./apply_tools.ts";

const version = z.object({
  tag: z.string(),
  digest: z.string().or(NULL),
  version: z.string().optional(),
});
const upgradeOutput = z.object({
  container: z.string(),
  image: z.string(),
  current: version,
  candidate: version,
  kind: z.enum(["digest", "build", "patch", "minor", "major"]),
  risk: z.enum(["low", "medium", "high"]),
  notes: z.object({ source: z.string(), url: z.string(), summary: z.string() }),
  managed_by: z.enum(["quadlet", "compose", "none"]),
  unit: z.string().optional(),
  stack: z.string().optional(),
});
const step = z.object({ step: z.string(), command: z.string().optional(), tool: z.string().optional() });

const services = new WeakMap<ToolDeps["runtime"], UpgradeService>();
const imageApis = new WeakMap<ToolDeps["runtime"], PodmanImages>();

/**
 * Gives a runtime client the upgrade service and Podman image API its tools use, instead of the real ones
 * (tests: a registry and an image store they control).
 */
export function provideUpgradeParts(
  runtime: ToolDeps["runtime"],
  parts: { service: UpgradeService; images: PodmanImages },
): void {
  services.set(runtime, parts.service);
  imageApis.set(runtime, parts.images);
}

/** Podman's image API on the runtime socket (pull, tag, inspect), or why there is none. */
export function podmanImagesOf(deps: ToolDeps): Result<PodmanImages, ToolFailure> {
  const given = imageApis.get(deps.runtime);
  if (given !== undefined) return ok(given);
  const socket = deps.runtime.socket;
  if (socket === undefined) {
    return err({ kind: "unavailable", message: "No Podman API socket: upgrades pull and tag through it" });
  }
  const fetch = unixSocketFetch(socket).fetch;
  return ok(createPodmanImages({
    fetch,
    // Podman itself, not the state store: the health gate must see the recreated container at once.
    runtime: createHttpRuntime({ kind: "podman", fetch, socket, clock: deps.clock }),
    insecure: deps.config.registryInsecure ?? [],
  }));
}

/**
 * The one service per runtime client: pooled servers, main.ts's background check and the app (which gets
 * `{ ...deps, config }`) share its report and registry cache.
 */
export function upgradeServiceOf(deps: ToolDeps): UpgradeService {
  let service = services.get(deps.runtime);
  if (service === undefined) {
    const socket = deps.runtime.socket;
    const runtimeFetch = socket === undefined ? undefined : unixSocketFetch(socket).fetch;
    service = createUpgradeService({
      registry: createRegistryClient({
        fetch: deps.fetch,
        clock: deps.clock,
        insecure: deps.config.registryInsecure ?? [],
      }),
      clock: deps.clock,
      stacksDir: deps.config.stacksDir,
      ...(deps.config.upgradeCheckIntervalH
        ? { maxAgeMs: deps.config.upgradeCheckIntervalH * 3_600_000 }
        : {}),
      notes: createGithubNotes({
        fetch: deps.fetch,
        clock: deps.clock,
        ...(deps.config.githubApiUrl ? { apiUrl: deps.config.githubApiUrl } : {}),
        ...(deps.config.githubToken ? { token: deps.config.githubToken } : {}),
      }),
      ...(deps.media ? { appNotes: createArrNotes(deps.media.registry) } : {}),
      readFacts: async () => {
        // The containers as every reader sees them (the state store's, when live).
        const list = await deps.runtime.list({ all: true });
        if (!list.ok) return list;
        if (runtimeFetch !== undefined) {
          const info = await deps.runtime.info();
          const joined = info.ok ? await readImageFacts(list.value, runtimeFetch, info.value.kind) : info;
          if (joined.ok) return joined;
        }
        // No image list to read digests from: the summaries alone still give tag candidates.
        return ok(imageFacts(list.value, []));
      },
    });
    services.set(deps.runtime, service);
  }
  return service;
}

export function registerUpgradeTools(server: McpServer, deps: ToolDeps): void {
  defineTool(server, deps, {
    name: "upgrades_list",
    title: "Image upgrades",
    description: "Newer images per container (same tag family or moved digest), kind, risk and manager. " +
      "Cached 1 h.",
    input: {
      refresh: z.boolean().default(false).describe("Ask the registries, not the cache"),
    },
    output: {
      checked_at: z.string(),
      upgrades: z.array(upgradeOutput),
      errors: z.array(z.object({ container: z.string(), image: z.string(), message: z.string() })),
    },
    access: "read",
    idempotent: true,
    openWorld: true,
    run: (args) => upgradeServiceOf(deps).list(args.refresh),
  });

  defineTool(server, deps, {
    name: "upgrade_plan",
    title: "Upgrade plan",
    description: "Steps and rollback to upgrade one container via its quadlet or stack, or why not. " +
      "Changes nothing.",
    input: { container: z.string().min(1).max(256).describe("Container name or id") },
    output: {
      container: z.string(),
      managed_by: z.enum(["quadlet", "compose", "none"]),
      from: z.string(),
      to: z.string(),
      steps: z.array(step),
      rollback: z.array(step),
      reason: z.string().optional(),
      upgrade: upgradeOutput.or(NULL),
    },
    access: "read",
    idempotent: true,
    openWorld: true,
    run: (args) => upgradeServiceOf(deps).plan(args.container),
  });

  registerApplyTools(server, deps, { service: upgradeServiceOf, images: podmanImagesOf });
}
