import {
  assert,
  assertEquals,
  assertErr,
  assertOk,
} from "../../../../unit/mcp/clients/media/_result_assert.ts";
import { type QbitAuth, QBittorrentClient } from "../../../../../mcp/clients/media/qbittorrent.ts";
import {
  type FakeQbitVersion,
  type FakeTorrent,
  startFakeQbittorrent,
} from "../../../../fakes/qbittorrent_fake.ts";

const TORRENTS: FakeTorrent[] = [
  { hash: "aaa111", name: "Show.S01E01", state: "stoppedDL", progress: 0.4 },
  { hash: "bbb222", name: "Movie.2024", state: "stalledDL", progress: 0.1 },
  { hash: "ccc333", name: "Done.Thing", state: "stoppedUP", progress: 1 },
];

function client(url: string, auth: QbitAuth) {
  return new QBittorrentClient({ baseUrl: url, fetch, auth, retries: 0 });
}

for (const version of ["4.6.7", "5.0.0", "5.2.3"] as FakeQbitVersion[]) {
  Deno.test(`QBittorrentClient logs in with a cookie and lists torrents on qBittorrent ${version}`, async () => {
    await using fake = startFakeQbittorrent({ version, torrents: TORRENTS });
    const qbit = client(fake.url, { username: "admin", password: "adminadmin" });
    const torrents = await qbit.torrents();
    assertOk(torrents);
    assertEquals(torrents.value.map((t) => t.state), ["stoppedDL", "stalledDL", "stoppedUP"]);
    assertEquals(torrents.value.map((t) => t.stateClass), ["stopped", "stalled", "stopped"]);
    assertEquals(torrents.value[0]?.rawState, version === "4.6.7" ? "pausedDL" : "stoppedDL");
    assertEquals(fake.state.logins, 1);
  });

  Deno.test(`QBittorrentClient reports wrong passwords as auth errors on qBittorrent ${version}`, async () => {
    await using fake = startFakeQbittorrent({ version, torrents: TORRENTS });
    const result = await client(fake.url, { username: "admin", password: "wrong" }).torrents();
    assertErr(result);
    assertEquals(result.error.kind, "auth");
    assertEquals(result.error.status, version === "5.2.3" ? 401 : 200);
    assert(!result.error.message.includes("wrong"));
  });

  Deno.test(`QBittorrentClient logs in again once after the session expired on qBittorrent ${version}`, async () => {
    await using fake = startFakeQbittorrent({ version, torrents: TORRENTS });
    const qbit = client(fake.url, { username: "admin", password: "adminadmin" });
    assert((await qbit.transferInfo()).ok);
    fake.expireSessions();
    const again = await qbit.transferInfo();
    assertOk(again);
    assertEquals(fake.state.logins, 2);
  });

  Deno.test(`QBittorrentClient stops, starts and deletes with the right verbs on qBittorrent ${version}`, async () => {
    await using fake = startFakeQbittorrent({ version, torrents: TORRENTS });
    const qbit = client(fake.url, { username: "admin", password: "adminadmin" });
    assert((await qbit.start(["aaa111"])).ok);
    assertEquals(fake.state.torrents[0]?.state, "downloading");
    assert((await qbit.stop(["aaa111"])).ok);
    assertEquals(fake.state.torrents[0]?.state, "stoppedDL");
    const verbs = fake.state.requests.filter((r) => r.startsWith("POST torrents/"));
    assertEquals(
      verbs,
      version === "4.6.7"
        ? ["POST torrents/resume", "POST torrents/pause"]
        : ["POST torrents/start", "POST torrents/stop"],
    );
    assert((await qbit.delete(["bbb222"], { deleteFiles: true })).ok);
    assertEquals(fake.state.torrents.map((t) => t.hash), ["aaa111", "ccc333"]);
  });
}

Deno.test("QBittorrentClient uses a Bearer API key on 5.2 without logging in", async () => {
  await using fake = startFakeQbittorrent({
    version: "5.2.3",
    apiKey: "qbt_key_0123456789",
    torrents: TORRENTS,
  });
  const qbit = client(fake.url, { apiKey: "qbt_key_0123456789" });
  const main = await qbit.mainData();
  assertOk(main);
  assertEquals(main.value.server_state?.free_space_on_disk, 750_000_000_000);
  assertEquals(fake.state.logins, 0);
  assertEquals(fake.state.requests.some((r) => r.includes("auth/login")), false);
});

Deno.test("QBittorrentClient reports an API key on 5.0 as an auth error that names the version need", async () => {
  await using fake = startFakeQbittorrent({ version: "5.0.0", torrents: TORRENTS });
  const result = await client(fake.url, { apiKey: "qbt_key_0123456789" }).torrents();
  assertErr(result);
  assertEquals(result.error.kind, "auth");
  assert(result.error.message.includes("5.2"));
});

Deno.test("QBittorrentClient reports an IP ban as an auth error with status 403", async () => {
  await using fake = startFakeQbittorrent({ version: "5.0.0", banAfter: 0 });
  const result = await client(fake.url, { username: "admin", password: "adminadmin" }).torrents();
  assertErr(result);
  assertEquals(result.error.kind, "auth");
  assertEquals(result.error.status, 403);
  assert(result.error.message.includes("banned"));
});

Deno.test("QBittorrentClient remembers the QBT_SID_<port> cookie name on 5.2", async () => {
  await using fake = startFakeQbittorrent({ version: "5.2.3", torrents: TORRENTS });
  const qbit = client(fake.url, { username: "admin", password: "adminadmin" });
  assert((await qbit.torrents()).ok);
  assert((await qbit.transferInfo()).ok);
  assertEquals(fake.state.logins, 1);
});

Deno.test("QBittorrentClient logs in once for many concurrent calls after the session expired", async () => {
  await using fake = startFakeQbittorrent({ version: "5.2.3", torrents: TORRENTS });
  const qbit = client(fake.url, { username: "admin", password: "adminadmin" });
  assertOk(await qbit.torrents());
  fake.expireSessions();
  const results = await Promise.all(Array.from({ length: 6 }, () => qbit.transferInfo()));
  assert(results.every((r) => r.ok));
  assertEquals(fake.state.logins, 2);
});
