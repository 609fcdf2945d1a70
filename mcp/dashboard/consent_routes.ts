/**
 * The HTML steps of OAuth (docs/oauth.md): `GET /oauth/authorize` checks the request and sends the browser on
 * to `/oauth/consent/<id>` with a `Refresh` header, so the consent page is reached by a same-site navigation
 * and the SameSite=Strict session cookie is sent. The consent page needs a dashboard session even with
 * ARR_DASHBOARD_PUBLIC (sign-in with the API key); its form carries a CSRF token bound to the session and the
 * request. Mounted by createDashboard only when OAuth is on.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { consentContinuePage, consentPage, oauthErrorPage } from "../../templates/consent_page.ts";
import type { AuditLog } from "../core/audit.ts";
import type { Clock } from "../core/clock.ts";
import type { ConsentDecision, OAuthServer } from "../oauth/oauth_server.ts";
import { OAUTH_PATHS } from "../oauth/metadata.ts";
import { SCOPE_READ, SCOPE_WRITE } from "../oauth/scopes.ts";
import { dashboardAuth } from "./auth.ts";
import { consentCsrfToken, consentCsrfValid } from "./consent_csrf.ts";
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, securityHeaders } from "./security_headers.ts";
import { SESSION_COOKIE, type SessionKeys } from "./session.ts";

export interface ConsentRoutesOptions {
  oauth: OAuthServer;
  apiKey: string;
  sessionKeys: () => Promise<SessionKeys>;
  clock: Clock;
  /** Each decision is recorded as `oauth_consent` (client, redirect URI, scopes, decision; no code or token). */
  audit: AuditLog;
}

const SCOPE_MEANING: Record<string, string> = {
  [SCOPE_READ]: "read-only tools: look at containers, stacks, logs, files and media services",
  [SCOPE_WRITE]: "every tool: start, stop and change containers, stacks, units and files",
};

const DECISIONS: readonly ConsentDecision[] = ["approve", "approve_read", "deny"];

/**
 * The dashboard headers, with the form allowed to lead to the client's redirect URI (browsers apply
 * `form-action` to the redirect that follows the post), and the referrer policy `same-origin`: under
 * `no-referrer` a browser sends the post with `Origin: null`, which the host guard refuses.
 */
function withConsentHeaders(res: Response, redirectUri: string | undefined): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.headers.set(name, value);
  if (redirectUri !== undefined) {
    const target = new URL(redirectUri).origin;
    res.headers.set(
      "Content-Security-Policy",
      CONTENT_SECURITY_POLICY.replace("form-action 'self'", `form-action 'self' ${target}`),
    );
  }
  res.headers.set("Referrer-Policy", "same-origin");
  res.headers.set("Cache-Control", "no-store");
}

export function consentRoutes(o: ConsentRoutesOptions): Hono {
  const routes = new Hono();
  // Consent always needs a signed-in admin, whatever ARR_DASHBOARD_PUBLIC says.
  const auth = dashboardAuth({ apiKey: o.apiKey, public: false, clock: o.clock, sessionKeys: o.sessionKeys });
  const consentPath = (id: string) => `${OAUTH_PATHS.consent}/${encodeURIComponent(id)}`;

  routes.get(OAUTH_PATHS.authorize, securityHeaders, async (c) => {
    // RFC 6749 §3.1: no parameter may appear twice.
    if (Object.values(c.req.queries()).some((values) => values.length > 1)) {
      return c.html(
        oauthErrorPage("Cannot connect", "A parameter appears more than once in the request."),
        400,
      );
    }
    const started = await o.oauth.startAuthorization(c.req.query());
    if (started.kind === "page") return c.html(oauthErrorPage("Cannot connect", started.message), 400);
    if (started.kind === "redirect") return c.redirect(started.url, 302);
    const url = `${o.oauth.urls.issuer}${consentPath(started.id)}`;
    c.header("Refresh", `0; url=${url}`);
    return c.html(consentContinuePage(url));
  });

  const expired = () => oauthErrorPage("Request expired", "Start the connection again from the application.");

  // After auth.pages too, so the sign-in page gets them.
  const pageHeaders: MiddlewareHandler = async (c, next) => {
    await next();
    withConsentHeaders(c.res, o.oauth.pendingRequest(c.req.param("id") ?? "")?.redirectUri);
  };

  routes.get(`${OAUTH_PATHS.consent}/:id`, pageHeaders, auth.pages, async (c) => {
    const id = c.req.param("id");
    const request = o.oauth.pendingRequest(id);
    if (request === undefined) return c.html(expired(), 404);
    const session = getCookie(c, SESSION_COOKIE) ?? "";
    const secret = (await o.sessionKeys()).secret;
    const html = consentPage({
      action: consentPath(id),
      csrf: consentCsrfToken(secret, session, id),
      clientName: request.client.name,
      clientId: request.client.clientId,
      clientKind: request.client.kind,
      redirectUri: request.redirectUri,
      scopes: request.scopes.map((name) => ({ name, meaning: SCOPE_MEANING[name] ?? name })),
      canNarrow: request.scopes.includes(SCOPE_WRITE),
    });
    return c.html(html);
  });

  routes.post(
    `${OAUTH_PATHS.consent}/:id`,
    securityHeaders,
    auth.pages,
    bodyLimit({ maxSize: 4096 }),
    async (c) => {
      const id = c.req.param("id");
      const form = await c.req.parseBody();
      const csrf = typeof form.csrf === "string" ? form.csrf : "";
      const decision = form.decision as ConsentDecision;
      const session = getCookie(c, SESSION_COOKIE) ?? "";
      const secret = (await o.sessionKeys()).secret;
      if (!session || !(await consentCsrfValid(secret, session, id, csrf)) || !DECISIONS.includes(decision)) {
        return c.html(
          oauthErrorPage("Refused", "The form is not valid for this session. Reload it and retry."),
          403,
        );
      }
      const request = o.oauth.pendingRequest(id);
      const url = o.oauth.decide(id, decision);
      if (url === undefined || request === undefined) return c.html(expired(), 404);
      const args = {
        client_id: request.client.clientId,
        client_name: request.client.name,
        redirect_uri: request.redirectUri,
        scopes: request.scopes,
        decision,
      };
      const callId = crypto.randomUUID();
      o.audit.record({ callId, tool: "oauth_consent", phase: "attempted", args });
      o.audit.record({ callId, tool: "oauth_consent", phase: "succeeded", args, detail: decision });
      return c.redirect(url, 303);
    },
  );

  return routes;
}
