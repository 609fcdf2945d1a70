import { hasControlCharacter } from "../../../shared/control_chars.ts";

/** Which credential each service takes, and which environment variables override the stored value. */
export type ServiceName = "sonarr" | "radarr" | "prowlarr" | "lidarr" | "plex" | "sabnzbd" | "qbittorrent";
export const SERVICE_NAMES: readonly ServiceName[] = [
  "sonarr",
  "radarr",
  "prowlarr",
  "lidarr",
  "plex",
  "sabnzbd",
  "qbittorrent",
];

/**
 * A Plex account's own token, stored as `plex_user:<account name>` (store only, no env variable): cleanup reads
 * that account's own view counts with it, so its manual "mark as watched" counts (mcp/cleanup/plex_library.ts).
 */
export type PlexUserCredential = `plex_user:${string}`;
export const PLEX_USER_PREFIX = "plex_user:";
/** What the credential store holds: a service's credential, or a Plex account's token. */
export type CredentialName = ServiceName | PlexUserCredential;
/** The names credential_set and credential_delete accept (control characters are refused on top). */
export const CREDENTIAL_NAME_PATTERN = new RegExp(
  `^(${SERVICE_NAMES.join("|")}|${PLEX_USER_PREFIX}.{1,64})$`,
);

export function isCredentialName(name: string): name is CredentialName {
  return CREDENTIAL_NAME_PATTERN.test(name) && !hasControlCharacter(name);
}

/** The account a `plex_user:` credential is for; undefined for a service's credential. */
export function plexUserOf(name: CredentialName): string | undefined {
  return name.startsWith(PLEX_USER_PREFIX) ? name.slice(PLEX_USER_PREFIX.length) : undefined;
}

export type CredentialField = "apiKey" | "token" | "username" | "password";
/** A stored or resolved credential: a map of field → value, one of the shapes below. */
export type Credential = Partial<Record<CredentialField, string>>;

/** Accepted shapes per service: each inner list is a complete set of fields, mapped to its env variable. */
export const CREDENTIAL_SHAPES: Readonly<
  Record<ServiceName, ReadonlyArray<Readonly<Partial<Record<CredentialField, string>>>>>
> = {
  sonarr: [{ apiKey: "SONARR_API_KEY" }],
  radarr: [{ apiKey: "RADARR_API_KEY" }],
  prowlarr: [{ apiKey: "PROWLARR_API_KEY" }],
  lidarr: [{ apiKey: "LIDARR_API_KEY" }],
  plex: [{ token: "PLEX_TOKEN" }],
  sabnzbd: [{ apiKey: "SABNZBD_API_KEY" }],
  qbittorrent: [{ apiKey: "QBITTORRENT_API_KEY" }, {
    username: "QBITTORRENT_USERNAME",
    password: "QBITTORRENT_PASSWORD",
  }],
};

export function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

/** A Plex account's token: one field, no env variable. */
const PLEX_USER_SHAPES: ReadonlyArray<Readonly<Partial<Record<CredentialField, string>>>> = [{ token: "" }];

function shapesOf(name: CredentialName) {
  return isServiceName(name) ? CREDENTIAL_SHAPES[name] : PLEX_USER_SHAPES;
}

/** The env variables that can supply a service's credential (none for a Plex account's token). */
export function credentialEnvVars(service: CredentialName): string[] {
  return isServiceName(service) ? CREDENTIAL_SHAPES[service].flatMap((shape) => Object.values(shape)) : [];
}

/** The first complete shape found in the environment, or undefined. */
export function credentialFromEnv(
  service: CredentialName,
  env: Readonly<Record<string, string | undefined>>,
): { credential: Credential; vars: string[] } | undefined {
  if (!isServiceName(service)) return undefined;
  for (const shape of CREDENTIAL_SHAPES[service]) {
    const entries = Object.entries(shape) as [CredentialField, string][];
    const values = entries.map(([field, name]) => [field, env[name]?.trim() ?? ""] as const);
    if (values.every(([, value]) => value.length > 0)) {
      return { credential: Object.fromEntries(values) as Credential, vars: entries.map(([, name]) => name) };
    }
  }
  return undefined;
}

/**
 * Checks a credential before it is stored: exactly one accepted shape, printable values, at most 512 characters.
 * Returns an error message naming the field, or undefined when valid.
 */
export function validateCredential(service: CredentialName, credential: Credential): string | undefined {
  const given = (Object.keys(credential) as CredentialField[]).filter((field) =>
    credential[field] !== undefined
  );
  for (const field of given) {
    const value = credential[field] ?? "";
    if (value.trim().length === 0) return `Invalid ${field} for ${service}: value is empty`;
    if (value.length > 512) return `Invalid ${field} for ${service}: longer than 512 characters`;
    if (hasControlCharacter(value)) return `Invalid ${field} for ${service}: contains control characters`;
  }
  const match = shapesOf(service).find((shape) => {
    const fields = Object.keys(shape);
    return fields.length === given.length &&
      fields.every((field) => given.includes(field as CredentialField));
  });
  if (!match) {
    const expected = shapesOf(service).map((shape) => Object.keys(shape).join(" + ")).join(" or ");
    return `Invalid credential for ${service}: expected ${expected}, got ${given.join(" + ") || "no fields"}`;
  }
  return undefined;
}
