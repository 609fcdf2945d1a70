/**
 * Configuration from the environment (and a `.env` file, see env_file.ts), parsed with zod. Pure: the caller
 * passes the variables and the host facts, so tests need no real environment.
 */
import { z } from "zod";
import { UNIT_NAME_PATTERN } from "../../shared/names.ts";
import { err, ok, type Result } from "../../shared/result.ts";
import { parsePolicyMode, type PolicyMode } from "./policy_mode.ts";

export interface Config {
  /** From ARR_MCP_API_KEY; when unset, main.ts generates one and stores it in the data dir. */
  apiKey: string | undefined;
  host: string;
  port: number;
  dataDir: string;
  /** Explicit socket; when undefined main.ts auto-detects (see runtime/detect.ts). */
  runtimeSocket: string | undefined;
  helperSocket: string;
  stacksDir: string;
  mediaDir: string;
  logDirs: string[];
  readOnly: boolean;
  /** Host header values accepted (with port), lower case. */
  allowedHosts: string[];
  /** Origin header values accepted, lower case, no trailing slash. */
  allowedOrigins: string[];
  /** ARR_DASHBOARD_PUBLIC: serve the dashboard pages and /api/status without a key (trusted LAN only). */
  dashboardPublic: boolean;
  /** ARR_QUADLET_GENERATOR: the quadlet generator compose_to_quadlet checks units with, before the packaged ones. */
  quadletGenerator?: string | undefined;
  /** ARR_MCP_MAX_INFLIGHT: MCP requests worked on at once; twice as many more may wait (mcp/server/inflight_gate.ts). */
  maxInflight: number;
  /**
   * ARR_TOOLSETS: the tool families to offer, lower case (checked against the families' names by
   * mcp/server/families.ts `selectFamilies`); undefined means all.
   */
  toolsets?: string[] | undefined;
  /**
   * ARR_SYSTEMD_UNITS: units the systemd tools may start, stop and restart besides the services of the user's
   * quadlets (mcp/systemd/unit_access.ts).
   */
  systemdUnits: string[];
  /** ARR_POLICY: flagged stack and quadlet content needs a person's approval (`confirm`) or is refused (`strict`). */
  policy: PolicyMode;
  /** The service account's home (HOME): `~` and `%h` in checked content resolve to it. */
  homeDir: string;
  // --- OAuth (docs/oauth.md) ---
  /** ARR_MCP_PUBLIC_URL: external HTTPS origin (path allowed, no trailing slash); set = OAuth on. */
  publicUrl?: string | undefined;
  /** ARR_OAUTH_REDIRECT_ALLOW: redirect URIs clients may register (`:*` = any port); undefined = defaults. */
  oauthRedirectAllow?: string[] | undefined;
  // --- end OAuth ---
  /**
   * ARR_CONFIRM: how destructive tools are confirmed: `elicit` (a dialog the client shows the person; clients
   * that cannot are refused), `token` (preview + confirm_token), `auto` (elicit where the client can).
   * @default "auto"
   */
  confirm?: ConfirmMode;
  /**
   * ARR_STATS_INTERVAL_S: seconds between samples of all running containers' CPU and memory, taken only while
   * a page shows them (5–3600). @default 60 (STATS_INTERVAL_S)
   */
  statsIntervalS?: number | undefined;
  // --- watched-content cleanup (docs/cleanup.md) ---
  /** ARR_CLEANUP_USERS: Plex account names whose watching counts; undefined = those active recently. */
  cleanupUsers?: string[] | undefined;
  /** ARR_CLEANUP_ACTIVE_DAYS: an account with a play in this many days is active. @default 90 */
  cleanupActiveDays?: number | undefined;
  /** ARR_CLEANUP_KEEP_TAG: a Sonarr/Radarr tag with this label protects a series or movie. @default "keep" */
  cleanupKeepTag?: string | undefined;
  /**
   * ARR_CLEANUP_PREVIEW_INTERVAL_H: hours between background previews (the dashboard's cleanup panel);
   * 0 = none. @default 6
   */
  cleanupPreviewIntervalH?: number | undefined;
  // --- end cleanup ---
  // --- upgrades (docs/upgrades.md) ---
  /** ARR_REGISTRY_INSECURE: registries (`host:port`) the upgrade check reaches over plain HTTP. */
  registryInsecure?: string[] | undefined;
  /** ARR_GITHUB_API_URL: GitHub's REST API for release notes. @default "https://api.github.com" */
  githubApiUrl?: string | undefined;
  /** GITHUB_TOKEN: optional, raises GitHub's rate limit; never logged or returned. */
  githubToken?: string | undefined;
  /** ARR_UPGRADE_CHECK_INTERVAL_H: hours between background upgrade checks (1–168); unset = none. */
  upgradeCheckIntervalH?: number | undefined;
  /** ARR_UPGRADE_HEALTH_GATE_S: how long an upgraded container without a health check must keep running. @default 60 */
  upgradeHealthGateS?: number | undefined;
  // --- end upgrades ---
}

