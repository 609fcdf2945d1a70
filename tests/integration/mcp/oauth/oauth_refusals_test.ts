/** What arr-mcp's OAuth refuses, over real HTTP on loopback with the real consent pages. */
import assert from "node:assert/strict";
import { ACCESS_TTL_MS } from "../../../../mcp/oauth/token_service.ts";
import { s256Challenge } from "../../../../mcp/oauth/pkce.ts";
import {
  AdminBrowser,
  mcpStatus,
  registerAndAuthorize,
  serveClientMetadata,
  serveWithOAuth,
  TEST_REDIRECT,
  TEST_STATE,
  tokenRequest,
} from "./_oauth_support.ts";

const codeForm = (clientId: string, code: string, verifier: string) => ({
  grant_type: "authorization_code",
  client_id: clientId,
  code,
  code_verifier: verifier,
  redirect_uri: TEST_REDIRECT,
});

async function status(res: Response | Promise<Response>): Promise<number> {
  const r = await res;
  await r.body?.cancel();
  return r.status;
}

Deno.test("a wrong PKCE verifier gets no token, and the code is spent", async () => {
  await using served = await serveWithOAuth();
  const { clientId, verifier, code } = await registerAndAuthorize(
    served,
    new AdminBrowser(served.origin, served.key),
  );
  const wrong = await tokenRequest(served, codeForm(clientId, code, `${verifier}x`));
  assert.deepEqual([wrong.status, wrong.body.error], [400, "invalid_grant"]);
  const right = await tokenRequest(served, codeForm(clientId, code, verifier));
  assert.equal(right.status, 400);
});

Deno.test("a reused code is refused and revokes the tokens the first use got", async () => {
  await using served = await serveWithOAuth();
  const { clientId, verifier, code } = await registerAndAuthorize(
    served,
    new AdminBrowser(served.origin, served.key),
  );
  const first = await tokenRequest(served, codeForm(clientId, code, verifier));
  assert.equal(first.status, 200);
  assert.equal(await status(mcpStatus(served.url, first.body.access_token!)), 200);
  const second = await tokenRequest(served, codeForm(clientId, code, verifier));
  assert.deepEqual([second.status, second.body.error], [400, "invalid_grant"]);
  assert.equal(await status(mcpStatus(served.url, first.body.access_token!)), 401);
});

Deno.test("a redirect URI that is not registered (or not allowed) never gets a redirect", async () => {
  await using served = await serveWithOAuth();
  const reg = await fetch(`${served.origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ redirect_uris: [TEST_REDIRECT] }),
  });
  const clientId = (await reg.json()).client_id;
  const twice = await fetch(`${served.origin}/oauth/authorize?client_id=${clientId}&client_id=other`);
  assert.equal(twice.status, 400);
  assert.match(await twice.text(), /more than once/);
  const authorize = (redirect: string) =>
    fetch(
      `${served.origin}/oauth/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: clientId,
        redirect_uri: redirect,
        code_challenge: s256Challenge("v".repeat(43)),
        code_challenge_method: "S256",
        state: TEST_STATE,
      })}`,
      { redirect: "manual" },
    );
  for (const redirect of ["http://127.0.0.1:9/other", "https://evil.example.com/cb"]) {
    const res = await authorize(redirect);
    assert.equal(res.status, 400, redirect);
    assert.equal(res.headers.get("location"), null);
    assert.match(await res.text(), /redirect URI is not (registered|allowed)/);
  }
  const evil = await fetch(`${served.origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ redirect_uris: ["https://evil.example.com/cb"] }),
  });
  assert.deepEqual([evil.status, (await evil.json()).error], [400, "invalid_redirect_uri"]);
});

