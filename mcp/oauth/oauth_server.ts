/**
 * arr-mcp's OAuth 2.1 authorization server and resource-server check, assembled from ARR_MCP_PUBLIC_URL (off
 * when unset: main.ts builds none and no endpoint exists). docs/oauth.md describes the flow.
 */
import type { Hono, MiddlewareHandler } from "hono";
import type { FetchLike } from "../../shared/fetch_like.ts";
import { err, ok } from "../../shared/result.ts";
import type { Clock } from "../core/clock.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import {
  type AuthorizationRequest,
  authorizationResponseUrl,
  checkAuthorizationRequest,
  type ResolvedClient,
} from "./authorization_request.ts";
import { clientMetadataFetcher } from "./client_metadata.ts";
import { mcpBearer } from "./mcp_bearer.ts";
import { type OAuthUrls, oauthUrls } from "./metadata.ts";
import { oauthToolsFamily } from "./oauth_tools.ts";
import { oauthRoutes } from "./oauth_routes.ts";
import { pendingRequests } from "./pending_requests.ts";
import { DEFAULT_REDIRECT_ALLOW } from "./redirect_uri.ts";
import { SCOPE_READ } from "./scopes.ts";
import type { OAuthStore } from "./store.ts";
import { createTokenService, type TokenService } from "./token_service.ts";

export interface OAuthServerOptions {
  /** ARR_MCP_PUBLIC_URL (parsed: no trailing slash). */
  publicUrl: string;
  /** ARR_OAUTH_REDIRECT_ALLOW. @default DEFAULT_REDIRECT_ALLOW */
  redirectAllow?: readonly string[] | undefined;
  store: OAuthStore;
  clock: Clock;
  /** Fetches client metadata documents. */
  fetch: FetchLike;
  /** Client metadata documents: limits, and `host:port`s allowed over http (tests only). */
  clientMetadata?: { timeoutMs?: number; maxBytes?: number; insecureHosts?: readonly string[] };
  /** Token lifetimes (tests shorten them). */
  accessTtlMs?: number;
  refreshTtlMs?: number;
  /** Security notices (a replayed code or refresh token revoked a grant). @default none */
  log?: (line: string) => void;
}

/** The admin's answer on the consent page. */
export type ConsentDecision = "approve" | "approve_read" | "deny";

export type AuthorizationStart =
  | { kind: "page"; message: string }
  | { kind: "redirect"; url: string }
  | { kind: "consent"; id: string };

export interface OAuthServer {
  urls: OAuthUrls;
  store: OAuthStore;
  tokens: TokenService;
  /** Metadata, register, token, revoke. */
  routes: Hono;
  /** /mcp auth: the API key or an access token for this resource. */
  mcpAuth(apiKey: string): MiddlewareHandler;
  /** Checks an authorization request; a good one waits for consent under the returned id. */
  startAuthorization(query: Record<string, string>): Promise<AuthorizationStart>;
  pendingRequest(id: string): AuthorizationRequest | undefined;
  /** Decides a pending request once; the URL to send the browser back to the client, or undefined. */
  decide(id: string, decision: ConsentDecision): string | undefined;
  /** oauth_clients_list and oauth_client_revoke. */
  family: RegisterFamily;
}

export function createOAuthServer(o: OAuthServerOptions): OAuthServer {
  const urls = oauthUrls(o.publicUrl);
  const redirectAllow = o.redirectAllow ?? DEFAULT_REDIRECT_ALLOW;
  const tokens = createTokenService({
    store: o.store,
    clock: o.clock,
    resource: urls.resource,
    ...(o.accessTtlMs ? { accessTtlMs: o.accessTtlMs } : {}),
    ...(o.refreshTtlMs ? { refreshTtlMs: o.refreshTtlMs } : {}),
    onReplay: (grant, what) =>
      o.log?.(
        `arr-mcp: OAuth: a used ${what.replace("_", " ")} was presented again by client ` +
          `${JSON.stringify(grant.clientId.slice(0, 200))}: grant ${grant.grantId} is revoked`,
      ),
  });
  const fetchMetadata = clientMetadataFetcher({ fetch: o.fetch, clock: o.clock, ...o.clientMetadata });
  const pending = pendingRequests(o.clock);

  async function resolveClient(clientId: string) {
    if (/^https?:\/\//i.test(clientId)) {
      const doc = await fetchMetadata(clientId);
      return doc.ok ? ok<ResolvedClient>({ ...doc.value, kind: "cimd" }) : doc;
    }
    const client = o.store.getClient(clientId);
    if (client === undefined || client.kind !== "dcr") return err("it is not registered here");
    return ok<ResolvedClient>(client);
  }

  return {
    urls,
    store: o.store,
    tokens,
    routes: oauthRoutes({ urls, redirectAllow, store: o.store, tokens, clock: o.clock }),
    mcpAuth: (apiKey) => mcpBearer({ apiKey, urls, verify: (t) => tokens.verifyAccess(t) }),
    async startAuthorization(query) {
      const checked = await checkAuthorizationRequest(query, {
        issuer: urls.issuer,
        resource: urls.resource,
        redirectAllow,
        resolveClient,
      });
      return checked.kind === "ok" ? { kind: "consent", id: pending.add(checked.request) } : checked;
    },
    pendingRequest: (id) => pending.get(id),
    decide(id, decision) {
      const request = pending.take(id);
      if (request === undefined) return undefined;
      if (decision === "deny") {
        return authorizationResponseUrl(request.redirectUri, urls.issuer, {
          error: "access_denied",
          error_description: "The administrator denied the request",
          state: request.state,
        });
      }
      const scopes = decision === "approve_read" ? [SCOPE_READ] : request.scopes;
      const code = tokens.issueCode(request, scopes);
      return authorizationResponseUrl(request.redirectUri, urls.issuer, { code, state: request.state });
    },
    family: oauthToolsFamily(o.store, o.clock),
  };
}