export type ConfirmMode = "elicit" | "token" | "auto";
export const CONFIRM_MODES: readonly ConfirmMode[] = ["auto", "elicit", "token"];

/** Default of ARR_MCP_MAX_INFLIGHT. */
export const DEFAULT_MAX_INFLIGHT = 32;
export const MAX_MAX_INFLIGHT = 1024;

/** Facts about the host that defaults depend on. */
export interface HostFacts {
  uid: number;
  home: string;
}

export const ENV_VARS = [
  "ARR_MCP_API_KEY",
  "ARR_MCP_HOST",
  "ARR_MCP_PORT",
  "ARR_DATA_DIR",
  "ARR_RUNTIME_SOCKET",
  "ARR_HELPER_SOCKET",
  "ARR_STACKS_DIR",
  "ARR_MEDIA_DIR",
  "ARR_LOG_DIRS",
  "ARR_READ_ONLY",
  "ARR_ALLOWED_HOSTS",
  "ARR_ALLOWED_ORIGINS",
  "ARR_DASHBOARD_PUBLIC",
  "ARR_QUADLET_GENERATOR",
  "ARR_MCP_MAX_INFLIGHT",
  "ARR_TOOLSETS",
  "ARR_SYSTEMD_UNITS",
  "ARR_POLICY",
  "ARR_MCP_PUBLIC_URL",
  "ARR_OAUTH_REDIRECT_ALLOW",
  "ARR_CONFIRM",
  "ARR_STATS_INTERVAL_S",
  "ARR_CLEANUP_USERS",
  "ARR_CLEANUP_ACTIVE_DAYS",
  "ARR_CLEANUP_KEEP_TAG",
  "ARR_CLEANUP_PREVIEW_INTERVAL_H",
  "ARR_REGISTRY_INSECURE",
  "ARR_GITHUB_API_URL",
  "GITHUB_TOKEN",
  "ARR_UPGRADE_CHECK_INTERVAL_H",
  "ARR_UPGRADE_HEALTH_GATE_S",
] as const;

const absolutePath = z.string().trim().min(1, "value is empty").refine((p) => p.startsWith("/"), {
  message: "expected an absolute path",
});
const list = z.string().transform((s) => s.split(",").map((x) => x.trim()).filter((x) => x.length > 0));
const boolText = z.string().trim().toLowerCase().pipe(
  z.enum(["1", "true", "yes", "on", "0", "false", "no", "off", ""], {
    message: "expected true or false",
  }),
).transform((s) => ["1", "true", "yes", "on"].includes(s));

