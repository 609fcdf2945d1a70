/// <reference lib="dom" />
/**
 * The consent step in real Chromium: a client page on another site (localhost vs 127.0.0.1) links to the
 * authorization URL; the admin's SameSite=Strict session cookie must reach the consent page (the Refresh step),
 * the form must post with an Origin the host guard accepts (referrer policy), and the redirect after the post
 * must be allowed by the page's CSP (form-action).
 */
import assert from "node:assert/strict";
import { launchChromium } from "../dashboard/browser.ts";
import { s256Challenge } from "../../../../mcp/oauth/pkce.ts";
import { serveWithOAuth, TEST_STATE, tokenRequest } from "./_oauth_support.ts";

/** The client's site: a page linking to `authorize`, and the callback that records what came back. */
function clientSite() {
  let authorize = "";
  const received: URL[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/callback") {
      received.push(url);
      return new Response("<!doctype html><title>back</title><p>Connected", {
        headers: { "content-type": "text/html" },
      });
    }
    return new Response(
      `<!doctype html><title>client</title><a id="go" href="${authorize}">Connect arr-mcp</a>`,
      {
        headers: { "content-type": "text/html" },
      },
    );
  });
  const origin = `http://localhost:${server.addr.port}`;
  return {
    origin,
    received,
    setAuthorize: (url: string) => void (authorize = url),
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

async function register(origin: string, redirect: string): Promise<string> {
  const res = await fetch(`${origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "Browser test client", redirect_uris: [redirect] }),
  });
  return (await res.json()).client_id;
}

Deno.test("consent in Chromium: cross-site arrival, signed-in admin, approve, back to the client with a code", async (t) => {
  await using site = clientSite();
  await using served = await serveWithOAuth();
  const redirect = `${site.origin}/callback`;
  const clientId = await register(served.origin, redirect);
  const verifier = "b".repeat(64);
  const authorizeUrl = (state: string) =>
    `${served.origin}/oauth/authorize?${new URLSearchParams({
      response_type: "code",
      client_id: clientId,
      redirect_uri: redirect,
      code_challenge: s256Challenge(verifier),
      code_challenge_method: "S256",
      scope: "arr:read arr:write",
      state,
    })}`;
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();

    await t.step("signed in beforehand: the Strict cookie reaches the consent page", async () => {
      const signIn = await page.goto(`${served.origin}/?key=${encodeURIComponent(served.key)}`);
      assert.ok(signIn, "navigated");
      site.setAuthorize(authorizeUrl(TEST_STATE));
      await page.goto(`${site.origin}/`);
      await page.click("#go");
      await page.waitForURL(/\/oauth\/consent\//);
      assert.match(await page.textContent("h1") ?? "", /Connect Browser test client/);
      await page.click('button[value="approve"]');
      await page.waitForURL(/\/callback\?/);
      const back = site.received.at(-1);
      assert.ok(back, "the client's callback was reached");
      assert.equal(back.searchParams.get("state"), TEST_STATE);
      assert.equal(back.searchParams.get("iss"), served.origin);
      const token = await tokenRequest(served, {
        grant_type: "authorization_code",
        client_id: clientId,
        code: back.searchParams.get("code") ?? "",
        code_verifier: verifier,
        redirect_uri: redirect,
      });
      assert.equal(token.status, 200);
      assert.equal(token.body.scope, "arr:read arr:write");
    });

    await t.step(
      "not signed in: the sign-in form leads back to the consent page; approve read-only",
      async () => {
        await browser.context.clearCookies();
        site.setAuthorize(authorizeUrl("second"));
        await page.goto(`${site.origin}/`);
        await page.click("#go");
        await page.waitForURL(/\/oauth\/consent\//);
        assert.match(await page.textContent("h1") ?? "", /Sign in/);
        await page.fill("#key", served.key);
        await page.click('button[type="submit"]');
        await page.waitForSelector('button[value="approve_read"]');
        await page.click('button[value="approve_read"]');
        await page.waitForURL(/\/callback\?/);
        const back = site.received.at(-1);
        assert.equal(back?.searchParams.get("state"), "second");
        const token = await tokenRequest(served, {
          grant_type: "authorization_code",
          client_id: clientId,
          code: back?.searchParams.get("code") ?? "",
          code_verifier: verifier,
          redirect_uri: redirect,
        });
        assert.equal(token.body.scope, "arr:read");
      },
    );
  } finally {
    await browser.close();
  }
});
