/**
 * DNS-rebinding protection: a request whose Host is not in the allowed list gets 421; a request with an
 * Origin header that is not allowed gets 403. Requests without Origin (non-browser clients) pass.
 */
import type { MiddlewareHandler } from "hono";

export interface HostGuardOptions {
  /** `host:port` values, lower case. */
  allowedHosts: readonly string[];
  /** `scheme://host:port` values, lower case. */
  allowedOrigins: readonly string[];
}

export function hostGuard(options: HostGuardOptions): MiddlewareHandler {
  const hosts = new Set(options.allowedHosts.map((h) => h.toLowerCase()));
  const origins = new Set(options.allowedOrigins.map((o) => o.toLowerCase().replace(/\/$/, "")));
  return async function hostGuard(c, next) {
    const host = (c.req.header("host") ?? "").toLowerCase();
    if (!hosts.has(host)) {
      return c.json({ error: "misdirected_request", message: "Host not allowed" }, 421);
    }
    const origin = c.req.header("origin");
    if (origin !== undefined && !origins.has(origin.toLowerCase().replace(/\/$/, ""))) {
      return c.json({ error: "forbidden", message: "Origin not allowed" }, 403);
    }
    await next();
  };
}
