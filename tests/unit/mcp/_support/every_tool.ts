/**
 * A small world in which every tool family answers for real: temp stacks/media/log dirs, a runtime with one
 * sonarr container, the in-memory arr-helper, loopback fakes of Sonarr, SABnzbd, qBittorrent and Plex, and an
 * in-memory credential store. `EVERY_TOOL_CALL` calls each tool at least once (destructive ones through both
 * steps of the confirm flow). Used where a test needs real `structuredContent` of every tool.
 */
import { ok } from "../../../../shared/result.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { startFakeArr } from "../../../fakes/arr_fake.ts";
import { startFakePlex } from "../../../fakes/plex_fake.ts";
import { startFakeQbittorrent } from "../../../fakes/qbittorrent_fake.ts";
import { startFakeSabnzbd } from "../../../fakes/sabnzbd_fake.ts";
import { householdLibrary } from "../../../fakes/household_library.ts";
import { memoryMediaServices } from "../../../integration/_support/memory_media_services.ts";
import { fakeContainer, fakeRuntime } from "../dashboard/fixtures.ts";
import { fakeHelper } from "./fake_helper.ts";
import { startAlerts } from "../../../../mcp/alerts/start_alerts.ts";
import { testConfig, testDeps } from "./test_deps.ts";
import { fakeUpgradeParts } from "./upgrade_fakes.ts";
import { provideUpgradeParts } from "../../../../mcp/upgrades/upgrade_tools.ts";

export interface EveryToolWorld extends AsyncDisposable {
  deps: ToolDeps;
  root: string;
}

const COMPOSE = `services:
  sonarr:
    image: lscr.io/linuxserver/sonarr:latest
    environment:
      - TZ=UTC
    ports:
      - "8989:8989"
`;

export async function everyToolWorld(): Promise<EveryToolWorld> {
  const root = await Deno.makeTempDir({ prefix: "arr-every-tool-" });
  for (const dir of ["stacks/media", "media/tv", "logs", "data", "config"]) {
    await Deno.mkdir(`${root}/${dir}`, { recursive: true });
  }
  await Deno.writeTextFile(`${root}/stacks/media/compose.yaml`, COMPOSE);
  await Deno.writeTextFile(`${root}/media/tv/episode.txt`, "not really a video\n");
  await Deno.writeTextFile(
    `${root}/logs/sonarr.txt`,
    "2026-11-22 info: started\n2026-11-22 error: disk full\n",
  );
  const sonarr = fakeContainer("sonarr", "running", {
    image: "lscr.io/linuxserver/sonarr:latest",
    labels: { "io.podman.compose.project": "media" },
    mounts: [{ source: `${root}/config`, destination: "/config", readOnly: false }],
  });
  // What systemd runs once stack_migrate_to_quadlets has started the stack's sonarr unit.
  const sonarrUnit = fakeContainer("systemd-media-sonarr", "running", {
    labels: { PODMAN_SYSTEMD_UNIT: "media-sonarr.service" },
  });
  const runtime = {
    ...fakeRuntime([sonarr, sonarrUnit]),
    start: () => Promise.resolve(ok({ changed: false })),
    stop: () => Promise.resolve(ok({ changed: true })),
    restart: () => Promise.resolve(ok(undefined)),
    remove: () => Promise.resolve(ok(undefined)),
  };
  const keys = { sonarr: "sonarr-key-0123456789", sab: "sab-key-0123456789", plex: "plex-token-0123456789" };
  const library = householdLibrary(); // cleanup: Plex library + Sonarr series/episodes/files
  const servers = [
    startFakeArr({ app: "sonarr", apiKey: keys.sonarr, queueSize: 2, library }),
    startFakeSabnzbd({
      apiKey: keys.sab,
      slots: [{ nzo_id: "SABnzbd_nzo_0", filename: "a", status: "Downloading", mb: 100, mbleft: 50 }],
    }),
    startFakeQbittorrent({
      version: "5.0.0",
      torrents: [{ hash: "h1", name: "t", state: "stalledDL", progress: 0.2 }],
    }),
    startFakePlex({ token: keys.plex, total: 12, library }),
  ] as const;
  const media = memoryMediaServices({
    SONARR_URL: servers[0].url,
    SONARR_API_KEY: keys.sonarr,
    SABNZBD_URL: servers[1].url,
    SABNZBD_API_KEY: keys.sab,
    QBITTORRENT_URL: servers[2].url,
    QBITTORRENT_USERNAME: "admin",
    QBITTORRENT_PASSWORD: "adminadmin",
    PLEX_URL: servers[3].url,
    PLEX_TOKEN: keys.plex,
  }, { clientOptions: { retries: 0, timeoutMs: 5_000 } });
  const deps = testDeps({
    runtime,
    helper: fakeHelper({ "web.container": "[Container]\nImage=docker.io/library/nginx\n" }),
    media,
    config: testConfig({
      dataDir: `${root}/data`,
      stacksDir: `${root}/stacks`,
      mediaDir: `${root}/media`,
      logDirs: [`${root}/logs`],
      systemdUnits: ["sonarr.service"],
    }),
  });
  provideUpgradeParts(runtime, fakeUpgradeParts(`${root}/stacks`, deps.clock));
  // alerts: an engine over the same world, no background loop, no channels.
  const alerts = await startAlerts(deps, { intervalSeconds: 300, channels: [], quietHours: null }, {
    dbPath: ":memory:",
    noWatcher: true,
  });
  deps.alerts = alerts.engine;
  return {
    deps,
    root,
    [Symbol.asyncDispose]: async () => {
      await alerts.stop();
      for (const s of servers) await s.close();
      await Deno.remove(root, { recursive: true });
    },
  };
}

