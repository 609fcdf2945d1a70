/**
 * Checks an authorization request (OAuth 2.1 §4.1.1) before anyone is asked to consent. Until the client and
 * its redirect URI are verified, errors are shown as a page and never redirected (an unverified redirect URI
 * would make arr-mcp an open redirector); after that, errors go back to the client with `state` and `iss`.
 */
import type { Result } from "../../shared/result.ts";
import { PKCE_CHALLENGE_PATTERN } from "./pkce.ts";
import { redirectAllowed, redirectRegistered } from "./redirect_uri.ts";
import { parseScopes, type Scope } from "./scopes.ts";

export interface ResolvedClient {
  clientId: string;
  kind: "dcr" | "cimd";
  name: string;
  redirectUris: string[];
}

export interface AuthorizationRequest {
  client: ResolvedClient;
  redirectUri: string;
  codeChallenge: string;
  scopes: Scope[];
  resource: string;
  state: string | undefined;
}

export type AuthorizationCheck =
  | { kind: "ok"; request: AuthorizationRequest }
  | { kind: "page"; message: string }
  | { kind: "redirect"; url: string };

export interface AuthorizationContext {
  issuer: string;
  /** The only audience: `<public>/mcp`. */
  resource: string;
  redirectAllow: readonly string[];
  resolveClient(clientId: string): Promise<Result<ResolvedClient, string>>;
}

const MAX_STATE = 1024;

/** `redirectUri` with the response parameters and `iss` (RFC 9207) added to its query. */
export function authorizationResponseUrl(
  redirectUri: string,
  issuer: string,
  params: Record<string, string | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  url.searchParams.set("iss", issuer);
  return url.href;
}

export async function checkAuthorizationRequest(
  query: Record<string, string>,
  ctx: AuthorizationContext,
): Promise<AuthorizationCheck> {
  const clientId = query.client_id;
  const redirectUri = query.redirect_uri;
  if (!clientId) return { kind: "page", message: "The request names no client (client_id is missing)." };
  if (!redirectUri) return { kind: "page", message: "The request has no redirect_uri." };
  if (!redirectAllowed(redirectUri, ctx.redirectAllow)) {
    return {
      kind: "page",
      message: "The redirect URI is not allowed on this server (ARR_OAUTH_REDIRECT_ALLOW).",
    };
  }
  const client = await ctx.resolveClient(clientId);
  if (!client.ok) return { kind: "page", message: `The client cannot be used: ${client.error}.` };
  if (!redirectRegistered(redirectUri, client.value.redirectUris)) {
    return { kind: "page", message: "The redirect URI is not registered for this client." };
  }
  const state = query.state;
  const fail = (error: string, description: string): AuthorizationCheck => ({
    kind: "redirect",
    url: authorizationResponseUrl(redirectUri, ctx.issuer, {
      error,
      error_description: description,
      state: state?.slice(0, MAX_STATE),
    }),
  });
  if (state !== undefined && state.length > MAX_STATE) return fail("invalid_request", "state is too long");
  if (query.response_type !== "code") return fail("unsupported_response_type", "Only response_type=code");
  if (query.code_challenge_method !== "S256") return fail("invalid_request", "PKCE with S256 is required");
  if (!PKCE_CHALLENGE_PATTERN.test(query.code_challenge ?? "")) {
    return fail("invalid_request", "code_challenge is missing or malformed");
  }
  const scopes = parseScopes(query.scope);
  if (!scopes.ok) return fail("invalid_scope", scopes.error);
  if (query.resource !== undefined && query.resource !== ctx.resource) {
    return fail("invalid_target", `The only resource here is ${ctx.resource}`);
  }
  return {
    kind: "ok",
    request: {
      client: client.value,
      redirectUri,
      codeChallenge: query.code_challenge as string,
      scopes: scopes.value,
      resource: ctx.resource,
      state,
    },
  };
}