const fields = {
  ARR_MCP_API_KEY: z.string().trim().min(16, "expected at least 16 characters").regex(
    /^[\x21-\x7e]+$/,
    "expected printable ASCII without spaces",
  ),
  ARR_MCP_HOST: z.string().trim().min(1, "value is empty").regex(
    /^[0-9a-zA-Z.:\-\[\]]+$/,
    "expected a host name or IP",
  ),
  ARR_MCP_PORT: z.string().trim().regex(/^\d{1,5}$/, "expected an integer from 0 to 65535").transform(Number)
    .pipe(
      z.number().int().min(0, "expected an integer from 0 to 65535").max(
        65535,
        "expected an integer from 0 to 65535",
      ),
    ),
  ARR_DATA_DIR: absolutePath,
  ARR_RUNTIME_SOCKET: absolutePath,
  ARR_HELPER_SOCKET: absolutePath,
  ARR_STACKS_DIR: absolutePath,
  ARR_MEDIA_DIR: absolutePath,
  ARR_LOG_DIRS: list.pipe(z.array(absolutePath)),
  ARR_READ_ONLY: boolText,
  ARR_DASHBOARD_PUBLIC: boolText,
  ARR_QUADLET_GENERATOR: absolutePath,
  ARR_MCP_MAX_INFLIGHT: z.string().trim().regex(
    /^\d{1,4}$/,
    `expected an integer from 1 to ${MAX_MAX_INFLIGHT}`,
  )
    .transform(Number).pipe(
      z.number().int().min(1, `expected an integer from 1 to ${MAX_MAX_INFLIGHT}`).max(
        MAX_MAX_INFLIGHT,
        `expected an integer from 1 to ${MAX_MAX_INFLIGHT}`,
      ),
    ),
  ARR_TOOLSETS: list.pipe(
    z.array(z.string().toLowerCase().regex(/^[a-z]+$/, "expected a comma-separated list of toolset names"))
      .min(1, "expected a comma-separated list of toolset names"),
  ),
  ARR_SYSTEMD_UNITS: list.pipe(
    z.array(
      z.string().regex(UNIT_NAME_PATTERN, "expected a comma-separated list of unit names like web.service"),
    ),
  ),
  ARR_POLICY: z.string().transform((s, ctx) => {
    const mode = parsePolicyMode(s);
    if (mode.ok) return mode.value;
    ctx.addIssue({ code: "custom", message: "expected confirm or strict" });
    return z.NEVER;
  }),
  ARR_CONFIRM: z.string().trim().toLowerCase().pipe(
    z.enum(CONFIRM_MODES, { error: `expected ${CONFIRM_MODES.join(", ")}` }),
  ),
  ARR_STATS_INTERVAL_S: z.coerce.number({ error: "expected whole seconds" }).int("expected whole seconds")
    .min(5, "expected 5 to 3600 seconds").max(3600, "expected 5 to 3600 seconds"),
  ARR_REGISTRY_INSECURE: list.pipe(
    z.array(z.string().regex(/^[a-zA-Z0-9.-]+(?::\d{1,5})?$/, "expected host[:port] entries")),
  ),
  ARR_GITHUB_API_URL: z.string().trim().regex(/^https?:\/\/[^\s]+$/, "expected an http(s) URL"),
  GITHUB_TOKEN: z.string().trim().regex(/^[\x21-\x7e]+$/, "expected a token without spaces"),
  ARR_UPGRADE_CHECK_INTERVAL_H: z.coerce.number({ error: "expected whole hours" }).int("expected whole hours")
    .min(1, "expected 1 to 168 hours").max(168, "expected 1 to 168 hours"),
  ARR_UPGRADE_HEALTH_GATE_S: z.coerce.number({ error: "expected whole seconds" }).int(
    "expected whole seconds",
  )
    .min(1, "expected 1 to 3600 seconds").max(3600, "expected 1 to 3600 seconds"),
  ARR_ALLOWED_HOSTS: list.pipe(z.array(z.string().regex(/^[^\s/]+$/, "expected host[:port] entries"))),
  ARR_ALLOWED_ORIGINS: list.pipe(
    z.array(z.string().regex(/^https?:\/\/[^\s/]+$/, "expected scheme://host[:port] entries")),
  ),
  ARR_MCP_PUBLIC_URL: z.string().trim().transform((s, ctx) => {
    const url = parsePublicUrl(s);
    if (url.ok) return url.value;
    ctx.addIssue({ code: "custom", message: url.error });
    return z.NEVER;
  }),
  ARR_OAUTH_REDIRECT_ALLOW: list.pipe(
    z.array(z.string().regex(/^https?:\/\/[^\s]+$/, "expected a comma-separated list of http(s) URIs")).min(
      1,
    ),
  ),
  // --- cleanup ---
  ARR_CLEANUP_USERS: list.pipe(
    z.array(z.string()).min(1, "expected a comma-separated list of Plex account names"),
  ),
  ARR_CLEANUP_ACTIVE_DAYS: z.string().trim().regex(/^\d{1,5}$/, "expected whole days from 1 to 99999")
    .transform(
      Number,
    ).pipe(z.number().int().min(1, "expected whole days from 1 to 99999")),
  ARR_CLEANUP_KEEP_TAG: z.string().trim().min(1, "value is empty"),
  ARR_CLEANUP_PREVIEW_INTERVAL_H: z.coerce.number({ error: "expected whole hours" }).int(
    "expected whole hours",
  )
    .min(0, "expected 0 to 168 hours").max(168, "expected 0 to 168 hours"),
  // --- end cleanup ---
} as const;

