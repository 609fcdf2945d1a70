/**
 * The registry of media services arr-mcp knows: default ports, health endpoints, API flavour, the images that
 * ship them (linuxserver, hotio, official) and where each keeps its config. Data only; the diagnostics tools
 * and the service clients (discovery of port and URL base) read it. Sources are noted per entry.
 */
import type { ConfigFormat } from "./service_config.ts";

export {
  type ConfigFormat,
  normalizeUrlBase,
  parseArrConfigXml,
  parseBazarrConfigYaml,
  parseJellyfinNetworkXml,
  parsePlexPreferences,
  parseQbittorrentConf,
  parseSabnzbdIni,
  parseServiceConfig,
  type ServiceConfigFacts,
} from "./service_config.ts";

export type ServiceKey =
  | "sonarr"
  | "radarr"
  | "prowlarr"
  | "lidarr"
  | "bazarr"
  | "sabnzbd"
  | "qbittorrent"
  | "plex"
  | "jellyfin"
  | "overseerr"
  | "jellyseerr"
  | "gluetun";

export type ServiceKind =
  | "media-manager"
  | "indexer-manager"
  | "subtitles"
  | "usenet-client"
  | "torrent-client"
  | "media-server"
  | "requests"
  | "vpn";

/** How the service's API authenticates (values are never stored here). */
export type ApiAuth =
  | "x-api-key" // header X-Api-Key or ?apikey= (the *arr apps, Bazarr as X-API-KEY)
  | "apikey-query" // SABnzbd ?apikey=
  | "session-cookie" // qBittorrent login (5.2+: also Bearer API key)
  | "x-plex-token" // Plex header or ?X-Plex-Token=
  | "x-emby-token" // Jellyfin header / Authorization: MediaBrowser Token=
  | "x-api-key-header" // Overseerr / Jellyseerr X-Api-Key
  | "control-server-role"; // gluetun: apikey / basic per role (v3.40+ requires one by default)

export interface HealthEndpoint {
  /** Path after the URL base, with query if any. */
  path: string;
  /** True when the endpoint answers without credentials. */
  anonymous: boolean;
  /** Statuses that still prove the service is up (e.g. 401/403 from an endpoint that needs a login). */
  upWhenStatus: readonly number[];
  /** What a healthy answer looks like, for the reader. */
  expect: string;
}

export interface ConfigFile {
  /** Relative to the service's config dir (the host side of the container's config mount). */
  path: string;
  /** Parser in fs/service_config.ts, or null when the file holds nothing the tools read. */
  format: ConfigFormat | null;
  /** Always true for these files: never shown raw (see fs/protected_files.ts). */
  holdsSecrets: boolean;
}

export interface KnownService {
  key: ServiceKey;
  displayName: string;
  kind: ServiceKind;
  /** The web/API port inside the container. */
  defaultPort: number;
  /** Default URL base ("" = served at /). */
  defaultUrlBase: string;
  api: { basePath: string; version: string; auth: ApiAuth; statusPath: string | null };
  /** Cheapest request that proves the service answers. */
  health: HealthEndpoint;
  /** Image repositories (registry host and tag stripped, lower case) that ship this service. */
  images: readonly string[];
  /** Container paths where its config dir is mounted, most common first. */
  containerConfigDirs: readonly string[];
  /** Config files relative to the config dir, most likely first (layouts differ per image). */
  configFiles: readonly ConfigFile[];
}

const ARR_UP = [200] as const;
const AUTH_UP = [200, 204, 401, 403] as const;

function arr(
  key: ServiceKey,
  displayName: string,
  kind: ServiceKind,
  defaultPort: number,
  apiVersion: "v1" | "v3",
): KnownService {
  return {
    key,
    displayName,
    kind,
    defaultPort,
    defaultUrlBase: "",
    // Sonarr/Sonarr src/Sonarr.Http/Ping/PingController.cs: /ping is anonymous and returns {"status":"OK"}.
    api: {
      basePath: `/api/${apiVersion}`,
      version: apiVersion,
      auth: "x-api-key",
      statusPath: `/api/${apiVersion}/system/status`,
    },
    health: { path: "/ping", anonymous: true, upWhenStatus: ARR_UP, expect: '{"status":"OK"}' },
    images: [`linuxserver/${key}`, `hotio/${key}`],
    containerConfigDirs: ["/config"],
    configFiles: [{ path: "config.xml", format: "arr-config-xml", holdsSecrets: true }],
  };
}

