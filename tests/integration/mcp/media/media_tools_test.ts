import { startFakeArr } from "../../../fakes/arr_fake.ts";
import { startFakePlex } from "../../../fakes/plex_fake.ts";
import { startFakeQbittorrent } from "../../../fakes/qbittorrent_fake.ts";
import { startFakeSabnzbd } from "../../../fakes/sabnzbd_fake.ts";
import { assert, assertEquals } from "../../../unit/mcp/clients/media/_result_assert.ts";
import { connectMedia, mediaServicesFor } from "../clients/media/_media_fixture.ts";

const SONARR_KEY = "sonarr-key-0123456789";
const RADARR_KEY = "radarr-key-0123456789";
const SAB_KEY = "sab-key-0123456789";
const PLEX_TOKEN = "plex-token-0123456789";

function stack() {
  const sonarr = startFakeArr({
    app: "sonarr",
    apiKey: SONARR_KEY,
    queueSize: 4,
    downloadIdOf: (i) =>
      i < 2
        ? { downloadId: `SABnzbd_nzo_${i}`, protocol: "usenet" }
        : { downloadId: `HASH${i}`, protocol: "torrent" },
    trackedStateOf: (i) => (i === 1 ? "importBlocked" : "downloading"),
    health: [{ source: "IndexerStatusCheck", type: "warning", message: "Indexers unavailable" }],
  });
  const radarr = startFakeArr({ app: "radarr", apiKey: RADARR_KEY, queueSize: 1 });
  const sab = startFakeSabnzbd({
    apiKey: SAB_KEY,
    slots: [
      { nzo_id: "SABnzbd_nzo_0", filename: "a", status: "Downloading", mb: 100, mbleft: 50 },
      { nzo_id: "SABnzbd_nzo_1", filename: "b", status: "Queued", mb: 100, mbleft: 100 },
    ],
  });
  const qbit = startFakeQbittorrent({
    version: "4.6.7",
    torrents: [
      { hash: "hash2", name: "c", state: "stalledDL", progress: 0.2 },
      { hash: "hash3", name: "d", state: "stoppedDL", progress: 0.5 },
    ],
  });
  const plex = startFakePlex({ token: PLEX_TOKEN, total: 2_345, accounts: 3, sections: 2 });
  const env = {
    SONARR_URL: sonarr.url,
    SONARR_API_KEY: SONARR_KEY,
    RADARR_URL: radarr.url,
    RADARR_API_KEY: RADARR_KEY,
    SABNZBD_URL: sab.url,
    SABNZBD_API_KEY: SAB_KEY,
    QBITTORRENT_URL: qbit.url,
    QBITTORRENT_USERNAME: "admin",
    QBITTORRENT_PASSWORD: "adminadmin",
    PLEX_URL: plex.url,
    PLEX_TOKEN,
  };
  const servers = [sonarr, radarr, sab, qbit, plex];
  return {
    sonarr,
    env,
    [Symbol.asyncDispose]: async () => {
      for (const s of servers) await s.close();
    },
  };
}

Deno.test("media_queue joins the *arr queues with SABnzbd and qBittorrent and flags problems", async () => {
  await using s = stack();
  await using mcp = await connectMedia(mediaServicesFor(s.env));
  const { structured, isError } = await mcp.call("media_queue", {});
  assert(!isError, JSON.stringify(structured));
  assertEquals(structured.total, 5);
  assertEquals(structured.counts, { ok: 2, stuck: 3, failed: 0 });
  const items = structured.items as Array<Record<string, unknown>>;
  const byTitle = Object.fromEntries(items.map((i) => [`${i.service}:${i.id}`, i]));
  assertEquals(byTitle["sonarr:2"]?.flag, "stuck");
  assertEquals(byTitle["sonarr:3"]?.client_state, "stalledDL");
  assertEquals(byTitle["sonarr:3"]?.flag, "stuck");
  assertEquals(byTitle["sonarr:4"]?.client_state, "stoppedDL", "4.x pausedDL is normalised");
  assertEquals(byTitle["sonarr:4"]?.reasons, ["qBittorrent: stopped before completion"]);
  assertEquals(byTitle["sonarr:1"]?.client_progress, 0.5);
  assertEquals((structured.download_clients_checked as string[]).sort(), ["qbittorrent", "sabnzbd"]);
  const problems = await mcp.call("media_queue", { only_problems: true });
  assertEquals((problems.structured.items as unknown[]).length, 3);
});

Deno.test("service_status reports versions, health and unconfigured services", async () => {
  await using s = stack();
  await using mcp = await connectMedia(mediaServicesFor(s.env));
  const { structured } = await mcp.call("service_status");
  const services = Object.fromEntries(
    (structured.services as Array<Record<string, unknown>>).map((x) => [x.service, x]),
  );
  assertEquals(services.sonarr?.version, "4.0.19.2979");
  assertEquals(services.sonarr?.health, "warning");
  assertEquals(services.sabnzbd?.version, "5.0.1");
  assertEquals(services.qbittorrent?.version, "v4.6.7");
  assertEquals(services.plex?.version, "1.41.3.9314");
  assertEquals(services.prowlarr?.configured, false);
  assert(!JSON.stringify(structured).includes(SONARR_KEY));
});