/**
 * ARR_MCP_PUBLIC_URL: https (or http to a loopback name, for tests and local use), no query, fragment or
 * credentials. Returned without a trailing slash.
 */
export function parsePublicUrl(text: string): Result<string, string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err("expected an absolute URL like https://arr.example.com");
  }
  const loopback = LOCAL_NAMES.includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return err("expected https (http only for 127.0.0.1 or localhost)");
  }
  if (url.search || url.hash || url.username || url.password) {
    return err("expected no query, fragment or credentials");
  }
  return ok(`${url.origin}${url.pathname.replace(/\/+$/, "")}`);
}

type Env = Readonly<Record<string, string | undefined>>;

/** Parses the environment; the error names the variable: `Invalid ARR_MCP_PORT "abc": expected ...`. */
export function parseConfig(env: Env, host: HostFacts): Result<Config, string> {
  const values: Record<string, unknown> = {};
  for (const name of ENV_VARS) {
    const raw = env[name];
    if (raw === undefined || (raw.trim() === "" && name !== "ARR_READ_ONLY")) continue;
    const parsed = fields[name].safeParse(raw);
    if (!parsed.success) {
      const shown = name === "ARR_MCP_API_KEY" ? "(hidden)" : `"${raw}"`;
      return err(`Invalid ${name} ${shown}: ${parsed.error.issues[0]?.message ?? "invalid value"}`);
    }
    values[name] = parsed.data;
  }
  const get = <T>(name: typeof ENV_VARS[number]) => values[name] as T | undefined;
  const bindHost = get<string>("ARR_MCP_HOST") ?? "127.0.0.1";
  const port = get<number>("ARR_MCP_PORT") ?? 8484;
  const dataHome = env.XDG_DATA_HOME?.startsWith("/") ? env.XDG_DATA_HOME : `${host.home}/.local/share`;
  const quadletGenerator = get<string>("ARR_QUADLET_GENERATOR");
  const toolsets = get<string[]>("ARR_TOOLSETS");
  const publicUrl = get<string>("ARR_MCP_PUBLIC_URL");
  const oauthRedirectAllow = get<string[]>("ARR_OAUTH_REDIRECT_ALLOW");
  const registryInsecure = get<string[]>("ARR_REGISTRY_INSECURE");
  const githubApiUrl = get<string>("ARR_GITHUB_API_URL");
  const githubToken = get<string>("GITHUB_TOKEN");
  const upgradeCheckIntervalH = get<number>("ARR_UPGRADE_CHECK_INTERVAL_H");
  const upgradeHealthGateS = get<number>("ARR_UPGRADE_HEALTH_GATE_S");
  const statsIntervalS = get<number>("ARR_STATS_INTERVAL_S");
  const runtimeDir = env.XDG_RUNTIME_DIR?.startsWith("/") ? env.XDG_RUNTIME_DIR : `/run/user/${host.uid}`;
  return ok(withPublicName({
    apiKey: get<string>("ARR_MCP_API_KEY"),
    host: bindHost,
    port,
    dataDir: get<string>("ARR_DATA_DIR") ?? `${dataHome}/arr-mcp`,
    runtimeSocket: get<string>("ARR_RUNTIME_SOCKET"),
    helperSocket: get<string>("ARR_HELPER_SOCKET") ?? `${runtimeDir}/arr-helper/arr-helper.sock`,
    stacksDir: get<string>("ARR_STACKS_DIR") ?? "/opt/stacks",
    mediaDir: get<string>("ARR_MEDIA_DIR") ?? "/media-server",
    logDirs: get<string[]>("ARR_LOG_DIRS") ?? [],
    readOnly: get<boolean>("ARR_READ_ONLY") ?? false,
    dashboardPublic: get<boolean>("ARR_DASHBOARD_PUBLIC") ?? false,
    maxInflight: get<number>("ARR_MCP_MAX_INFLIGHT") ?? DEFAULT_MAX_INFLIGHT,
    policy: get<PolicyMode>("ARR_POLICY") ?? "confirm",
    confirm: get<ConfirmMode>("ARR_CONFIRM") ?? "auto",
    homeDir: host.home,
    ...(quadletGenerator === undefined ? {} : { quadletGenerator }),
    ...(toolsets === undefined ? {} : { toolsets }),
    systemdUnits: get<string[]>("ARR_SYSTEMD_UNITS") ?? [],
    allowedHosts: (get<string[]>("ARR_ALLOWED_HOSTS") ?? defaultHosts(bindHost, port)).map((h) =>
      h.toLowerCase()
    ),
    allowedOrigins: (get<string[]>("ARR_ALLOWED_ORIGINS") ?? defaultOrigins(bindHost, port)).map((o) =>
      o.toLowerCase()
    ),
    ...(publicUrl === undefined ? {} : { publicUrl }),
    ...(oauthRedirectAllow === undefined ? {} : { oauthRedirectAllow }),
    ...(statsIntervalS === undefined ? {} : { statsIntervalS }),
    // --- cleanup ---
    ...(get("ARR_CLEANUP_USERS") === undefined ? {} : { cleanupUsers: get<string[]>("ARR_CLEANUP_USERS") }),
    ...(get("ARR_CLEANUP_ACTIVE_DAYS") === undefined
      ? {}
      : { cleanupActiveDays: get<number>("ARR_CLEANUP_ACTIVE_DAYS") }),
    ...(get("ARR_CLEANUP_KEEP_TAG") === undefined
      ? {}
      : { cleanupKeepTag: get<string>("ARR_CLEANUP_KEEP_TAG") }),
    ...(get("ARR_CLEANUP_PREVIEW_INTERVAL_H") === undefined
      ? {}
      : { cleanupPreviewIntervalH: get<number>("ARR_CLEANUP_PREVIEW_INTERVAL_H") }),
    ...(registryInsecure === undefined ? {} : { registryInsecure }),
    ...(githubApiUrl === undefined ? {} : { githubApiUrl }),
    ...(githubToken === undefined ? {} : { githubToken }),
    ...(upgradeCheckIntervalH === undefined ? {} : { upgradeCheckIntervalH }),
    ...(upgradeHealthGateS === undefined ? {} : { upgradeHealthGateS }),
  }));
}

/** The public name (ARR_MCP_PUBLIC_URL) is always allowed: the reverse proxy forwards it as Host and Origin. */
function withPublicName(config: Config): Config {
  if (config.publicUrl === undefined) return config;
  const { host, origin } = new URL(config.publicUrl);
  const add = (list: string[], value: string) => (list.includes(value) ? list : [...list, value]);
  return {
    ...config,
    allowedHosts: add(config.allowedHosts, host),
    allowedOrigins: add(config.allowedOrigins, origin),
  };
}

const LOCAL_NAMES = ["localhost", "127.0.0.1", "[::1]"];

function localNames(bindHost: string): string[] {
  const extra = bindHost === "0.0.0.0" || bindHost === "::"
    ? []
    : [bindHost.includes(":") && !bindHost.startsWith("[") ? `[${bindHost}]` : bindHost];
  return [...new Set([...LOCAL_NAMES, ...extra])];
}

function defaultHosts(bindHost: string, port: number): string[] {
  return localNames(bindHost).map((h) => `${h}:${port}`);
}

function defaultOrigins(bindHost: string, port: number): string[] {
  return localNames(bindHost).flatMap((h) => [`http://${h}:${port}`, `https://${h}:${port}`]);
}