Deno.test("a denied request goes back with access_denied, state and iss", async () => {
  await using served = await serveWithOAuth();
  const { back } = await registerAndAuthorize(served, new AdminBrowser(served.origin, served.key), {
    decision: "deny",
  });
  assert.equal(back.searchParams.get("error"), "access_denied");
  assert.equal(back.searchParams.get("state"), TEST_STATE);
  assert.equal(back.searchParams.get("iss"), served.origin);
  assert.equal(back.searchParams.get("code"), null);
  const audited = served.deps.audit.recent(10).filter((e) => e.tool === "oauth_consent");
  assert.deepEqual(audited.map((e) => [e.phase, e.detail]), [["succeeded", "deny"], ["attempted", null]]);
  assert.match(audited[0]?.args ?? "", /"redirect_uri":"http:\/\/127\.0\.0\.1:9\/callback"/);
});

Deno.test("a token for another audience, an expired token and a token in the query string are refused", async () => {
  await using served = await serveWithOAuth();
  const { clientId, verifier, code } = await registerAndAuthorize(
    served,
    new AdminBrowser(served.origin, served.key),
  );
  const token = (await tokenRequest(served, codeForm(clientId, code, verifier))).body.access_token!;
  assert.equal(await status(mcpStatus(served.url, token)), 200);

  // Same store, another public URL (ARR_MCP_PUBLIC_URL changed): another audience.
  await using elsewhere = await serveWithOAuth({
    store: served.store,
    publicUrl: (origin) => origin.replace("127.0.0.1", "localhost"),
  });
  const other = await mcpStatus(elsewhere.url, token);
  assert.equal(other.status, 401);
  assert.match(other.headers.get("www-authenticate") ?? "", /another audience/);
  await other.body?.cancel();

  const inQuery = await mcpStatus(served.url, "", `?access_token=${token}`);
  assert.equal(inQuery.status, 400);
  assert.match(inQuery.headers.get("www-authenticate") ?? "", /error="invalid_request"/);
  await inQuery.body?.cancel();
  assert.equal(await status(mcpStatus(served.url, token, `?access_token=${token}`)), 400);

  served.clock.advance(ACCESS_TTL_MS);
  const expired = await mcpStatus(served.url, token);
  assert.equal(expired.status, 401);
  assert.match(expired.headers.get("www-authenticate") ?? "", /Token expired/);
  await expired.body?.cancel();
});

Deno.test("a refresh token replayed after rotation revokes the whole family", async () => {
  await using served = await serveWithOAuth();
  const { clientId, verifier, code } = await registerAndAuthorize(
    served,
    new AdminBrowser(served.origin, served.key),
  );
  const first = (await tokenRequest(served, codeForm(clientId, code, verifier))).body;
  const refresh = (token: string) =>
    tokenRequest(served, { grant_type: "refresh_token", client_id: clientId, refresh_token: token });
  const second = await refresh(first.refresh_token!);
  assert.equal(second.status, 200);
  assert.equal(await status(mcpStatus(served.url, second.body.access_token!)), 200);
  const replay = await refresh(first.refresh_token!);
  assert.deepEqual([replay.status, replay.body.error], [400, "invalid_grant"]);
  assert.equal(await status(mcpStatus(served.url, second.body.access_token!)), 401);
  assert.equal((await refresh(second.body.refresh_token!)).status, 400);
});

Deno.test("no consent without the dashboard sign-in and a CSRF token of that session, even with a public dashboard", async () => {
  await using served = await serveWithOAuth({ env: { ARR_DASHBOARD_PUBLIC: "true" } });
  const admin = new AdminBrowser(served.origin, served.key);
  const { clientId } = await registerAndAuthorize(served, admin, { decision: "deny" });
  const url = new URL(`${served.origin}/oauth/authorize`);
  for (
    const [k, v] of Object.entries({
      response_type: "code",
      client_id: clientId,
      redirect_uri: TEST_REDIRECT,
      code_challenge: s256Challenge("v".repeat(43)),
      code_challenge_method: "S256",
    })
  ) url.searchParams.set(k, v);

  const stranger = new AdminBrowser(served.origin, "wrong-key-0123456789");
  const consent = await stranger.consentUrl(url);
  const page = await stranger.get(consent);
  assert.equal(page.status, 401);
  assert.doesNotMatch(await page.text(), /name="csrf"/);
  const csrf = await admin.csrf(consent);
  assert.equal(await status(stranger.post(consent, { csrf, decision: "approve" })), 401, "no session");

  const other = new AdminBrowser(served.origin, served.key);
  await other.signIn(consent);
  assert.equal(
    await status(other.post(consent, { csrf, decision: "approve" })),
    403,
    "another session's token",
  );
  assert.equal(
    await status(admin.post(consent, { csrf: `${csrf}x`, decision: "approve" })),
    403,
    "a wrong token",
  );
  const approved = await admin.post(consent, { csrf, decision: "approve" });
  assert.equal(approved.status, 303, "the signed-in admin with the page's token");
  await approved.body?.cancel();
});