/** The registry. Keys are stable identifiers other modules may store. */
export const KNOWN_SERVICES: readonly KnownService[] = [
  arr("sonarr", "Sonarr", "media-manager", 8989, "v3"),
  arr("radarr", "Radarr", "media-manager", 7878, "v3"),
  arr("prowlarr", "Prowlarr", "indexer-manager", 9696, "v1"),
  arr("lidarr", "Lidarr", "media-manager", 8686, "v1"),
  {
    key: "bazarr",
    displayName: "Bazarr",
    kind: "subtitles",
    defaultPort: 6767,
    defaultUrlBase: "",
    // morpheus65535/bazarr bazarr/api/system/ping.py: unauthenticated "system/ping" → {"status":"OK"}.
    api: { basePath: "/api", version: "1", auth: "x-api-key", statusPath: "/api/system/status" },
    health: { path: "/api/system/ping", anonymous: true, upWhenStatus: ARR_UP, expect: '{"status":"OK"}' },
    images: ["linuxserver/bazarr", "hotio/bazarr"],
    containerConfigDirs: ["/config"],
    configFiles: [
      { path: "config/config.yaml", format: "bazarr-config-yaml", holdsSecrets: true },
      { path: "config/config.ini", format: null, holdsSecrets: true },
    ],
  },
  {
    key: "sabnzbd",
    displayName: "SABnzbd",
    kind: "usenet-client",
    defaultPort: 8080,
    defaultUrlBase: "/sabnzbd",
    // sabnzbd/sabnzbd sabnzbd/api.py: mode=version needs no key; everything else needs ?apikey=.
    api: {
      basePath: "/api",
      version: "4",
      auth: "apikey-query",
      statusPath: "/api?mode=fullstatus&skip_dashboard=1&output=json",
    },
    health: {
      path: "/api?mode=version&output=json",
      anonymous: true,
      upWhenStatus: ARR_UP,
      expect: '{"version":"4.x"}',
    },
    images: ["linuxserver/sabnzbd", "hotio/sabnzbd", "sabnzbd/sabnzbd"],
    containerConfigDirs: ["/config"],
    configFiles: [{ path: "sabnzbd.ini", format: "sabnzbd-ini", holdsSecrets: true }],
  },
  {
    key: "qbittorrent",
    displayName: "qBittorrent",
    kind: "torrent-client",
    defaultPort: 8080,
    defaultUrlBase: "",
    // qbittorrent/qBittorrent src/webui/webapplication.cpp: every API but auth/login needs a session → 403.
    api: { basePath: "/api/v2", version: "2", auth: "session-cookie", statusPath: "/api/v2/app/version" },
    health: {
      path: "/api/v2/app/webapiVersion",
      anonymous: false,
      upWhenStatus: AUTH_UP,
      expect: "text such as 2.11.4, or 403 without a session (still up)",
    },
    images: ["linuxserver/qbittorrent", "hotio/qbittorrent", "qbittorrentofficial/qbittorrent-nox"],
    containerConfigDirs: ["/config"],
    configFiles: [
      { path: "qBittorrent/qBittorrent.conf", format: "qbittorrent-conf", holdsSecrets: true }, // linuxserver
      { path: "config/qBittorrent.conf", format: "qbittorrent-conf", holdsSecrets: true }, // hotio
      { path: "qBittorrent/config/qBittorrent.conf", format: "qbittorrent-conf", holdsSecrets: true }, // official
    ],
  },
  {
    key: "plex",
    displayName: "Plex Media Server",
    kind: "media-server",
    defaultPort: 32400,
    defaultUrlBase: "",
    // LukeHagar/plex-api-spec: GET /identity is anonymous → {MediaContainer:{machineIdentifier, version, …}}.
    api: { basePath: "", version: "1", auth: "x-plex-token", statusPath: "/" },
    health: {
      path: "/identity",
      anonymous: true,
      upWhenStatus: ARR_UP,
      expect: "MediaContainer with machineIdentifier",
    },
    images: ["plexinc/pms-docker", "linuxserver/plex", "hotio/plex"],
    containerConfigDirs: ["/config"],
    configFiles: [
      {
        path: "Library/Application Support/Plex Media Server/Preferences.xml",
        format: "plex-preferences-xml",
        holdsSecrets: true,
      },
    ],
  },
  {
    key: "jellyfin",
    displayName: "Jellyfin",
    kind: "media-server",
    defaultPort: 8096,
    defaultUrlBase: "",
    // jellyfin/jellyfin: /health is anonymous and answers "Healthy".
    api: { basePath: "", version: "10", auth: "x-emby-token", statusPath: "/System/Info/Public" },
    health: { path: "/health", anonymous: true, upWhenStatus: ARR_UP, expect: "Healthy" },
    images: ["jellyfin/jellyfin", "linuxserver/jellyfin", "hotio/jellyfin"],
    containerConfigDirs: ["/config"],
    configFiles: [
      { path: "network.xml", format: "jellyfin-network-xml", holdsSecrets: false }, // linuxserver
      { path: "config/network.xml", format: "jellyfin-network-xml", holdsSecrets: false }, // official image
    ],
  },
  {
    key: "overseerr",
    displayName: "Overseerr",
    kind: "requests",
    defaultPort: 5055,
    defaultUrlBase: "",
    // sct/overseerr overseerr-api.yml: GET /api/v1/status is public → {version, commitTag, …}.
    api: { basePath: "/api/v1", version: "1", auth: "x-api-key-header", statusPath: "/api/v1/status" },
    health: { path: "/api/v1/status", anonymous: true, upWhenStatus: ARR_UP, expect: '{"version":"1.x", …}' },
    images: ["sctx/overseerr", "linuxserver/overseerr", "hotio/overseerr"],
    containerConfigDirs: ["/config", "/app/config"],
    configFiles: [{ path: "settings.json", format: null, holdsSecrets: true }],
  },
  {
    key: "jellyseerr",
    displayName: "Jellyseerr",
    kind: "requests",
    defaultPort: 5055,
    defaultUrlBase: "",
    api: { basePath: "/api/v1", version: "1", auth: "x-api-key-header", statusPath: "/api/v1/status" },
    health: { path: "/api/v1/status", anonymous: true, upWhenStatus: ARR_UP, expect: '{"version":"2.x", …}' },
    images: ["fallenbagel/jellyseerr", "hotio/jellyseerr", "seerr-team/seerr"],
    containerConfigDirs: ["/app/config", "/config"],
    configFiles: [{ path: "settings.json", format: null, holdsSecrets: true }],
  },
  {
    key: "gluetun",
    displayName: "Gluetun (VPN)",
    kind: "vpn",
    defaultPort: 8000,
    defaultUrlBase: "",
    // qdm12/gluetun-wiki setup/advanced/control-server.md: HTTP control server on :8000; since v3.40 routes
    // need an auth role by default, so 401 from /v1/publicip/ip still proves the server is up.
    api: { basePath: "/v1", version: "1", auth: "control-server-role", statusPath: "/v1/vpn/status" },
    health: {
      path: "/v1/publicip/ip",
      anonymous: false,
      upWhenStatus: AUTH_UP,
      expect: '{"public_ip":"…"} or 401',
    },
    images: ["qmcgaw/gluetun"],
    containerConfigDirs: ["/gluetun"],
    configFiles: [
      { path: "auth/config.toml", format: null, holdsSecrets: true },
      { path: "servers.json", format: null, holdsSecrets: false },
    ],
  },
];

