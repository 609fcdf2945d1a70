/**
 * The one rule for which setting, field, header, flag or label names hold secrets, wherever they appear:
 * structured values, configs, env files, logs, URLs and command lines.
 */

/** A name holding one of these (case-insensitive, anywhere) is secret: `SONARR_API_KEY`, `PlexOnlineToken`. */
const MARKERS = [
  "apikey",
  "api_key",
  "api-key",
  "nzbkey",
  "nzb_key",
  "nzb-key",
  "token",
  "password",
  "passwd",
  "passphrase",
  "secret",
  "pbkdf2",
  "private",
  "credential",
  "cookie",
  "claim",
  "authorization",
  // Traefik's `…middlewares.x.basicauth.users=user:$$apr1$$…` holds password hashes.
  "basicauth",
  "digestauth",
];

/**
 * Short names that are secret only as a whole word between separators (`pass`, `QBT_SID_8080`, `HTTP_AUTH`),
 * so `bypass`, `side`, `author` and `AuthenticationMethod` stay readable.
 */
const WORDS = new Set(["pass", "pwd", "auth", "sid"]);

export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase();
  if (MARKERS.some((marker) => lower.includes(marker))) return true;
  let start = 0;
  for (let i = 0; i <= lower.length; i++) {
    const c = lower[i];
    if (c !== undefined && ((c >= "a" && c <= "z") || (c >= "0" && c <= "9"))) continue;
    if (i - start <= 4 && WORDS.has(lower.slice(start, i))) return true;
    start = i + 1;
  }
  return false;
}
