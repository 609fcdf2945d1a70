import assert from "node:assert/strict";
import { overviewPage } from "../../../templates/overview_page.ts";
import { withProblems } from "../../../mcp/dashboard/problems.ts";
import { sampleStatus } from "../mcp/dashboard/fixtures.ts";

const view = (sample: { interval_s: number; sampled_at: string | null } | null) => {
  const status = sampleStatus(3, 1);
  return withProblems({
    ...status,
    stats_sample: sample,
    containers: status.containers.map((c) => ({ ...c, error_line: null, port_links: [] })),
  });
};

Deno.test("overviewPage() says when the shared CPU and memory sample was taken, and how often", () => {
  const html = overviewPage(view({ interval_s: 60, sampled_at: "2026-11-22T03:59:20.000Z" }));
  assert.match(
    html,
    /CPU and memory sampled <time datetime="2026-11-22T03:59:20.000Z"[^>]*data-field="stats_sampled_at">/,
  );
  assert.match(html, /every 60 s while a page shows them/);
  // Without a store each figure is read when the page is made: nothing to say.
  assert.doesNotMatch(overviewPage(view(null)), /CPU and memory sampled/);
});
