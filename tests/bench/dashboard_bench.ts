/**
 * Dashboard render benchmarks (goal: overview under 50 ms and under 200 KB for 100 containers, 10 stacks).
 *   deno bench --allow-all tests/bench/dashboard_bench.ts
 * 1. overviewPage(): the pure template, ApiStatus in, HTML out.
 * 2. GET / through the whole app (session cookie check, collectStatus over an in-memory runtime with the same
 *    100 containers, render) — the server's own cost without Podman's API latency.
 * Medians and payload sizes (raw and gzip) are printed at the end (deno bench shows avg and percentiles).
 */
import { gzipSync } from "node:zlib";
import { overviewPage } from "../../templates/overview_page.ts";
import { withProblems } from "../../mcp/dashboard/problems.ts";
import { portLinks } from "../../mcp/dashboard/port_links.ts";
import {
  dashboardApp,
  dashboardDeps,
  fakeContainer,
  HOST,
  sampleStatus,
  signIn,
} from "../unit/mcp/dashboard/fixtures.ts";

const sample = sampleStatus(100, 10);
// As mcp/dashboard/overview_view.ts builds it: port links for the page's host, error lines of stopped ones.
const status = {
  ...sample,
  containers: sample.containers.map((c) => ({
    ...c,
    port_links: portLinks(c.ports, "nas.lan:8790"),
    error_line: c.state === "exited" ? "Error: cannot open /config/app.db: permission denied" : null,
  })),
};
const html = overviewPage(withProblems(status));
const bytes = new TextEncoder().encode(html).length;
const gzipped = gzipSync(html).length;

const containers = Array.from(
  { length: 100 },
  (_, i) =>
    fakeContainer(`stack${i % 10}-service${i}`, i % 7 === 3 ? "exited" : "running", {
      labels: { "io.podman.compose.project": `stack${i % 10}` },
      restartCount: i % 11,
    }),
);
const deps = await dashboardDeps(containers);
for (let s = 0; s < 10; s++) {
  await Deno.mkdir(`${deps.dataDir}/stacks/stack${s}`, { recursive: true });
  await Deno.writeTextFile(`${deps.dataDir}/stacks/stack${s}/compose.yaml`, "services: {}\n");
}
const app = dashboardApp(deps);
const cookie = await signIn(app);

const times: Record<string, number[]> = { template: [], route: [] };

Deno.bench("overviewPage(): 100 containers, 10 stacks", { group: "overview", baseline: true }, () => {
  const t0 = performance.now();
  overviewPage(withProblems(status));
  times.template!.push(performance.now() - t0);
});

Deno.bench("GET / through the app: 100 containers, 10 stacks", { group: "overview" }, async () => {
  const t0 = performance.now();
  const res = await app.request("/", { headers: { ...HOST, cookie } });
  await res.text();
  times.route!.push(performance.now() - t0);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1]! + sorted[mid]!) / 2);
}

globalThis.addEventListener("unload", () => {
  console.error(
    `overview payload: ${(bytes / 1024).toFixed(1)} KiB raw, ${(gzipped / 1024).toFixed(1)} KiB gzip`,
  );
  const over = (ok: boolean) => (ok ? "" : " OVER BUDGET");
  console.error(`overview budget 200 KB raw:${over(bytes <= 200 * 1024)}`);
  for (const [name, values] of Object.entries(times)) {
    if (values.length > 0) {
      const m = median(values);
      console.error(
        `median ${name}: ${m.toFixed(3)} ms over ${values.length} runs (budget 50 ms)${over(m < 50)}`,
      );
    }
  }
  Deno.removeSync(deps.dataDir, { recursive: true });
});
