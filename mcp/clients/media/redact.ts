/**
 * Redaction of secrets in URLs and free text. Every URL that reaches an error message or a log line goes
 * through `redactUrl`; `redactText` additionally removes known secret values wherever they appear.
 */

/** Query parameter names whose values are secrets (case-insensitive). */
const SECRET_PARAMS = new Set([
  "apikey",
  "api_key",
  "x-plex-token",
  "token",
  "password",
  "pass",
  "passwd",
  "pwd",
  "sid",
  "nzbkey",
  "ma_password",
]);

const MASK = "***";

function isSecretParam(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_PARAMS.has(lower) || lower.startsWith("qbt_sid");
}

/** Masks secret query values, userinfo passwords and qBittorrent session ids in one URL. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactQueryLike(url);
  }
  if (parsed.password) parsed.password = MASK;
  const names = [...parsed.searchParams.keys()];
  for (const name of new Set(names)) {
    if (isSecretParam(name)) parsed.searchParams.set(name, MASK);
  }
  // URLSearchParams re-encodes "*"; keep the mask readable.
  return parsed.toString().replaceAll("%2A%2A%2A", MASK);
}

/** Fallback for strings that are not absolute URLs: mask `name=value` pairs with secret names. */
function redactQueryLike(text: string): string {
  return text.replace(/([?&;\s]|^)([A-Za-z_][\w-]*)=([^&\s;]*)/g, (whole, lead: string, name: string) => {
    return isSecretParam(name) ? `${lead}${name}=${MASK}` : whole;
  });
}

/**
 * Redacts URLs, `name=value` secret pairs, `Cookie`/`Authorization`/`X-Api-Key`/`X-Plex-Token` header values and
 * every literal secret in `secrets` (values shorter than 4 characters are ignored to avoid masking noise).
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(/https?:\/\/[^\s"'<>]+/g, (url) => redactUrl(url));
  out = redactQueryLike(out);
  out = out.replace(
    /\b(authorization|x-api-key|x-plex-token)(\s*:\s*)([^\r\n,;]+)/gi,
    (_w, name: string, sep: string) => `${name}${sep}${MASK}`,
  );
  // Cookie headers hold several `name=value;` pairs: mask to the end of the line.
  out = out.replace(
    /\b(cookie|set-cookie)(\s*:\s*)([^\r\n]+)/gi,
    (_w, name: string, sep: string) => `${name}${sep}${MASK}`,
  );
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.replaceAll(secret, MASK);
  }
  return out;
}
