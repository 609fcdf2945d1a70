/**
 * Bearer-key auth (hono/bearer-auth, constant-time compare). Every failure is 401 with a
 * `WWW-Authenticate: Bearer …` challenge, including a malformed header (hono's default there is 400).
 * `keyAuth({ allowQueryKey: true })` also accepts `?key=` (for /api/status fetched by a browser page).
 */
import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { timingSafeEqual } from "hono/utils/buffer";

export interface KeyAuthOptions {
  key: string;
  /** @default false */
  allowQueryKey?: boolean;
}

const unauthorized = () =>
  new Response(JSON.stringify({ error: "unauthorized", message: "Missing or invalid API key" }), {
    status: 401,
    headers: { "content-type": "application/json" },
  });

export function keyAuth(options: KeyAuthOptions): MiddlewareHandler {
  if (options.key.length === 0) throw new Error("Cannot create key auth: key is empty");
  const bearer = bearerAuth({
    token: options.key,
    noAuthenticationHeader: { message: unauthorized },
    invalidAuthenticationHeader: { message: unauthorized },
    invalidToken: { message: unauthorized },
  });
  return async function keyAuth(c, next) {
    const queryKey = options.allowQueryKey ? c.req.query("key") : undefined;
    if (queryKey !== undefined && c.req.header("authorization") === undefined) {
      if (await timingSafeEqual(options.key, queryKey)) return await next();
      const res = unauthorized();
      res.headers.set("WWW-Authenticate", 'Bearer error="invalid_token"');
      return res;
    }
    return await bearer(c, next);
  };
}
