/**
 * Which redirect URIs a client may use. A client's URI must be listed in its registration or metadata document
 * (exact string match, no normalisation) and allowed by ARR_OAUTH_REDIRECT_ALLOW: an entry is an exact URI,
 * or ends in `:*` (`http://127.0.0.1:*`) = that scheme and host, any port, any path (native clients, RFC 8252).
 */

export const DEFAULT_REDIRECT_ALLOW: readonly string[] = [
  "https://claude.ai/api/mcp/auth_callback",
  "https://claude.com/api/mcp/auth_callback",
  "http://127.0.0.1:*",
  "http://localhost:*",
];

/** Longest redirect URI accepted anywhere. */
export const MAX_REDIRECT_URI_LENGTH = 2048;

export function redirectAllowed(uri: string, allow: readonly string[]): boolean {
  if (uri.length > MAX_REDIRECT_URI_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash !== "" || uri.includes("#") || url.username !== "" || url.password !== "") return false;
  return allow.some((entry) => entryAllows(entry, uri, url));
}

function entryAllows(entry: string, uri: string, url: URL): boolean {
  if (!entry.endsWith(":*")) return entry === uri;
  const prefix = entry.slice(0, -2); // scheme://host
  const port = url.port === "" ? "" : `:${url.port}`;
  return `${url.protocol}//${url.hostname}` === prefix && uri.startsWith(`${prefix}${port}/`);
}

/** Exact match against the URIs a client registered (RFC 9700 §4.1: no partial or pattern matching). */
export function redirectRegistered(uri: string, registered: readonly string[]): boolean {
  return registered.includes(uri);
}