Deno.test("download_clients shows SABnzbd and qBittorrent speed, free space and counts", async () => {
  await using s = stack();
  await using mcp = await connectMedia(mediaServicesFor(s.env));
  const { structured } = await mcp.call("download_clients");
  const sab = structured.sabnzbd as Record<string, unknown>;
  const qbit = structured.qbittorrent as Record<string, unknown>;
  assertEquals(sab.queue_items, 2);
  assertEquals(sab.free_space_bytes, Math.round(512.5 * 1024 ** 3));
  assertEquals(qbit.free_space_bytes, 750_000_000_000);
  assertEquals(qbit.torrents, { stalled: 1, stopped: 1 });
});

Deno.test("media_history summarises the whole Plex watch history, filtered by account", async () => {
  await using s = stack();
  await using mcp = await connectMedia(mediaServicesFor(s.env));
  const all = await mcp.call("media_history", { service: "plex" });
  assert(!all.isError, all.text);
  const summary = all.structured.plex_summary as Record<string, unknown>;
  assertEquals(summary.plays, 2_345);
  assertEquals(summary.by_account, { "1": 782, "2": 782, "3": 781 });
  assertEquals((summary.accounts as Record<string, string>)["2"], "user2");
  const one = await mcp.call("media_history", { service: "plex", account_id: 2, section_id: "1" });
  const filtered = one.structured.plex_summary as Record<string, unknown>;
  assertEquals(filtered.by_account, { "2": 391 });
  assertEquals(filtered.by_section, { "1": 391 });
});

Deno.test("media_wanted, media_calendar and media_history read the *arr lists", async () => {
  await using s = stack();
  await using mcp = await connectMedia(mediaServicesFor(s.env));
  const wanted = await mcp.call("media_wanted", { service: "sonarr" });
  assertEquals((wanted.structured.items as Array<{ title: string }>)[0]?.title, "Pilot");
  const calendar = await mcp.call("media_calendar", { days_ahead: 3 });
  assert((calendar.structured.items as unknown[]).length >= 2, JSON.stringify(calendar.structured));
  const history = await mcp.call("media_history", { service: "sonarr" });
  assertEquals((history.structured.records as Array<{ event: string }>)[0]?.event, "grabbed");
});

Deno.test("media_search_missing starts the app's missing search command", async () => {
  await using s = stack();
  await using mcp = await connectMedia(mediaServicesFor(s.env));
  const { structured, isError } = await mcp.call("media_search_missing", { service: "sonarr" });
  assert(!isError, JSON.stringify(structured));
  assertEquals(structured.command, "MissingEpisodeSearch");
  assertEquals(s.sonarr.commands, [{ monitored: true, name: "MissingEpisodeSearch" }]);
});

Deno.test("media tools answer a clear error when a service is not configured or unwired", async () => {
  await using mcp = await connectMedia(mediaServicesFor({}));
  const wanted = await mcp.call("media_wanted", { service: "radarr" });
  assert(wanted.isError);
  assert(wanted.text.includes("RADARR_URL"), wanted.text);
  await using bare = await connectMedia(undefined);
  const status = await bare.call("service_status");
  assert(status.isError);
  assertEquals(status.error?.kind, "unavailable");
});

Deno.test("credential tools store, list without values, and delete only with a confirm token", async () => {
  const media = mediaServicesFor({ RADARR_API_KEY: "env-radarr-key" });
  await using mcp = await connectMedia(media);
  const set = await mcp.call("credential_set", { service: "sonarr", api_key: "stored-sonarr-key" });
  assert(!set.isError, set.text);
  assertEquals(set.structured.effective_source, "store");
  const shadowed = await mcp.call("credential_set", { service: "radarr", api_key: "stored-radarr-key" });
  assertEquals(shadowed.structured.effective_source, "env");
  const bad = await mcp.call("credential_set", { service: "qbittorrent", username: "admin" });
  assert(bad.isError);
  assert(bad.text.includes("username + password"), bad.text);
  const audit = JSON.stringify(mcp.deps.audit.recent(50));
  assert(audit.includes("credential_set"), "credential_set is audited");
  assert(!audit.includes("stored-sonarr-key"), "the audit log never holds the value");
  const list = await mcp.call("credential_list");
  const text = JSON.stringify(list.structured) + list.text;
  for (const secret of ["stored-sonarr-key", "stored-radarr-key", "env-radarr-key"]) {
    assert(!text.includes(secret));
  }
  const preview = await mcp.call("credential_delete", { service: "sonarr" });
  assertEquals(preview.structured.status, "confirmation_required");
  const still = await media.credentials.get("sonarr");
  assert(still.ok && still.value?.apiKey === "stored-sonarr-key");
  const done = await mcp.call("credential_delete", {
    service: "sonarr",
    confirm_token: preview.structured.confirm_token,
  });
  assertEquals(done.structured.status, "done");
  const gone = await media.credentials.get("sonarr");
  assert(gone.ok && gone.value === undefined);
  const nothing = await mcp.call("credential_delete", { service: "plex" });
  assertEquals(nothing.structured.status, "done");
  assertEquals((nothing.structured.result as { deleted: boolean }).deleted, false);
});