Deno.test("a client metadata document too large, too slow, or naming another client_id is refused", async (t) => {
  await using doc = serveClientMetadata(async (path, origin) => {
    const good = { client_id: `${origin}${path}`, client_name: "x", redirect_uris: [TEST_REDIRECT] };
    if (path === "/big.json") return Response.json({ ...good, padding: "x".repeat(8000) });
    if (path === "/slow.json") {
      await new Promise((r) => setTimeout(r, 1000));
      return Response.json(good);
    }
    if (path === "/other.json") return Response.json({ ...good, client_id: `${origin}/someone-else.json` });
    return Response.json(good);
  });
  await using served = await serveWithOAuth({ insecureHosts: [doc.host], cimdTimeoutMs: 300 });
  const authorize = (path: string) =>
    fetch(
      `${served.origin}/oauth/authorize?${new URLSearchParams({
        response_type: "code",
        client_id: `${doc.origin}${path}`,
        redirect_uri: TEST_REDIRECT,
        code_challenge: s256Challenge("v".repeat(43)),
        code_challenge_method: "S256",
      })}`,
      { redirect: "manual" },
    );
  const cases: [string, RegExp][] = [
    ["/big.json", /exceeds 5120 bytes/],
    ["/slow.json", /took longer than 300 ms/],
    ["/other.json", /client_id in the document does not equal its URL/],
  ];
  for (const [path, message] of cases) {
    await t.step(path, async () => {
      const res = await authorize(path);
      assert.equal(res.status, 400);
      assert.match(await res.text(), message);
    });
  }
  await t.step("a good document passes", async () => {
    const res = await authorize("/good.json");
    assert.equal(res.status, 200);
    await res.body?.cancel();
  });
});

Deno.test("the consent page lets its form reach the redirect URI and post with a real Origin, and nothing else", async () => {
  await using served = await serveWithOAuth();
  const admin = new AdminBrowser(served.origin, served.key);
  const reg = await fetch(`${served.origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "<b>Evil</b> & co", redirect_uris: [TEST_REDIRECT] }),
  });
  const clientId = (await reg.json()).client_id;
  const url = `${served.origin}/oauth/authorize?${new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: TEST_REDIRECT,
    code_challenge: s256Challenge("v".repeat(43)),
    code_challenge_method: "S256",
  })}`;
  const consent = await admin.consentUrl(url);
  await admin.signIn(consent);
  const page = await admin.get(consent);
  const html = await page.text();
  assert.equal(page.headers.get("referrer-policy"), "same-origin");
  assert.match(html, /<meta name="referrer" content="same-origin">/);
  const csp = page.headers.get("content-security-policy") ?? "";
  assert.match(csp, /form-action 'self' http:\/\/127\.0\.0\.1:9;/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(html, /&lt;b&gt;Evil&lt;\/b&gt; &amp; co/);
  assert.doesNotMatch(html, /<b>Evil/);
  // A post with Origin: null (what a no-referrer page would send) is refused by the Origin check.
  const nullOrigin = await fetch(consent, {
    method: "POST",
    headers: { origin: "null", cookie: admin.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: "decision=deny",
    redirect: "manual",
  });
  assert.equal(await status(nullOrigin), 403);
});
