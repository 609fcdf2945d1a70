/**
 * End to end: the real arr-mcp program started the way `deno task start` does (the task's flags from deno.json),
 * configured only through environment variables, answers media tools over real Streamable HTTP against a loopback
 * SABnzbd and qBittorrent. Also checks the credential store file and generated secret land 0600 in the data dir.
 */
import { connectHttpClient } from "../../_support/http_client.ts";
import { startEnv, startTaskCommand, stopStarted } from "../../_support/start_task.ts";
import { startFakeQbittorrent } from "../../../fakes/qbittorrent_fake.ts";
import { startFakeSabnzbd } from "../../../fakes/sabnzbd_fake.ts";
import { assert, assertEquals } from "../../../unit/mcp/clients/media/_result_assert.ts";

Deno.test("arr-mcp started from the start task serves media tools configured by env", async () => {
  await using sab = startFakeSabnzbd({
    apiKey: "sab-key-0123456789",
    slots: [{ nzo_id: "SABnzbd_nzo_1", filename: "x", status: "Downloading", mb: 10, mbleft: 5 }],
  });
  await using qbit = startFakeQbittorrent({ version: "5.0.0", torrents: [] });
  const home = await Deno.makeTempDir({ prefix: "arr-mcp-media-home-" });
  const dataDir = `${home}/data`;
  const key = `media-test-${crypto.randomUUID()}`;
  const env = startEnv(home, (k) => k.startsWith("ARR_") || /_(URL|API_KEY|TOKEN)$/.test(k));
  const command = await startTaskCommand({
    ...env,
    ARR_MCP_API_KEY: key,
    ARR_DATA_DIR: dataDir,
    ARR_STACKS_DIR: `${home}/stacks`,
    SABNZBD_URL: sab.url,
    SABNZBD_API_KEY: "sab-key-0123456789",
    QBITTORRENT_URL: qbit.url,
    QBITTORRENT_USERNAME: "admin",
    QBITTORRENT_PASSWORD: "adminadmin",
  });
  const child = command.spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    let out = "";
    let url: string | undefined;
    while (!url) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`arr-mcp exited early: ${out}`);
      out += value;
      url = /listening on .* \(MCP endpoint (\S+)\)/.exec(out)?.[1];
    }
    assert(out.includes("generated a credentials secret"), out);
    const client = await connectHttpClient(url.replace("localhost", "127.0.0.1"), key);
    try {
      const downloads = await client.callTool({ name: "download_clients", arguments: {} });
      assert(!downloads.isError, JSON.stringify(downloads.content));
      const s = downloads.structuredContent as {
        sabnzbd: { queue_items: number };
        qbittorrent: { version: string };
      };
      assertEquals(s.sabnzbd.queue_items, 1);
      assertEquals(s.qbittorrent.version, "v5.0.0");
      const set = await client.callTool({
        name: "credential_set",
        arguments: { service: "plex", token: "plex-token-e2e-123" },
      });
      assert(!set.isError, JSON.stringify(set.content));
      assertEquals((await Deno.stat(`${dataDir}/credentials.json`)).mode! & 0o777, 0o600);
      assertEquals((await Deno.stat(`${dataDir}/credentials.secret`)).mode! & 0o777, 0o600);
      assert(!(await Deno.readTextFile(`${dataDir}/credentials.json`)).includes("plex-token-e2e-123"));
    } finally {
      await client.close();
    }
  } finally {
    await stopStarted(child, reader);
    await Deno.remove(home, { recursive: true }).catch(() => {});
  }
});