export function knownService(key: string): KnownService | undefined {
  return KNOWN_SERVICES.find((s) => s.key === key);
}

/**
 * The repository part of an image reference, lower case, without registry host, tag or digest:
 * `lscr.io/linuxserver/sonarr:4.0.19` → `linuxserver/sonarr`, `docker.io/library/x` → `x`.
 */
export function imageRepository(image: string): string {
  let ref = image.trim().toLowerCase();
  const at = ref.indexOf("@");
  if (at >= 0) ref = ref.slice(0, at);
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  if (colon > slash) ref = ref.slice(0, colon);
  const parts = ref.split("/");
  const first = parts[0] ?? "";
  if (parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost")) {
    parts.shift();
  }
  if (parts[0] === "library") parts.shift();
  return parts.join("/");
}

/**
 * The known service an image ships: an exact repository from the table, else a repository whose last part is
 * the service's key (a custom build named `myorg/sonarr`). Undefined for anything else.
 */
export function serviceForImage(image: string): KnownService | undefined {
  const repo = imageRepository(image);
  const exact = KNOWN_SERVICES.find((s) => s.images.includes(repo));
  if (exact) return exact;
  const last = repo.split("/").pop() ?? "";
  return KNOWN_SERVICES.find((s) => s.key === last);
}
