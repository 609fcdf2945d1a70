/**
 * arr-mcp with OAuth on, served on loopback (real app, real bootstrap, SQLite OAuth store in a temp data dir,
 * ARR_MCP_PUBLIC_URL = the loopback origin), an OAuthClientProvider for the SDK's client, and a "browser"
 * that walks the authorize → sign-in → consent pages with a cookie, as the admin would.
 */
import type { OAuthClientProvider } from "@modelcontextprotocol/sdk/client/auth.js";
import type {
  OAuthClientInformationMixed,
  OAuthClientMetadata,
  OAuthTokens,
} from "@modelcontextprotocol/sdk/shared/auth.js";
import { createApp } from "../../../../mcp/server/app.ts";
import { bootstrap } from "../../../../mcp/server/bootstrap.ts";
import { parseConfig } from "../../../../mcp/core/config.ts";
import { MCP_CORE_FAMILIES } from "../../../../mcp/server/core_families.ts";
import { createOAuthServer, type OAuthServer } from "../../../../mcp/oauth/oauth_server.ts";
import { OAUTH_DB_FILE, openSqliteOAuthStore } from "../../../../mcp/oauth/sqlite_store.ts";
import type { OAuthStore } from "../../../../mcp/oauth/store.ts";
import type { ToolDeps } from "../../../../mcp/toolkit/deps.ts";
import { type TestClock, testClock } from "../../../unit/mcp/_support/test_deps.ts";
import { serveLoopback } from "../../_support/loopback_server.ts";
import { encodeBase64Url } from "../../../../shared/encoding.ts";
import { s256Challenge } from "../../../../mcp/oauth/pkce.ts";

export interface OAuthServed extends AsyncDisposable {
  origin: string;
  url: string;
  key: string;
  oauth: OAuthServer;
  store: OAuthStore;
  /** The OAuth server's clock (tokens, codes, cached client documents). */
  clock: TestClock;
  deps: ToolDeps;
}

export interface OAuthServeOptions {
  /** `host:port`s whose client metadata documents may be fetched over http (the test-only allowance). */
  insecureHosts?: string[];
  cimdTimeoutMs?: number;
  /** Share another server's store (to serve the same tokens under another public URL). */
  store?: OAuthStore;
  /** Extra ARR_* variables (ARR_DASHBOARD_PUBLIC …). */
  env?: Record<string, string>;
  /** Public URL other than the loopback origin. */
  publicUrl?: (origin: string) => string;
}

export async function serveWithOAuth(options: OAuthServeOptions = {}): Promise<OAuthServed> {
  const dataDir = await Deno.makeTempDir({ prefix: "arr-mcp-oauth-" });
  const server = serveLoopback();
  const { port, origin } = server;
  const key = `test-${crypto.randomUUID()}`;
  const publicUrl = options.publicUrl?.(origin) ?? origin;
  const parsed = parseConfig({
    ARR_MCP_API_KEY: key,
    ARR_DATA_DIR: dataDir,
    ARR_HELPER_SOCKET: `${dataDir}/no-helper.sock`,
    ARR_STACKS_DIR: `${dataDir}/stacks`,
    ARR_MCP_PORT: String(port),
    ARR_MCP_PUBLIC_URL: publicUrl,
    ...options.env,
  }, { uid: Deno.uid() ?? 0, home: dataDir });
  if (!parsed.ok) throw new Error(parsed.error);
  const booted = await bootstrap(
    { ...parsed.value, runtimeSocket: `${dataDir}/no-runtime.sock` },
    { env: {}, uid: Deno.uid() ?? 0 },
  );
  const clock = testClock(Date.now());
  const store = options.store ?? openSqliteOAuthStore(`${dataDir}/${OAUTH_DB_FILE}`);
  const oauth = createOAuthServer({
    publicUrl: parsed.value.publicUrl as string,
    store,
    clock,
    fetch: (input, init) => fetch(input, init),
    clientMetadata: {
      insecureHosts: options.insecureHosts ?? [],
      ...(options.cimdTimeoutMs ? { timeoutMs: options.cimdTimeoutMs } : {}),
    },
  });
  const app = createApp(booted.deps, { apiKey: key, families: MCP_CORE_FAMILIES, logError: () => {}, oauth });
  server.handle((req) => app.fetch(req));
  return {
    origin,
    url: `${origin}/mcp`,
    key,
    oauth,
    store,
    clock,
    deps: booted.deps,
    async [Symbol.asyncDispose]() {
      await server.shutdown();
      booted.close();
      if (!options.store) store.close();
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    },
  };
}

export const TEST_REDIRECT = "http://127.0.0.1:9/callback";
export const TEST_STATE = "state-0123456789";

