/**
 * Dashboard access. `?key=<API key>` is accepted once: the answer sets a signed session cookie (HttpOnly,
 * SameSite=Strict, no key inside) and redirects (303) to the same URL without the key, so the key stays out of
 * history, Referer and logs. Later requests need the cookie. A wrong or missing key gets the 401 sign-in page,
 * which never echoes the key. With `public` (ARR_DASHBOARD_PUBLIC) no key is needed.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "hono/utils/buffer";
import { unauthorizedPage } from "../../templates/message_page.ts";
import { keyAuth } from "../core/key_auth.ts";
import type { Clock } from "../core/clock.ts";
import { issueSession, SESSION_COOKIE, SESSION_TTL_MS, type SessionKeys, verifySession } from "./session.ts";

export interface DashboardAuthOptions {
  apiKey: string;
  public: boolean;
  /** Resolved on first use (loading it may read the data dir). */
  sessionKeys: () => Promise<SessionKeys>;
  clock: Clock;
}

export interface DashboardAuth {
  /** For pages: cookie, or `?key=` → cookie + redirect; otherwise the 401 sign-in page. */
  pages: MiddlewareHandler;
  /** For /api/status: cookie, or the usual bearer / `?key=` auth (JSON 401). */
  api: MiddlewareHandler;
}

export function dashboardAuth(options: DashboardAuthOptions): DashboardAuth {
  if (options.apiKey.length === 0) throw new Error("Cannot create dashboard auth: key is empty");
  const bearer = keyAuth({ key: options.apiKey, allowQueryKey: true });

  async function hasSession(c: Context): Promise<boolean> {
    const value = getCookie(c, SESSION_COOKIE);
    return value !== undefined &&
      await verifySession(await options.sessionKeys(), value, options.clock.now());
  }

  const pages: MiddlewareHandler = async function dashboardPageAuth(c, next) {
    if (options.public) return await next();
    const key = c.req.query("key");
    if (key !== undefined) {
      if (!(await timingSafeEqual(options.apiKey, key))) return c.html(unauthorizedPage(true), 401);
      const session = issueSession(await options.sessionKeys(), options.clock.now());
      setCookie(c, SESSION_COOKIE, session.value, {
        path: "/",
        httpOnly: true,
        sameSite: "Strict",
        secure: isHttps(c),
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return c.redirect(withoutKey(c.req.url), 303);
    }
    if (await hasSession(c)) return await next();
    return c.html(unauthorizedPage(false), 401);
  };

  const api: MiddlewareHandler = async function dashboardApiAuth(c, next) {
    if (options.public || (c.req.query("key") === undefined && await hasSession(c))) return await next();
    return await bearer(c, next);
  };

  return { pages, api };
}

/**
 * Path and query of `url` without any `key` parameter. Relative, with leading slashes collapsed so it can never
 * become a protocol-relative `//host` redirect: the redirect stays on this origin.
 */
export function withoutKey(url: string): string {
  const u = new URL(url);
  u.searchParams.delete("key");
  return `/${u.pathname.replace(/^[/\\]+/, "")}${u.search}`;
}

function isHttps(c: Context): boolean {
  // Behind a TLS proxy the request URL is http; a spoofed header only makes the cookie stricter.
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}
