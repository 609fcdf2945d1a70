import { PlexClient } from "../../../../../mcp/clients/media/plex.ts";
import { startFakePlex } from "../../../../fakes/plex_fake.ts";
import {
  assert,
  assertEquals,
  assertErr,
  assertOk,
} from "../../../../unit/mcp/clients/media/_result_assert.ts";

function plex(url: string, token = "plex-token-0123") {
  return new PlexClient({ baseUrl: url, fetch, token, clientIdentifier: "arr-mcp-test", retries: 0 });
}

Deno.test("PlexClient.historyPages() walks every page once, in order", async () => {
  await using fake = startFakePlex({ token: "plex-token-0123", total: 1_000 });
  const sizes: number[] = [];
  const starts: number[] = [];
  const keys = new Set<string>();
  for await (const page of plex(fake.url).historyPages({ pageSize: 300 })) {
    assertOk(page);
    sizes.push(page.value.items.length);
    starts.push(page.value.start);
    for (const item of page.value.items) keys.add(item.historyKey ?? "");
    assertEquals(page.value.totalSize, 1_000);
  }
  assertEquals(sizes, [300, 300, 300, 100]);
  assertEquals(starts, [0, 300, 600, 900]);
  assertEquals(keys.size, 1_000);
});

Deno.test("PlexClient.historyPages() sends account, section and viewedAt filters", async () => {
  await using fake = startFakePlex({ token: "plex-token-0123", total: 600, accounts: 3, sections: 2 });
  const since = new Date((1_700_000_000 + 300 * 60) * 1000);
  let count = 0;
  for await (const page of plex(fake.url).historyPages({ accountId: 2, sectionId: 2, since, pageSize: 50 })) {
    assertOk(page);
    for (const item of page.value.items) {
      assertEquals([item.accountID, item.librarySectionID], [2, "2"]);
      assert((item.viewedAt ?? 0) >= since.getTime() / 1000);
      count++;
    }
  }
  assertEquals(count, 50);
});

Deno.test("PlexClient.historyPages() yields one auth error and stops on a wrong token", async () => {
  await using fake = startFakePlex({ token: "plex-token-0123", total: 10 });
  const pages = [];
  for await (const page of plex(fake.url, "wrong-token-999").historyPages()) pages.push(page);
  assertEquals(pages.length, 1);
  const [only] = pages;
  assertErr(only!);
  assertEquals(only.error.kind, "auth");
  assert(!only.error.message.includes("wrong-token-999"));
});

Deno.test("PlexClient reads identity and accounts with the token header", async () => {
  await using fake = startFakePlex({ token: "plex-token-0123", total: 0, accounts: 2 });
  const client = plex(fake.url);
  const identity = await client.identity();
  assertOk(identity);
  assertEquals(identity.value.machineIdentifier, "fake-machine");
  const accounts = await client.accounts();
  assertOk(accounts);
  assertEquals(accounts.value.map((a) => a.name), ["user1", "user2"]);
});
