import assert from "node:assert/strict";
import { withoutKey } from "../../../../mcp/dashboard/auth.ts";
import { CONTENT_SECURITY_POLICY } from "../../../../mcp/dashboard/security_headers.ts";
import { SESSION_COOKIE } from "../../../../mcp/dashboard/session.ts";
import { API_KEY, dashboardApp, dashboardDeps, fakeContainer, HOST, signIn } from "./fixtures.ts";

const containers = [fakeContainer("web", "running"), fakeContainer("worker", "exited")];

async function setup(config = {}) {
  const deps = await dashboardDeps(containers, config);
  return { deps, app: dashboardApp(deps) };
}

Deno.test("dashboard / sets the security headers on pages, 401 pages and assets", async () => {
  const { app, deps } = await setup();
  const cookie = await signIn(app);
  for (
    const [path, headers] of [["/", { ...HOST, cookie }], ["/", HOST], [
      "/assets/dashboard.css",
      HOST,
    ]] as const
  ) {
    const res = await app.request(path, { headers });
    await res.body?.cancel();
    assert.equal(res.headers.get("content-security-policy"), CONTENT_SECURITY_POLICY, path);
    assert.match(CONTENT_SECURITY_POLICY, /default-src 'self'/);
    assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
    assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|https?:|\*/);
    assert.equal(res.headers.get("referrer-policy"), "no-referrer");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  }
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard ?key= sets an HttpOnly SameSite=Strict cookie and redirects 303 without the key", async () => {
  const { app, deps } = await setup();
  const res = await app.request(`/containers/web?key=${API_KEY}&tail=5`, { headers: HOST });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get("location"), "/containers/web?tail=5");
  const cookie = res.headers.get("set-cookie") ?? "";
  assert.match(cookie, new RegExp(`^${SESSION_COOKIE}=v1\\.`));
  assert.match(cookie, /; HttpOnly/);
  assert.match(cookie, /; SameSite=Strict/);
  assert.match(cookie, /; Path=\//);
  assert.equal(cookie.includes(API_KEY), false);
  const page = await app.request("/containers/web?tail=5", {
    headers: { ...HOST, cookie: cookie.split(";")[0]! },
  });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<h1>web/);
  const stat = await Deno.stat(`${deps.dataDir}/dashboard-session-secret`);
  assert.equal(stat.mode! & 0o777, 0o600);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard refuses a missing or wrong key with the 401 page and never echoes it", async () => {
  const { app, deps } = await setup();
  const missing = await app.request("/", { headers: HOST });
  assert.equal(missing.status, 401);
  assert.equal(missing.headers.get("set-cookie"), null);
  assert.match(await missing.text(), /needs the arr-mcp API key/);
  const wrongKey = "wrong<script>alert(1)</script>key";
  const wrong = await app.request(`/?key=${encodeURIComponent(wrongKey)}`, { headers: HOST });
  assert.equal(wrong.status, 401);
  assert.equal(wrong.headers.get("set-cookie"), null);
  const body = await wrong.text();
  assert.match(body, /That key is not valid/);
  assert.equal(body.includes("wrong"), false);
  assert.equal(body.includes(API_KEY), false);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard refuses a tampered, foreign or expired session cookie", async () => {
  const { app, deps } = await setup();
  const cookie = await signIn(app);
  const [name, value] = cookie.split("=") as [string, string];
  const parts = value.split(".");
  const tampered = [parts[0], (parseInt(parts[1]!, 36) + 1).toString(36), parts[2], parts[3]].join(".");
  for (const bad of [tampered, `${value.slice(0, -2)}xx`, "v1.zzzzzz.AAAAAAAAAAAAAAAAAAAAAA.AAAA", ""]) {
    const res = await app.request("/", { headers: { ...HOST, cookie: `${name}=${bad}` } });
    await res.body?.cancel();
    assert.equal(res.status, 401, bad);
  }
  const otherDeps = await dashboardDeps(containers); // another data dir: another secret
  const foreign = await dashboardApp(otherDeps).request("/", { headers: { ...HOST, cookie } });
  await foreign.body?.cancel();
  assert.equal(foreign.status, 401);
  await Deno.remove(otherDeps.dataDir, { recursive: true });
  deps.clock.now = () => Date.UTC(2027, 0, 1);
  const expired = await app.request("/", { headers: { ...HOST, cookie } });
  await expired.body?.cancel();
  assert.equal(expired.status, 401);
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard /api/status accepts the session cookie, the bearer key and ?key=, nothing else", async () => {
  const { app, deps } = await setup();
  const cookie = await signIn(app);
  for (const headers of [{ ...HOST, cookie }, { ...HOST, authorization: `Bearer ${API_KEY}` }]) {
    const res = await app.request("/api/status", { headers });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).schema, 1);
  }
  const q = await app.request(`/api/status?key=${API_KEY}`, { headers: HOST });
  await q.body?.cancel();
  assert.equal(q.status, 200);
  for (const path of ["/api/status", "/api/status?key=wrong-key-0123456789"]) {
    const res = await app.request(path, { headers: HOST });
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error, "unauthorized");
  }
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard in public mode (ARR_DASHBOARD_PUBLIC) serves pages and /api/status without a key", async () => {
  const { app, deps } = await setup({ dashboardPublic: true });
  const page = await app.request("/", { headers: HOST });
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<h1>Overview<\/h1>/);
  const api = await app.request("/api/status", { headers: HOST });
  assert.equal(api.status, 200);
  await api.body?.cancel();
  const mcp = await app.request("/mcp", { method: "POST", headers: HOST, body: "{}" });
  await mcp.body?.cancel();
  assert.equal(mcp.status, 401, "public mode must not open /mcp");
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard serves its CSS, script and icon without a key, and nothing else under /assets", async () => {
  const { app, deps } = await setup();
  const css = await app.request("/assets/dashboard.css", { headers: HOST });
  assert.equal(css.status, 200);
  assert.equal(css.headers.get("content-type"), "text/css; charset=utf-8");
  assert.match(await css.text(), /prefers-color-scheme: dark/);
  const js = await app.request("/assets/dashboard.js", { headers: HOST });
  assert.equal(js.headers.get("content-type"), "text/javascript; charset=utf-8");
  assert.match(await js.text(), /\/api\/status|dataset\.live/);
  const icon = await app.request("/assets/favicon.svg", { headers: HOST });
  assert.equal(icon.headers.get("content-type"), "image/svg+xml");
  assert.match(await icon.text(), /^<svg /);
  for (const path of ["/assets/../deno.json", "/assets/mcp_app.html", "/assets/html.ts"]) {
    const res = await app.request(path, { headers: HOST });
    await res.body?.cancel();
    assert.equal(res.status, 404, path);
  }
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("dashboard answers unknown stacks and containers with a 404 page", async () => {
  const { app, deps } = await setup();
  const cookie = await signIn(app);
  for (const path of ["/stacks/nope", "/stacks/..%2F..%2Fetc", "/containers/nope"]) {
    const res = await app.request(path, { headers: { ...HOST, cookie } });
    assert.equal(res.status, 404, path);
    assert.match(await res.text(), /Not found/);
  }
  await Deno.remove(deps.dataDir, { recursive: true });
});

Deno.test("withoutKey() drops only the key and never yields a protocol-relative URL", () => {
  assert.equal(withoutKey("http://h/?key=k"), "/");
  assert.equal(withoutKey("http://h/stacks/media?a=1&key=k&b=2"), "/stacks/media?a=1&b=2");
  assert.equal(withoutKey("http://h//evil.example/x?key=k"), "/evil.example/x");
  assert.equal(withoutKey("http://h/%5Cevil.example?key=k"), "/%5Cevil.example");
});
