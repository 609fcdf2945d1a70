import assert from "node:assert/strict";
import { createMediaServices } from "../../../../mcp/clients/media/media_services.ts";
import { dashboardApp, dashboardDeps, HOST, signIn } from "./fixtures.ts";

Deno.test("dashboard /services is left out (404, no nav link) without the media-services layer", async () => {
  const deps = await dashboardDeps([]);
  const app = dashboardApp(deps);
  const cookie = await signIn(app);
  const res = await app.request("/services", { headers: { ...HOST, cookie } });
  await res.body?.cancel();
  assert.equal(res.status, 404);
  const overview = await (await app.request("/", { headers: { ...HOST, cookie } })).text();
  assert.equal(overview.includes('href="/services"'), false);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard /services shows every service's health without ever showing a credential", async () => {
  const deps = await dashboardDeps([]);
  // A port nothing listens on: Sonarr is configured but unreachable.
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = closed.addr.port;
  closed.close();
  const secretKey = "sonarrsecretapikey0123456789abcd";
  deps.media = await createMediaServices({
    env: {
      SONARR_URL: `http://127.0.0.1:${port}`,
      SONARR_API_KEY: secretKey,
      ARR_MCP_SECRET: "x".repeat(32),
    },
    dataDir: deps.dataDir,
    stacksDir: `${deps.dataDir}/stacks`,
    runtime: undefined,
    fetch: (input, init) => fetch(input, init),
  });
  const app = dashboardApp(deps);
  const cookie = await signIn(app);
  const res = await app.request("/services", { headers: { ...HOST, cookie } });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.equal(html.includes(secretKey), false);
  assert.match(html, /<tr data-service="sonarr" class="problem">[\s\S]*?badge-bad">error</);
  assert.match(html, /<tr data-service="radarr">[\s\S]*?not configured/);
  assert.match(html, /href="\/services" aria-current="page"/);
  const overview = await (await app.request("/", { headers: { ...HOST, cookie } })).text();
  assert.match(overview, /href="\/services"/);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard /services with nothing configured says so and how to configure, never 'All good'", async () => {
  const deps = await dashboardDeps([]);
  deps.media = await createMediaServices({
    env: { ARR_MCP_SECRET: "x".repeat(32) },
    dataDir: deps.dataDir,
    stacksDir: `${deps.dataDir}/stacks`,
    runtime: undefined,
    fetch: (input, init) => fetch(input, init),
  });
  const app = dashboardApp(deps);
  const cookie = await signIn(app);
  const html = await (await app.request("/services", { headers: { ...HOST, cookie } })).text();
  assert.doesNotMatch(html, /All good/);
  assert.match(html, /No media service is configured yet/);
  assert.match(
    html,
    /<tr data-service="sonarr">[\s\S]*?<code>SONARR_URL<\/code>[\s\S]*?<code>SONARR_API_KEY<\/code>/,
  );
  assert.match(
    html,
    /<code>QBITTORRENT_API_KEY<\/code> or <code>QBITTORRENT_USERNAME \+ QBITTORRENT_PASSWORD<\/code>/,
  );
  assert.match(html, /<code>credential_set<\/code>/);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard /services links a configured service's web UI", async () => {
  const deps = await dashboardDeps([]);
  deps.media = await createMediaServices({
    env: {
      RADARR_URL: "http://127.0.0.1:7878",
      RADARR_API_KEY: "r".repeat(32),
      ARR_MCP_SECRET: "x".repeat(32),
    },
    dataDir: deps.dataDir,
    stacksDir: `${deps.dataDir}/stacks`,
    runtime: undefined,
    fetch: () => Promise.reject(new Error("unreachable in this test")),
  });
  const app = dashboardApp(deps);
  const cookie = await signIn(app);
  const html = await (await app.request("/services", { headers: { ...HOST, cookie } })).text();
  assert.match(html, /<tr data-service="radarr"[^>]*>[\s\S]*?<a href="http:\/\/127\.0\.0\.1:7878\/?"/);
  assert.doesNotMatch(html, /No media service is configured yet/);
  assert.equal(html.includes("r".repeat(32)), false);
  await Deno.remove(deps.dataDir, { recursive: true });
});
