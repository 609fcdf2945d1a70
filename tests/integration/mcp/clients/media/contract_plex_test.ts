/**
 * Contract: every Plex call PlexClient makes, against Prism mocking the community Plex OpenAPI document
 * (LukeHagar/plex-api-spec v1.1.1). The spec requires X-Plex-Client-Identifier and the X-Plex-Token header, so a
 * client that drops either fails here with 422/401.
 */
import { PlexClient } from "../../../../../mcp/clients/media/plex.ts";
import {
  assert,
  assertEquals,
  assertErr,
  assertOk,
} from "../../../../unit/mcp/clients/media/_result_assert.ts";
import { patchPlexSpec, startPrism } from "./_prism.ts";

Deno.test("PlexClient matches the Plex Media Server OpenAPI contract (Prism)", async (t) => {
  await using prism = await startPrism("plex.json", patchPlexSpec);
  const plex = new PlexClient({
    baseUrl: prism.url,
    fetch,
    token: "plex-token-0123456789",
    clientIdentifier: "arr-mcp-test",
    retries: 0,
  });
  await t.step("identity, sessions, accounts", async () => {
    const identity = await plex.identity();
    assertOk(identity);
    assertEquals(typeof identity.value.machineIdentifier, "string");
    assertOk(await plex.sessions());
    const accounts = await plex.accounts();
    assertOk(accounts);
  });
  await t.step("library sections, section items (paged), metadata", async () => {
    assertOk(await plex.sections());
    assertOk(await plex.sectionItems(1, { start: 50, size: 50 }));
    assertOk(await plex.metadata(123));
  });
  await t.step("watch history, filtered by account, section and date", async () => {
    const pages = [];
    for await (
      const page of plex.historyPages({
        accountId: 1,
        sectionId: 2,
        since: new Date("2026-01-01"),
        pageSize: 100,
      })
    ) {
      pages.push(page);
      if (pages.length > 3) break;
    }
    assert(pages.length >= 1);
    for (const page of pages) assertOk(page);
  });
  await t.step("the mock rejects a missing client identifier and a missing token", async () => {
    const bare = new PlexClient({ baseUrl: prism.url, fetch, token: "", clientIdentifier: "", retries: 0 });
    const history = bare.historyPages();
    const first = await history.next();
    assert(!first.done);
    assertErr(first.value);
    assert([401, 422].includes(first.value.error.status ?? 0), JSON.stringify(first.value.error));
    const noToken = await fetch(`${prism.url}/status/sessions`, { headers: { Accept: "application/json" } });
    await noToken.body?.cancel();
    assertEquals(noToken.status, 401);
  });
});
