/**
 * The URLs and metadata documents of arr-mcp as authorization server (RFC 8414) and protected resource
 * (RFC 9728), derived from ARR_MCP_PUBLIC_URL alone. Pure.
 */
import { SUPPORTED_SCOPES } from "./scopes.ts";

export interface OAuthUrls {
  /** ARR_MCP_PUBLIC_URL, no trailing slash: also the issuer. */
  issuer: string;
  /** The protected resource and token audience: `<public>/mcp`. */
  resource: string;
  /** Where the 401 points (`resource_metadata`): the path-suffixed RFC 9728 form. */
  resourceMetadata: string;
  authorize: string;
  token: string;
  register: string;
  revoke: string;
  consent: string;
}

/** Local paths (behind the proxy) of the OAuth endpoints. */
export const OAUTH_PATHS = {
  authorize: "/oauth/authorize",
  token: "/oauth/token",
  register: "/oauth/register",
  revoke: "/oauth/revoke",
  consent: "/oauth/consent",
} as const;

export const RESOURCE_METADATA_PATH = "/.well-known/oauth-protected-resource";
export const AS_METADATA_PATH = "/.well-known/oauth-authorization-server";

export function oauthUrls(publicUrl: string): OAuthUrls {
  const issuer = publicUrl.replace(/\/+$/, "");
  return {
    issuer,
    resource: `${issuer}/mcp`,
    resourceMetadata: `${issuer}${RESOURCE_METADATA_PATH}/mcp`,
    authorize: issuer + OAUTH_PATHS.authorize,
    token: issuer + OAUTH_PATHS.token,
    register: issuer + OAUTH_PATHS.register,
    revoke: issuer + OAUTH_PATHS.revoke,
    consent: issuer + OAUTH_PATHS.consent,
  };
}

/**
 * Local paths that serve each metadata document. Besides the plain and `/mcp` forms, with a path in the public
 * URL (`https://host/arr`) the RFC 8414/9728 path-inserted forms (`/.well-known/…/arr`) are served too, for a
 * proxy that forwards `/.well-known/` unchanged.
 */
export function metadataPaths(publicUrl: string): { resource: string[]; server: string[] } {
  const base = new URL(publicUrl).pathname.replace(/\/+$/, "");
  const resource = [RESOURCE_METADATA_PATH, `${RESOURCE_METADATA_PATH}/mcp`];
  const server = [AS_METADATA_PATH];
  if (base !== "") {
    resource.push(`${RESOURCE_METADATA_PATH}${base}/mcp`);
    server.push(`${AS_METADATA_PATH}${base}`);
  }
  return { resource, server };
}

export function protectedResourceMetadata(urls: OAuthUrls): Record<string, unknown> {
  return {
    resource: urls.resource,
    authorization_servers: [urls.issuer],
    scopes_supported: [...SUPPORTED_SCOPES],
    bearer_methods_supported: ["header"],
    resource_name: "arr-mcp",
  };
}

export function authorizationServerMetadata(urls: OAuthUrls): Record<string, unknown> {
  return {
    issuer: urls.issuer,
    authorization_endpoint: urls.authorize,
    token_endpoint: urls.token,
    registration_endpoint: urls.register,
    revocation_endpoint: urls.revoke,
    scopes_supported: [...SUPPORTED_SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    token_endpoint_auth_methods_supported: ["none"],
    revocation_endpoint_auth_methods_supported: ["none"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: true,
  };
}

/** The `WWW-Authenticate` value of a 401 from /mcp (RFC 6750 §3, RFC 9728 §5.1). */
export function bearerChallenge(urls: OAuthUrls, error?: { code: string; description: string }): string {
  const parts = [
    `resource_metadata="${urls.resourceMetadata}"`,
    `scope="${SUPPORTED_SCOPES.join(" ")}"`,
  ];
  if (error) {
    parts.push(`error="${error.code}"`, `error_description="${error.description.replace(/"/g, "'")}"`);
  }
  return `Bearer ${parts.join(", ")}`;
}
