import assert from "node:assert/strict";
import { PlexClient } from "../../../../mcp/clients/media/plex.ts";
import { addHistoryPage, emptyPlexWatches } from "../../../../mcp/cleanup/plex_watches.ts";
import { startFakePlex } from "../../../fakes/plex_fake.ts";

const plex = (url: string) =>
  new PlexClient({
    baseUrl: url,
    fetch,
    token: "plex-token-0123",
    clientIdentifier: "arr-mcp-test",
    retries: 0,
  });

Deno.test("the watch map stays items × accounts however many plays, and no page is lost to a server cap", async () => {
  // 30,000 plays over 5,000 leaves and 3 accounts; the server hands out at most 700 rows per page.
  await using fake = startFakePlex({
    token: "plex-token-0123",
    total: 30_000,
    accounts: 3,
    maxPageSize: 700,
  });
  const watches = emptyPlexWatches();
  let rows = 0;
  for await (const page of plex(fake.url).historyPages({ pageSize: 1_000 })) {
    assert.ok(page.ok);
    rows += page.value.items.length;
    addHistoryPage(watches, page.value.items);
  }
  assert.equal(rows, 30_000, "every page read although each was shorter than asked");
  assert.equal(watches.byItem.size, 5_000);
  const pairs = [...watches.byItem.values()].reduce((n, accounts) => n + accounts.size, 0);
  assert.ok(pairs <= 5_000 * 3);
  assert.deepEqual([...watches.lastPlay.keys()].sort(), [1, 2, 3]);
});
