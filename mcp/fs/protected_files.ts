import { basename } from "node:path";

/**
 * Why a file may not be read or written raw:
 * * `database`: a live service database (SQLite and its journal files); reading it leaks data, writing corrupts it.
 * * `secret-config`: a service config that holds API keys or tokens; a redacted view is offered instead.
 * * `secret`: key material or an env file; never shown, not even redacted (env files: redacted view).
 */
export type ProtectionKind = "database" | "secret-config" | "secret";

export interface Protection {
  kind: ProtectionKind;
  /** Whether `file_read` may show it with secret values replaced (see shared/redact/). */
  redactedView: boolean;
  reason: string;
}

const DATABASE =
  /\.(db|sqlite|sqlite3|db3)$|\.(db|sqlite|sqlite3|db3)-(wal|shm|journal)$|-(wal|shm|journal)$/i;

/** Service config files that embed API keys, tokens or password hashes (see known_services.ts). */
const SECRET_CONFIGS = new Set(
  [
    "config.xml", // Sonarr, Radarr, Prowlarr, Lidarr, Readarr: <ApiKey>
    "preferences.xml", // Plex: PlexOnlineToken
    "sabnzbd.ini", // SABnzbd: api_key, nzb_key, server passwords
    "qbittorrent.conf", // qBittorrent: WebUI\Password_PBKDF2, WebUI\APIKey
    "settings.json", // Overseerr / Jellyseerr: main.apiKey, plex token
    "config.yaml", // Bazarr: auth.apikey, provider passwords
    "config.ini", // Bazarr (older): apikey
    "config.toml", // gluetun control-server roles: apikey
  ],
);

const KEY_MATERIAL =
  /\.(key|pem|p12|pfx|jks|keystore|kdbx|gpg|asc)$|^id_(rsa|dsa|ecdsa|ed25519)(\.pub)?$|^\.?htpasswd$|^\.netrc$|^\.pgpass$/i;
const ENV_FILE = /^\.env(\..+)?$|\.env$/i;

/** Classifies a path by its file name; `undefined` when the file may be handled raw. */
export function protectionOf(path: string): Protection | undefined {
  const name = basename(path);
  if (DATABASE.test(name)) {
    return {
      kind: "database",
      redactedView: false,
      reason: "it is a service database (or its journal); use the service's API instead of the raw file",
    };
  }
  if (ENV_FILE.test(name)) {
    return {
      kind: "secret",
      redactedView: true,
      reason: "env files hold secrets; only a redacted view can be read and they cannot be written here",
    };
  }
  if (KEY_MATERIAL.test(name)) {
    return { kind: "secret", redactedView: false, reason: "it holds key material or credentials" };
  }
  if (SECRET_CONFIGS.has(name.toLowerCase())) {
    return {
      kind: "secret-config",
      redactedView: true,
      reason: "it is a service config holding API keys or tokens; only a redacted view can be read and " +
        "it cannot be written here (change settings through the service's UI or API)",
    };
  }
  return undefined;
}