export interface ToolCall {
  tool: string;
  args: Record<string, unknown>;
}

/** Calls in an order that works: compose_to_quadlet stages before quadlet_install, files exist before reads. */
export function everyToolCall(root: string): ToolCall[] {
  const c = (tool: string, args: Record<string, unknown> = {}) => ({ tool, args });
  return [
    c("container_list"),
    c("container_inspect", { container: "sonarr" }),
    c("container_logs", { container: "sonarr", tail: 5 }),
    c("container_stats", { container: "sonarr" }),
    c("container_start", { container: "sonarr" }),
    c("container_restart", { container: "sonarr" }),
    c("container_stop", { container: "sonarr" }),
    c("container_remove", { container: "sonarr", force: true }),
    c("stack_list"),
    c("compose_read", { stack: "media" }),
    c("compose_validate", { stack: "media" }),
    c("stack_up", { stack: "media" }),
    c("stack_pull", { stack: "media" }),
    c("stack_restart", { stack: "media" }),
    c("stack_down", { stack: "media" }),
    c("compose_write", { stack: "extra", content: "services:\n  web:\n    image: nginx\n" }),
    c("compose_write", { stack: "extra", content: "services:\n  web:\n    image: nginx:1\n" }),
    c("systemd_status", { unit: "sonarr.service" }),
    c("systemd_start", { unit: "sonarr" }),
    c("systemd_restart", { unit: "sonarr.service" }),
    c("systemd_daemon_reload"),
    c("systemd_stop", { unit: "sonarr.service" }),
    c("quadlet_list"),
    c("quadlet_read", { file: "web.container" }),
    c("quadlet_write", { file: "new.container", content: "[Container]\nImage=docker.io/library/busybox\n" }),
    c("quadlet_write", { file: "web.container", content: "[Container]\nImage=docker.io/library/nginx:1\n" }),
    c("quadlet_delete", { file: "new.container" }),
    c("compose_to_quadlet", { stack: "media" }),
    c("quadlet_install", { stack: "media" }),
    c("stack_migrate_to_quadlets", { stack: "media" }),
    c("quadlet_to_compose", { stack: "media", staged: true }),
    c("file_list"),
    c("file_list", { path: `${root}/media` }),
    c("file_read", { path: `${root}/media/tv/episode.txt` }),
    c("disk_usage", { path: `${root}/media` }),
    c("file_write", { path: `${root}/media/notes.txt`, content: "one\n" }),
    c("file_write", { path: `${root}/media/notes.txt`, content: "two\n" }),
    c("file_delete", { path: `${root}/media/notes.txt` }),
    c("log_read"),
    c("log_read", { path: `${root}/logs/sonarr.txt` }),
    c("log_read", { container: "sonarr" }),
    c("log_search", { pattern: "error", containers: ["sonarr"] }),
    c("service_scan"),
    c("service_diagnose", { container: "sonarr", timeout_ms: 200 }),
    c("dashboard_show"),
    c("service_status"),
    c("media_queue"),
    c("media_wanted", { service: "sonarr" }),
    c("media_calendar"),
    c("media_history", { service: "sonarr" }),
    c("media_history", { service: "plex" }),
    c("download_clients"),
    c("media_search_missing", { service: "sonarr" }),
    c("credential_list"),
    c("credential_set", { service: "radarr", api_key: "radarr-key-0123456789" }),
    c("credential_delete", { service: "radarr" }),
    c("alerts_check_now"),
    c("alerts_recent", { state: "all" }),
    c("alert_rules_list"),
    c("alert_rule_set", { rule: "stuck_download", threshold: 2 }),
    c("notify_test"),
    c("watched_cleanup_preview", { service: "sonarr" }),
    c("watched_cleanup_delete", { service: "sonarr", file_ids: [111] }),
    c("interest_set", { user: "Kid", key: "tvdb:78107", state: "keep" }),
    c("interest_list"),
    c("upgrades_list"),
    c("upgrade_plan", { container: "sonarr" }),
    c("upgrade_apply", { container: "sonarr" }),
    c("upgrade_rollback", { container: "sonarr" }),
  ];
}
