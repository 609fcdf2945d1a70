/**
 * arr-mcp entry point: reads the environment (and ./.env), resolves the API key, wires dependencies and
 * serves the app. Permissions are stated in deno.json's "start" task.
 */
import { claudeAddCommand, loadOrCreateApiKey } from "./core/api_key.ts";
import { createApp } from "./server/app.ts";
import { bootstrap } from "./server/bootstrap.ts";
import { type Config, parseConfig } from "./core/config.ts";
import { mergeEnv, parseEnvFile } from "./core/env_file.ts";
import { createMediaServices } from "./clients/media/media_services.ts";
import { LINEAR_ENGINE_FLAG, linearEngineAvailable } from "./fs/linear_regex.ts";
import { describeTightening, makeDataDirPrivate } from "./core/private_dir.ts";
import type { ToolDeps } from "./toolkit/deps.ts";
import { selectFamilies } from "./server/families.ts";
import { parseAlertConfig } from "./alerts/alert_config.ts";
import { startAlerts } from "./alerts/start_alerts.ts";
import { openOAuthServer } from "./oauth/oauth_open.ts";
import { systemTimers } from "./clients/runtime/store/timers.ts";
import { startUpgradeChecks } from "./upgrades/start_upgrade_checks.ts";
import { upgradeServiceOf } from "./upgrades/upgrade_tools.ts";
import { DEFAULT_PREVIEW_INTERVAL_H, startCleanupPreviews } from "./cleanup/start_cleanup_previews.ts";
import { backgroundPreview } from "./cleanup/run_preview.ts";

async function readDotEnv(path: string): Promise<Record<string, string>> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return {};
    throw e;
  }
  const parsed = parseEnvFile(text);
  if (!parsed.ok) fail(parsed.error);
  return parsed.value;
}

function fail(message: string): never {
  console.error(`arr-mcp: ${message}`);
  Deno.exit(2);
}

