/**
 * The parts of a registry's answer that steer the client: the `WWW-Authenticate` Bearer challenge (realm,
 * service, scope), the `Link: <…>; rel="next"` of a paged tags/list, and `Retry-After`. Pure.
 */

export interface BearerChallenge {
  realm: string;
  service: string | null;
  scope: string | null;
}

/** The Bearer challenge, or null (none, or another scheme such as Basic). */
export function parseBearerChallenge(header: string | null): BearerChallenge | null {
  if (header === null) return null;
  const m = /^\s*bearer\s+(.*)$/is.exec(header);
  if (m === null) return null;
  const params = new Map<string, string>();
  for (const p of (m[1] ?? "").matchAll(/([a-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/gi)) {
    params.set((p[1] ?? "").toLowerCase(), p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : p[3] ?? "");
  }
  const realm = params.get("realm");
  if (realm === undefined || realm === "") return null;
  return { realm, service: params.get("service") ?? null, scope: params.get("scope") ?? null };
}

/** The `rel="next"` target of a Link header, resolved against `base`; null when there is none. */
export function nextLink(header: string | null, base: string): string | null {
  if (header === null) return null;
  for (const part of header.split(",")) {
    const m = /^\s*<([^>]*)>\s*;(.*)$/.exec(part);
    if (m && /\brel\s*=\s*"?next"?/i.test(m[2] ?? "")) {
      try {
        return new URL(m[1] ?? "", base).toString();
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Seconds from a `Retry-After` of seconds or an HTTP date, or null. */
export function retryAfterSeconds(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
