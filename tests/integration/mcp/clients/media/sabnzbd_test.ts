import {
  assert,
  assertEquals,
  assertErr,
  assertOk,
} from "../../../../unit/mcp/clients/media/_result_assert.ts";
import { SabnzbdClient } from "../../../../../mcp/clients/media/sabnzbd.ts";
import { startFakeSabnzbd } from "../../../../fakes/sabnzbd_fake.ts";

const KEY = "0123456789abcdef0123456789abcdef";
const SLOTS = [
  { nzo_id: "SABnzbd_nzo_aaa", filename: "Show.S01E01", status: "Downloading", mb: 1000, mbleft: 250 },
  { nzo_id: "SABnzbd_nzo_bbb", filename: "Movie.2024", status: "Queued", mb: 4000, mbleft: 4000 },
];

function sab(url: string, apiKey = KEY) {
  return new SabnzbdClient({ baseUrl: url, fetch, apiKey, retries: 0 });
}

Deno.test("SabnzbdClient.queue() parses string numbers into numbers", async () => {
  await using fake = startFakeSabnzbd({ apiKey: KEY, slots: SLOTS });
  const queue = await sab(fake.url).queue();
  assertOk(queue);
  assertEquals(queue.value.slots.map((s) => s.percentage), [75, 0]);
  assertEquals(queue.value.diskspace1, 512.5);
  assertEquals(queue.value.kbpersec, 10240);
  assertEquals(queue.value.paused, false);
});

Deno.test("SabnzbdClient turns a 403 plain-text answer into an auth error without the key", async (t) => {
  await using fake = startFakeSabnzbd({ apiKey: KEY, slots: SLOTS });
  await t.step("wrong key", async () => {
    const result = await sab(fake.url, "wrongkey-wrongkey").queue();
    assertErr(result);
    assertEquals(result.error.kind, "auth");
    assertEquals(result.error.status, 403);
    assert(result.error.message.includes("API Key Incorrect"));
    assert(!result.error.message.includes("wrongkey-wrongkey"), result.error.message);
    assert(result.error.message.includes("apikey=[REDACTED]"), result.error.message);
  });
  await t.step("version needs no key", async () => {
    const version = await sab(fake.url, "wrongkey-wrongkey").version();
    assertOk(version);
    assertEquals(version.value, "5.0.1");
  });
});

Deno.test("SabnzbdClient treats a 200 body with status:false as a failure", async () => {
  await using fake = startFakeSabnzbd({ apiKey: KEY, slots: SLOTS });
  const result = await sab(fake.url).pauseItems([]);
  assertErr(result);
  assertEquals(result.error.kind, "http");
  assert(result.error.message.includes("expects one parameter"), result.error.message);
});

Deno.test("SabnzbdClient pauses, resumes and deletes jobs and the whole queue", async () => {
  await using fake = startFakeSabnzbd({ apiKey: KEY, slots: SLOTS });
  const client = sab(fake.url);
  assert((await client.pauseItems(["SABnzbd_nzo_aaa"])).ok);
  assertEquals(fake.state.slots[0]?.status, "Paused");
  assert((await client.resumeItems(["SABnzbd_nzo_aaa"])).ok);
  assertEquals(fake.state.slots[0]?.status, "Queued");
  assert((await client.pause()).ok);
  assertEquals(fake.state.paused, true);
  assert((await client.resume()).ok);
  assertEquals(fake.state.paused, false);
  assert((await client.deleteItems(["SABnzbd_nzo_bbb"])).ok);
  assertEquals(fake.state.slots.map((s) => s.nzo_id), ["SABnzbd_nzo_aaa"]);
  const again = await client.deleteItems(["SABnzbd_nzo_bbb"]);
  assertErr(again);
});

Deno.test("SabnzbdClient reads history and warnings", async () => {
  await using fake = startFakeSabnzbd({
    apiKey: KEY,
    history: [{
      nzo_id: "SABnzbd_nzo_h1",
      name: "Old.Show",
      status: "Failed",
      fail_message: "Out of retention",
    }],
    warnings: [{ type: "WARNING", text: "Disk almost full", time: 1_700_000_000 }],
  });
  const client = sab(fake.url);
  const history = await client.history();
  assertOk(history);
  assertEquals(history.value.slots[0]?.fail_message, "Out of retention");
  const warnings = await client.warnings();
  assertOk(warnings);
  assertEquals(warnings.value[0]?.text, "Disk almost full");
});

Deno.test("SabnzbdClient works under a URL base", async () => {
  await using fake = startFakeSabnzbd({ apiKey: KEY, slots: SLOTS, urlBase: "/sabnzbd" });
  const queue = await sab(`${fake.url}/sabnzbd`).queue();
  assertOk(queue);
  assertEquals(queue.value.slots.length, 2);
});
