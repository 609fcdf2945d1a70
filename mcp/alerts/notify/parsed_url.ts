/**
 * Apprise-style notification URLs, `scheme://[user[:password]@]host[:port][/path…][?query]`, split without
 * `new URL` (which would lower-case hosts of special schemes and that carry tokens here). Pure.
 */
import { sha256Hex } from "../../../shared/encoding.ts";

export interface ParsedUrl {
  /** Lower case, e.g. "ntfys". */
  scheme: string;
  /** The scheme ends in "s": HTTPS. */
  secure: boolean;
  user: string | null;
  password: string | null;
  host: string;
  port: number | null;
  /** Decoded, non-empty path segments. */
  path: string[];
  query: URLSearchParams;
  /** sha256 of the whole URL text. */
  key: string;
  /** `scheme://host[:port]`: nothing secret. */
  label: string;
  /** `http[s]://host[:port]`. */
  httpBase: string;
}

const URL_SHAPE =
  /^([a-z][a-z0-9+.-]*):\/\/(?:([^:@/?#]*)(?::([^@/?#]*))?@)?(\[[0-9a-fA-F:.]+\]|[^/?#:@[\]]+)(?::(\d{1,5}))?(\/[^?#]*)?(?:\?([^#]*))?$/i;

export function splitScheme(text: string): string | null {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(text.trim())?.[1]?.toLowerCase() ?? null;
}

export function parseNotifyUrl(text: string): ParsedUrl | null {
  const m = URL_SHAPE.exec(text.trim());
  if (!m) return null;
  const decode = (part: string | undefined) => {
    if (part === undefined || part === "") return null;
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  };
  const scheme = m[1]!.toLowerCase();
  const host = m[4]!;
  const port = m[5] === undefined ? null : Number(m[5]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  const secure = scheme.endsWith("s");
  const hostPort = `${host}${port === null ? "" : `:${port}`}`;
  return {
    scheme,
    secure,
    user: decode(m[2]),
    password: decode(m[3]),
    host,
    port,
    path: (m[6] ?? "").split("/").filter((p) => p !== "").map((p) => decode(p) ?? p),
    query: new URLSearchParams(m[7] ?? ""),
    key: sha256Hex(text.trim()),
    label: `${scheme}://${hostPort}`,
    httpBase: `${secure ? "https" : "http"}://${hostPort}`,
  };
}
