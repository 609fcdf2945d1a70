/**
 * Dynamic Client Registration (RFC 7591), for public clients only: every redirect URI must be allowed by
 * ARR_OAUTH_REDIRECT_ALLOW; grant and response types are limited to the code flow; the answer always says
 * `token_endpoint_auth_method: none` (PKCE protects the code, no client secret is issued). Pure.
 */
import { err, ok, type Result } from "../../shared/result.ts";
import { MAX_CLIENT_NAME, MAX_REDIRECT_URIS } from "./client_metadata.ts";
import { redirectAllowed } from "./redirect_uri.ts";

export interface RegistrationError {
  error: "invalid_redirect_uri" | "invalid_client_metadata";
  error_description: string;
}

export interface Registration {
  name: string;
  redirectUris: string[];
}

const GRANT_TYPES = ["authorization_code", "refresh_token"];

export function checkRegistration(
  body: unknown,
  allow: readonly string[],
): Result<Registration, RegistrationError> {
  const meta = (error_description: string) =>
    err({ error: "invalid_client_metadata" as const, error_description });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return meta("Body must be a JSON object");
  }
  const b = body as Record<string, unknown>;
  const uris = b.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > MAX_REDIRECT_URIS) {
    return err({
      error: "invalid_redirect_uri",
      error_description: `redirect_uris must list 1 to ${MAX_REDIRECT_URIS} URIs`,
    });
  }
  const refused = uris.find((u) => typeof u !== "string" || !redirectAllowed(u, allow));
  if (refused !== undefined) {
    return err({
      error: "invalid_redirect_uri",
      error_description: `Redirect URI ${JSON.stringify(String(refused).slice(0, 200))} is not allowed ` +
        "(ARR_OAUTH_REDIRECT_ALLOW)",
    });
  }
  const grants = b.grant_types;
  if (grants !== undefined && (!Array.isArray(grants) || !grants.every((g) => GRANT_TYPES.includes(g)))) {
    return meta("grant_types may hold only authorization_code and refresh_token");
  }
  const responses = b.response_types;
  if (responses !== undefined && (!Array.isArray(responses) || !responses.every((r) => r === "code"))) {
    return meta("response_types may hold only code");
  }
  if (b.client_name !== undefined && typeof b.client_name !== "string") {
    return meta("client_name must be a string");
  }
  const name = typeof b.client_name === "string" && b.client_name.trim() !== ""
    ? b.client_name.trim().slice(0, MAX_CLIENT_NAME)
    : "Unnamed client";
  return ok({ name, redirectUris: uris as string[] });
}
