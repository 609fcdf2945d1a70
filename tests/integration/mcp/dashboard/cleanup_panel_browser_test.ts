/// <reference lib="dom" />
/**
 * The Services page's watched-cleanup panel in Chromium against the real app, with loopback Plex, Sonarr and
 * Radarr fakes over the household library: absent before any preview, filled from the last full preview with
 * its age, never a preview of its own on a page load (the Sonarr fake sees no library read), axe-core clean.
 */
import assert from "node:assert/strict";
import { TOOL_FAMILIES } from "../../../../mcp/server/families.ts";
import { startFakeArr } from "../../../fakes/arr_fake.ts";
import { householdLibrary } from "../../../fakes/household_library.ts";
import { startFakePlex } from "../../../fakes/plex_fake.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { householdMedia } from "../cleanup/_cleanup_fixture.ts";
import { axeViolations, launchChromium, SCREENSHOTS } from "./browser.ts";

/** The Sonarr requests that only a preview sends (series, episodes, files); health checks are not among them. */
const LIBRARY_READ = /^GET \/api\/v3\/(series|episode|episodefile|tag)\b/;

Deno.test("the Services page shows the last cleanup preview, never runs one, and stays accessible", async (t) => {
  const lib = householdLibrary();
  const plex = startFakePlex({ token: "plex-token-0123456789", total: 0, library: lib });
  const sonarr = startFakeArr({ app: "sonarr", apiKey: "sonarr-key-0123456789", library: lib });
  const radarr = startFakeArr({ app: "radarr", apiKey: "radarr-key-0123456789", library: lib });
  const served = await serveArrMcp({
    families: TOOL_FAMILIES,
    withDeps: (deps) => ({
      ...deps,
      media: householdMedia({ plex: plex.url, sonarr: sonarr.url, radarr: radarr.url }),
    }),
  });
  const browser = await launchChromium({ colorScheme: "dark" });
  try {
    const page = await browser.context.newPage();
    const base = served.origin;
    assert.equal((await page.goto(`${base}/?key=${encodeURIComponent(served.key)}`))?.status(), 200);

    await t.step("before any preview there is no panel", async () => {
      await page.goto(`${base}/services`);
      assert.equal(await page.locator('[data-field="cleanup"]').count(), 0);
    });

    let expected = { files: 0, bytes: 0 };
    await t.step("a full watched_cleanup_preview fills it; a page load reads no library", async () => {
      const result = await served.call("watched_cleanup_preview", { service: "sonarr" });
      const s = result.structuredContent;
      assert.ok(s.candidates.length > 0, JSON.stringify(s));
      expected = { files: s.candidates.length, bytes: s.total_bytes };
      sonarr.state.requests.length = 0;
      await page.goto(`${base}/services`);
      const panel = page.locator('[data-field="cleanup"]');
      const text = await panel.textContent() ?? "";
      assert.match(text, new RegExp(`${expected.files} files, [\\d.]+ MiB\\s*would be removed`));
      assert.match(text, /preview \d+s ago/);
      assert.match(text, /watched_cleanup_delete/);
      assert.equal(await panel.locator(".cleanup-top li").count(), expected.files);
      assert.deepEqual(
        sonarr.state.requests.filter((r) => LIBRARY_READ.test(r)),
        [],
        "no preview per page load",
      );
      await Deno.mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({
        path: new URL("services-cleanup-dark.png", SCREENSHOTS).pathname,
        fullPage: true,
      });
      assert.deepEqual(await axeViolations(page), []);
    });

    await t.step("a preview narrowed to some series leaves the panel as it was", async () => {
      const narrowed = await served.call("watched_cleanup_preview", { service: "sonarr", ids: [2] });
      assert.notEqual(narrowed.structuredContent.candidates.length, expected.files);
      await page.goto(`${base}/services`);
      const text = await page.locator('[data-field="cleanup"]').textContent() ?? "";
      assert.match(text, new RegExp(`${expected.files} files`));
    });
  } finally {
    await browser.close();
    await served.close();
    for (const server of [plex, sonarr, radarr]) await server.close();
  }
});
