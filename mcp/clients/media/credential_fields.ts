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

/** The env variables that can supply a service's credential. */
export function credentialEnvVars(service: ServiceName): string[] {
  return CREDENTIAL_SHAPES[service].flatMap((shape) => Object.values(shape));
}

/** The first complete shape found in the environment, or undefined. */
export function credentialFromEnv(
  service: ServiceName,
  env: Readonly<Record<string, string | undefined>>,
): { credential: Credential; vars: string[] } | undefined {
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
export function validateCredential(service: ServiceName, credential: Credential): string | undefined {
  const given = (Object.keys(credential) as CredentialField[]).filter((field) =>
    credential[field] !== undefined
  );
  for (const field of given) {
    const value = credential[field] ?? "";
    if (value.trim().length === 0) return `Invalid ${field} for ${service}: value is empty`;
    if (value.length > 512) return `Invalid ${field} for ${service}: longer than 512 characters`;
    // deno-lint-ignore no-control-regex -- rejecting control characters is the point
    if (/[\x00-\x1f\x7f]/.test(value)) return `Invalid ${field} for ${service}: contains control characters`;
  }
  const match = CREDENTIAL_SHAPES[service].find((shape) => {
    const fields = Object.keys(shape);
    return fields.length === given.length &&
      fields.every((field) => given.includes(field as CredentialField));
  });
  if (!match) {
    const expected = CREDENTIAL_SHAPES[service].map((shape) => Object.keys(shape).join(" + ")).join(" or ");
    return `Invalid credential for ${service}: expected ${expected}, got ${given.join(" + ") || "no fields"}`;
  }
  return undefined;
}
