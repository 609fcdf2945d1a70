/**
 * Pure readers for the non-secret facts in the known services' config files: port, URL base, bind address.
 * They never return API keys, tokens or password hashes, whatever the file holds; the only secret-derived
 * fact is a boolean such as `plexClaimed`.
 */
import { parse as parseYaml } from "yaml";

export type ConfigFormat =
  | "arr-config-xml"
  | "sabnzbd-ini"
  | "qbittorrent-conf"
  | "plex-preferences-xml"
  | "jellyfin-network-xml"
  | "bazarr-config-yaml";

/** What a config file says about how to reach the service. `null` = not set in the file. */
export interface ServiceConfigFacts {
  port: number | null;
  /** Normalised: "" or "/base" (leading slash, no trailing slash). */
  urlBase: string | null;
  bindAddress: string | null;
  sslPort: number | null;
  sslEnabled: boolean | null;
  /** Plex only: true when the server is signed in (a PlexOnlineToken exists; the token itself is never read out). */
  plexClaimed: boolean | null;
  /** Plex only: the server's name and machine id. */
  friendlyName: string | null;
  machineIdentifier: string | null;
}

const EMPTY: ServiceConfigFacts = {
  port: null,
  urlBase: null,
  bindAddress: null,
  sslPort: null,
  sslEnabled: null,
  plexClaimed: null,
  friendlyName: null,
  machineIdentifier: null,
};

/** "sonarr/" → "/sonarr", "/" → "", "" → "". */
export function normalizeUrlBase(raw: string): string {
  const trimmed = raw.trim().replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "" : `/${trimmed}`;
}

function port(raw: string | undefined): number | null {
  if (raw === undefined || !/^\s*\d{1,5}\s*$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= 65535 ? n : null;
}

function xmlUnescape(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Text of a top-level element such as `<Port>8989</Port>`; undefined when absent. */
function element(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([^<]*)</${name}>|<${name}\\s*/>`).exec(xml);
  if (!m) return undefined;
  return xmlUnescape(m[1] ?? "");
}

function attribute(xml: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(xml);
  return m ? xmlUnescape(m[1] ?? "") : undefined;
}

/** Sonarr, Radarr, Prowlarr, Lidarr, Readarr `config.xml`. */
export function parseArrConfigXml(text: string): ServiceConfigFacts {
  const urlBase = element(text, "UrlBase");
  const ssl = element(text, "EnableSsl");
  return {
    ...EMPTY,
    port: port(element(text, "Port")),
    urlBase: urlBase === undefined ? null : normalizeUrlBase(urlBase),
    bindAddress: element(text, "BindAddress")?.trim() || null,
    sslPort: port(element(text, "SslPort")),
    sslEnabled: ssl === undefined ? null : ssl.trim().toLowerCase() === "true",
  };
}

/** Key/value pairs of one INI section (`[name]`); nested configobj sections (`[[x]]`) end it. */
export function iniSection(text: string, section: string): Map<string, string> {
  const out = new Map<string, string>();
  let inside = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inside = line.toLowerCase() === `[${section.toLowerCase()}]`;
      continue;
    }
    if (!inside || line === "" || line.startsWith("#") || line.startsWith(";")) continue;
    const eq = line.indexOf("=");
    if (eq <= 0) continue;
    out.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return out;
}

function unquote(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const m = /^"(.*)"$/.exec(s);
  return m ? m[1] : s;
}

/** SABnzbd `sabnzbd.ini` (`[misc]` only: server sections carry their own `port`). */
export function parseSabnzbdIni(text: string): ServiceConfigFacts {
  const misc = iniSection(text, "misc");
  const urlBase = unquote(misc.get("url_base"));
  const https = port(unquote(misc.get("https_port")));
  const enableHttps = unquote(misc.get("enable_https"));
  return {
    ...EMPTY,
    port: port(unquote(misc.get("port"))),
    urlBase: urlBase === undefined ? null : normalizeUrlBase(urlBase),
    bindAddress: unquote(misc.get("host")) || null,
    sslPort: https,
    sslEnabled: enableHttps === undefined ? null : enableHttps === "1",
  };
}

/** qBittorrent `qBittorrent.conf` (QSettings INI, `[Preferences]` keys such as `WebUI\Port`). */
export function parseQbittorrentConf(text: string): ServiceConfigFacts {
  const prefs = iniSection(text, "Preferences");
  const https = unquote(prefs.get("WebUI\\HTTPS\\Enabled"));
  const address = unquote(prefs.get("WebUI\\Address"));
  return {
    ...EMPTY,
    port: port(unquote(prefs.get("WebUI\\Port"))),
    // qBittorrent has no URL base setting: it is served at "/" (a reverse proxy adds any prefix).
    urlBase: "",
    bindAddress: address || null,
    sslEnabled: https === undefined ? null : https.toLowerCase() === "true",
  };
}

/** Plex `Preferences.xml`: one `<Preferences …/>` element with attributes. */
export function parsePlexPreferences(text: string): ServiceConfigFacts {
  const tag = /<Preferences\b[^>]*>/.exec(text)?.[0] ?? "";
  const token = attribute(tag, "PlexOnlineToken");
  return {
    ...EMPTY,
    // Plex always listens on 32400 inside its container; ManualPortMappingPort is the remote-access mapping.
    port: null,
    urlBase: "",
    plexClaimed: token !== undefined && token.length > 0,
    friendlyName: attribute(tag, "FriendlyName") ?? null,
    machineIdentifier: attribute(tag, "MachineIdentifier") ?? null,
  };
}

/** Jellyfin `network.xml`. */
export function parseJellyfinNetworkXml(text: string): ServiceConfigFacts {
  const base = element(text, "BaseUrl");
  const ssl = element(text, "EnableHttps");
  return {
    ...EMPTY,
    port: port(element(text, "InternalHttpPort")),
    urlBase: base === undefined ? null : normalizeUrlBase(base),
    sslPort: port(element(text, "InternalHttpsPort")),
    sslEnabled: ssl === undefined ? null : ssl.trim().toLowerCase() === "true",
  };
}

/** Bazarr `config/config.yaml` (`general.port`, `general.base_url`, `general.ip`); malformed YAML gives nulls. */
export function parseBazarrConfigYaml(text: string): ServiceConfigFacts {
  let doc: unknown;
  try {
    doc = parseYaml(text, { logLevel: "silent" });
  } catch {
    return { ...EMPTY };
  }
  const general = (doc as { general?: Record<string, unknown> } | null)?.general ?? {};
  const base = general.base_url;
  return {
    ...EMPTY,
    port: port(general.port === undefined ? undefined : String(general.port)),
    urlBase: typeof base === "string" ? normalizeUrlBase(base) : null,
    bindAddress: typeof general.ip === "string" ? general.ip : null,
  };
}

const PARSERS: Record<ConfigFormat, (text: string) => ServiceConfigFacts> = {
  "arr-config-xml": parseArrConfigXml,
  "sabnzbd-ini": parseSabnzbdIni,
  "qbittorrent-conf": parseQbittorrentConf,
  "plex-preferences-xml": parsePlexPreferences,
  "jellyfin-network-xml": parseJellyfinNetworkXml,
  "bazarr-config-yaml": parseBazarrConfigYaml,
};

/** Never throws: a file that is not what its format promises gives `null` facts. */
export function parseServiceConfig(format: ConfigFormat, text: string): ServiceConfigFacts {
  return PARSERS[format](text);
}
