import assert from "node:assert/strict";
import { cleanupPanel, type CleanupSummary } from "../../../templates/cleanup_panel.ts";
import { servicesPage } from "../../../templates/services_page.ts";

const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const sonarr: CleanupSummary = {
  service: "sonarr",
  computed_at: new Date(NOW - 42 * 60_000).toISOString(),
  candidates: 3,
  total_bytes: 3 * 1024 ** 3,
  protected: 4,
  keep_protected: 1,
  top: [
    {
      what: "The Office (US) S1E1 <script>x</script>",
      size_bytes: 2 * 1024 ** 3,
      watched_by: ["Owner", "Kid"],
    },
    { what: "The Office (US) S2E1", size_bytes: 1024 ** 3, watched_by: ["Owner"] },
  ],
  unreadable: [],
};
const radarr: CleanupSummary = {
  service: "radarr",
  computed_at: new Date(NOW - 3 * 3_600_000).toISOString(),
  candidates: 0,
  total_bytes: 0,
  protected: 2,
  keep_protected: 2,
  top: [],
  unreadable: [],
};

Deno.test("cleanupPanel() shows count, size, top items, keep-protected count and the preview's age", () => {
  const html = String(cleanupPanel([sonarr, radarr], NOW));
  assert.match(html, /3 files, 3\.0 GiB<\/strong> would be removed/);
  assert.match(html, /4 protected, 1 of them by a keep mark or tag/);
  assert.match(html, /preview 42m ago/);
  assert.match(html, /preview 3h ago/);
  assert.match(html, /The Office \(US\) S2E1/);
  assert.match(html, /watched by Owner, Kid/);
  assert.match(html, /Nothing to remove\. 2 protected, 2 of them/);
  assert.doesNotMatch(html, /<script>x/, "item names are escaped");
  for (const tool of ["watched_cleanup_preview", "watched_cleanup_delete", "interest_set"]) {
    assert.match(html, new RegExp(`<code>${tool}</code>`));
  }
  assert.doesNotMatch(html, /<form|<button/, "read-only");
});

Deno.test("cleanupPanel() says what could not be read, and is absent before any preview", () => {
  const failed = { ...sonarr, candidates: 0, top: [], unreadable: ["Plex watch history: HTTP 500"] };
  const html = String(cleanupPanel([failed], NOW));
  assert.match(html, /Nothing offered: could not read Plex watch history: HTTP 500/);
  assert.doesNotMatch(html, /would be removed/);
  assert.equal(String(cleanupPanel([], NOW)), "");
});

Deno.test("servicesPage() carries the cleanup panel after the services table", () => {
  const page = servicesPage([], { summaries: [sonarr], now: NOW });
  assert.ok(page.indexOf('data-field="cleanup"') > page.indexOf("</table>"));
  assert.doesNotMatch(servicesPage([]), /data-field="cleanup"/);
});
