/**
 * The JSON endpoints of the authorization server: metadata (RFC 9728, RFC 8414), registration (RFC 7591),
 * token and revocation (RFC 7009). The HTML steps (authorize, consent) are the dashboard's
 * (mcp/dashboard/consent_routes.ts). Mounted only with ARR_MCP_PUBLIC_URL set.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Clock } from "../core/clock.ts";
import { checkRegistration } from "./client_registration.ts";
import {
  authorizationServerMetadata,
  metadataPaths,
  OAUTH_PATHS,
  type OAuthUrls,
  protectedResourceMetadata,
} from "./metadata.ts";
import type { OAuthStore } from "./store.ts";
import type { TokenService } from "./token_service.ts";

/** Bodies of register, token and revoke requests. */
export const OAUTH_MAX_BODY_BYTES = 16 * 1024;
/** Registered clients kept; beyond it the oldest one that never got a grant is dropped. */
export const MAX_REGISTERED_CLIENTS = 500;

export interface OAuthRoutesOptions {
  urls: OAuthUrls;
  redirectAllow: readonly string[];
  store: OAuthStore;
  tokens: TokenService;
  clock: Clock;
}

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" };

export function oauthRoutes(o: OAuthRoutesOptions): Hono {
  const routes = new Hono();
  const limit = bodyLimit({
    maxSize: OAUTH_MAX_BODY_BYTES,
    onError: (c) => c.json({ error: "invalid_request", error_description: "Body too large" }, 413),
  });
  const paths = metadataPaths(o.urls.issuer);
  for (const path of paths.resource) routes.get(path, (c) => c.json(protectedResourceMetadata(o.urls)));
  for (const path of paths.server) routes.get(path, (c) => c.json(authorizationServerMetadata(o.urls)));

  routes.post(OAUTH_PATHS.register, limit, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "invalid_client_metadata", error_description: "Body is not JSON" }, 400);
    }
    const checked = checkRegistration(body, o.redirectAllow);
    if (!checked.ok) return c.json(checked.error, 400);
    if (!makeRoom(o.store)) {
      return c.json(
        { error: "invalid_client_metadata", error_description: "Too many registered clients" },
        400,
      );
    }
    const now = o.clock.now();
    const clientId = crypto.randomUUID();
    o.store.putClient({
      clientId,
      kind: "dcr",
      name: checked.value.name,
      redirectUris: checked.value.redirectUris,
      createdAt: now,
    });
    return c.json(
      {
        client_id: clientId,
        client_id_issued_at: Math.floor(now / 1000),
        client_name: checked.value.name,
        redirect_uris: checked.value.redirectUris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: "none",
      },
      201,
      NO_STORE,
    );
  });

  routes.post(OAUTH_PATHS.token, limit, async (c) => {
    const form = withBasicClientId(await formOf(c.req.raw), c.req.header("authorization"));
    if (form === null) {
      const error_description = "Expected a form body, each parameter once, one client_id";
      return c.json({ error: "invalid_request", error_description }, 400, NO_STORE);
    }
    const grant = form.grant_type;
    const result = grant === "authorization_code"
      ? o.tokens.exchangeCode(form)
      : grant === "refresh_token"
      ? o.tokens.refresh(form)
      : null;
    if (result === null) {
      return c.json(
        { error: "unsupported_grant_type", error_description: "Use authorization_code or refresh_token" },
        400,
        NO_STORE,
      );
    }
    return result.ok ? c.json(result.value, 200, NO_STORE) : c.json(result.error, 400, NO_STORE);
  });

  routes.post(OAUTH_PATHS.revoke, limit, async (c) => {
    const form = await formOf(c.req.raw);
    if (form === null || !form.token) {
      return c.json({ error: "invalid_request", error_description: "token is missing" }, 400, NO_STORE);
    }
    o.tokens.revoke(form.token, form.client_id);
    return c.body(null, 200, NO_STORE);
  });

  return routes;
}

/** The x-www-form-urlencoded body as single values; null for any other body. Tokens never come in the URL. */
async function formOf(req: Request): Promise<Record<string, string> | null> {
  if (
    !(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded")
  ) {
    return null;
  }
  const params = new URLSearchParams(await req.text());
  const out: Record<string, string> = {};
  for (const [k, v] of params) {
    if (k in out) return null; // a repeated parameter is an invalid request (RFC 6749 §3.2)
    out[k] = v;
  }
  return out;
}

/**
 * A public client may send its client_id as HTTP Basic user name (RFC 6749 §2.3.1) instead of in the form; the
 * password is ignored (no secrets are issued). A client_id in both places must agree.
 */
function withBasicClientId(
  form: Record<string, string> | null,
  authorization: string | undefined,
): Record<string, string> | null {
  const basic = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(authorization ?? "");
  if (form === null || !basic) return form;
  let user: string;
  try {
    user = decodeURIComponent(atob(basic[1] as string).split(":")[0] ?? "");
  } catch {
    return null;
  }
  if (form.client_id !== undefined && form.client_id !== user) return null;
  return { ...form, client_id: user };
}

function makeRoom(store: OAuthStore): boolean {
  const registered = store.listClients().filter((c) => c.kind === "dcr");
  if (registered.length < MAX_REGISTERED_CLIENTS) return true;
  const idle = registered.find((c) => store.listGrants(c.clientId).length === 0);
  if (idle === undefined) return false;
  store.deleteClient(idle.clientId);
  return true;
}