/** The config again with the port actually bound, so default allowed Host/Origin lists carry it. */
function reparseForPort(env: Record<string, string>, uid: number, port: number, config: Config): Config {
  const again = parseConfig({ ...env, ARR_MCP_PORT: String(port) }, { uid, home: env.HOME ?? "/root" });
  return again.ok ? { ...again.value, apiKey: config.apiKey } : config;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

export async function main(): Promise<void> {
  const env = mergeEnv(await readDotEnv(".env"), Deno.env.toObject());
  const uid = Deno.uid() ?? 0;
  const parsed = parseConfig(env, { uid, home: env.HOME ?? "/root" });
  if (!parsed.ok) fail(parsed.error);
  let config = parsed.value;
  const families = selectFamilies(config.toolsets);
  if (!families.ok) fail(families.error);
  // Alerts (docs/alerts.md): an unsupported notification scheme stops startup here, naming the scheme.
  const alertConfig = parseAlertConfig(env);
  if (!alertConfig.ok) fail(alertConfig.error);

  // Before anything is read from or written to the data dir: it holds the keys and the credential store.
  const tightened = await makeDataDirPrivate(config.dataDir).catch((e: Error) =>
    fail(`Cannot prepare the data dir "${config.dataDir}": ${e.message}`)
  );
  const privacy = describeTightening(config.dataDir, tightened);
  if (privacy) console.log(privacy);

  let announceKey: string | undefined;
  let keySource = "ARR_MCP_API_KEY";
  if (config.apiKey === undefined) {
    const stored = await loadOrCreateApiKey(config.dataDir);
    config = { ...config, apiKey: stored.key };
    keySource = stored.path;
    if (stored.created) announceKey = stored.key;
  }
  const apiKey = config.apiKey as string;

  let deps: ToolDeps;
  let swept: string[];
  try {
    ({ deps, swept } = await bootstrap(config, { env, uid }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (swept.length > 0) {
    console.log(`arr-mcp: removed ${swept.length} temp file(s) left by an interrupted write`);
  }
  deps.containerStore?.start();
  // Media services: *_URL / *_API_KEY env, the encrypted credential store and discovery (docs/services.md).
  deps.media = await createMediaServices({
    env,
    dataDir: config.dataDir,
    stacksDir: config.stacksDir,
    runtime: deps.runtime,
    fetch: deps.fetch,
    log: (line) => console.log(line),
  });
  // --- alerts: the watcher runs in the background from here on; its first check comes later, not now.
  deps.alerts = (await startAlerts(deps, alertConfig.value, { log: (line) => console.log(line) })).engine;
  const channels = alertConfig.value.channels.map((c) => c.label);
  console.log(
    `arr-mcp: alert checks every ${alertConfig.value.intervalSeconds}s; notifications: ${
      channels.join(", ") || "none"
    }`,
  );
  // --- end alerts
  // --- upgrades: a background check every ARR_UPGRADE_CHECK_INTERVAL_H hours (docs/upgrades.md)
  if (config.upgradeCheckIntervalH) {
    startUpgradeChecks(upgradeServiceOf(deps), {
      intervalHours: config.upgradeCheckIntervalH,
      timers: systemTimers,
      log: (line) => console.log(line),
    });
    console.log(`arr-mcp: upgrade checks every ${config.upgradeCheckIntervalH} h`);
  }
  // --- end upgrades
  // --- cleanup: a background preview for the dashboard's panel (docs/cleanup.md); 0 turns it off
  const cleanupIntervalH = config.cleanupPreviewIntervalH ?? DEFAULT_PREVIEW_INTERVAL_H;
  if (cleanupIntervalH > 0 && deps.media !== undefined) {
    startCleanupPreviews((service) => backgroundPreview(deps, service), {
      intervalHours: cleanupIntervalH,
      timers: systemTimers,
      log: (line) => console.log(line),
    });
  }
  // --- end cleanup
  // OAuth for Claude.ai and Claude Desktop: only with ARR_MCP_PUBLIC_URL (docs/oauth.md).
  const oauth = await openOAuthServer(config, deps).catch((e: Error) =>
    fail(`Cannot open the OAuth store in "${config.dataDir}": ${e.message}`)
  );
  // The app is built once the port is known: with ARR_MCP_PORT=0 the default Host/Origin lists need the real one.
  const route: { app?: ReturnType<typeof createApp> } = {};
  Deno.serve({
    hostname: config.host,
    port: config.port,
    onListen: ({ port }) => {
      const final = port === config.port ? config : reparseForPort(env, uid, port, config);
      route.app = createApp({ ...deps, config: final }, { apiKey, families: families.value, oauth });
      const url = `http://${urlHost(config.host)}:${port}/mcp`;
      console.log(`arr-mcp listening on ${config.host}:${port} (MCP endpoint ${url})`);
      console.log(
        deps.runtime.socket
          ? `arr-mcp: container runtime socket ${deps.runtime.socket}`
          : "arr-mcp: no container runtime socket found; runtime tools will explain how to fix it",
      );
      if (!linearEngineAvailable()) {
        console.log(
          `arr-mcp: started without --v8-flags=${LINEAR_ENGINE_FLAG}: log_search's regex mode is off ` +
            "(deno task start gives the flag)",
        );
      }
      if (config.readOnly) {
        console.log("arr-mcp: read-only mode (ARR_READ_ONLY): mutating tools are not offered");
      }
      if (config.toolsets) {
        console.log(`arr-mcp: tool families (ARR_TOOLSETS): ${config.toolsets.join(", ")}`);
      }
      if (oauth) {
        console.log(`arr-mcp: OAuth on for ${oauth.urls.resource} (ARR_MCP_PUBLIC_URL; docs/oauth.md)`);
      }
      if (announceKey) {
        console.log(
          "arr-mcp: generated an API key (shown once; stored 0600 in the data dir). Add the server:",
        );
        console.log(claudeAddCommand(url, announceKey));
      } else {
        console.log(`arr-mcp: using the API key from ${keySource}`);
      }
    },
  }, (req) => route.app ? route.app.fetch(req) : new Response("Starting", { status: 503 }));
}

if (import.meta.main) await main();