/** An in-memory OAuthClientProvider, as a desktop client would keep one. */
export class TestProvider implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = "";
  authorizationUrl: URL | undefined;
  constructor(
    readonly clientMetadata: OAuthClientMetadata = {
      client_name: "arr-mcp OAuth test",
      redirect_uris: [TEST_REDIRECT],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "none",
    },
    fixed?: OAuthClientInformationMixed,
  ) {
    this.info = fixed;
  }
  get redirectUrl() {
    return TEST_REDIRECT;
  }
  state() {
    return TEST_STATE;
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

/** The admin's browser: keeps the session cookie between pages. */
export class AdminBrowser {
  cookie = "";
  /** The consent page's Referrer-Policy: a browser posts its form with `Origin: null` under no-referrer. */
  referrerPolicy = "no-referrer";
  constructor(readonly origin: string, readonly key: string) {}

  async get(url: string): Promise<Response> {
    const res = await fetch(url, { redirect: "manual", headers: this.cookie ? { cookie: this.cookie } : {} });
    this.referrerPolicy = res.headers.get("referrer-policy") ?? this.referrerPolicy;
    return res;
  }

  /** Signs in the way the sign-in form does: the same URL with `?key=`, which answers with the cookie. */
  async signIn(url: string): Promise<void> {
    const res = await this.get(`${url}${url.includes("?") ? "&" : "?"}key=${encodeURIComponent(this.key)}`);
    await res.body?.cancel();
    const set = res.headers.get("set-cookie");
    if (res.status !== 303 || !set) throw new Error(`Sign-in failed: HTTP ${res.status}`);
    this.cookie = set.split(";")[0] as string;
  }

  /** GET the authorization URL and follow its Refresh header: the consent page URL. */
  async consentUrl(authorizationUrl: URL | string): Promise<string> {
    const res = await this.get(String(authorizationUrl));
    const text = await res.text();
    const refresh = res.headers.get("refresh");
    if (res.status !== 200 || !refresh) {
      throw new Error(`Authorize answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    }
    return refresh.replace(/^0; url=/, "");
  }

  /** The consent form's CSRF token, from the page. */
  async csrf(consentUrl: string): Promise<string> {
    const res = await this.get(consentUrl);
    const text = await res.text();
    const m = /name="csrf" value="([^"]+)"/.exec(text);
    if (res.status !== 200 || !m) throw new Error(`Consent page answered HTTP ${res.status}`);
    return m[1] as string;
  }

  async post(consentUrl: string, form: Record<string, string>): Promise<Response> {
    return await fetch(consentUrl, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: this.referrerPolicy === "no-referrer" ? "null" : this.origin,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body: new URLSearchParams(form),
    });
  }

  /** The whole consent: sign in, read the form, post the decision; the redirect back to the client. */
  async decide(authorizationUrl: URL | string, decision = "approve"): Promise<URL> {
    const consent = await this.consentUrl(authorizationUrl);
    if (!this.cookie) await this.signIn(consent);
    const csrf = await this.csrf(consent);
    const res = await this.post(consent, { csrf, decision });
    await res.body?.cancel();
    const location = res.headers.get("location");
    if (res.status !== 303 || !location) throw new Error(`Consent answered HTTP ${res.status}`);
    return new URL(location);
  }
}

/** A loopback server answering client metadata documents: `answer(path)` decides per request. */
export function serveClientMetadata(answer: (path: string, origin: string) => Response | Promise<Response>) {
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (req) => {
    const url = new URL(req.url);
    return answer(url.pathname, url.origin);
  });
  const origin = `http://127.0.0.1:${server.addr.port}`;
  return {
    origin,
    host: `127.0.0.1:${server.addr.port}`,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

/** A DCR client and a code for it, the way a client would get one (PKCE S256, state), approved by `browser`. */
export async function registerAndAuthorize(
  served: OAuthServed,
  browser: AdminBrowser,
  options: { scope?: string; decision?: string } = {},
): Promise<{ clientId: string; verifier: string; code: string; back: URL }> {
  const reg = await fetch(`${served.origin}/oauth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "raw client", redirect_uris: [TEST_REDIRECT] }),
  });
  const clientId = (await reg.json()).client_id as string;
  const verifier = encodeBase64Url(crypto.getRandomValues(new Uint8Array(40)));
  const url = new URL(`${served.origin}/oauth/authorize`);
  for (
    const [k, v] of Object.entries({
      response_type: "code",
      client_id: clientId,
      redirect_uri: TEST_REDIRECT,
      code_challenge: s256Challenge(verifier),
      code_challenge_method: "S256",
      state: TEST_STATE,
      scope: options.scope ?? "arr:read arr:write",
      resource: served.url,
    })
  ) url.searchParams.set(k, v);
  const back = await browser.decide(url, options.decision ?? "approve");
  return { clientId, verifier, code: back.searchParams.get("code") ?? "", back };
}

/** POST a form to the token endpoint; status and JSON body. */
export async function tokenRequest(
  served: OAuthServed,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, string> }> {
  const res = await fetch(`${served.origin}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: await res.json() };
}

/** tools/list on /mcp with `token`; the HTTP status (and drains the body). */
export async function mcpStatus(url: string, token: string, query = ""): Promise<Response> {
  return await fetch(`${url}${query}`, {
    method: "POST",
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
}
