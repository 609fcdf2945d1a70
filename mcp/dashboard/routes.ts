/**
 * The dashboard's HTTP surface: `/` (overview), `/stacks/:name`, `/containers/:name`, `/assets/*` (local CSS
 * and script), plus `api`, the auth middleware app.ts puts on `/api/status` so the page's script can use the
 * session cookie. Middleware is attached per route (never `use("*")`: the routes are mounted on the root app).
 */
import { Hono, type MiddlewareHandler } from "hono";
import { containerPage } from "../../templates/container_page.ts";
import { notFoundPage } from "../../templates/message_page.ts";
import { overviewPage } from "../../templates/overview_page.ts";
import { servicesPage } from "../../templates/services_page.ts";
import { stackPage } from "../../templates/stack_page.ts";
import { type ApiStatus, collectStatus } from "./status.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import { collectServiceStatus } from "../media/status.ts";
import { serviceSetupVars } from "./service_setup.ts";
import { readAsset } from "./assets.ts";
import { overviewView } from "./overview_view.ts";
import { redactLine } from "./redact_view.ts";
import { dashboardAuth } from "./auth.ts";
import { collectContainerView } from "./container_view.ts";
import { securityHeaders } from "./security_headers.ts";
import { loadOrCreateSessionSecret } from "./session_secret.ts";
import { collectStackView } from "./stack_view.ts";
import type { OAuthServer } from "../oauth/oauth_server.ts"; // OAuth
import { consentRoutes } from "./consent_routes.ts"; // OAuth
import { logStreamServer } from "./log_stream.ts";
import { dashboardUpgrades } from "./upgrades_view.ts";
import { loadSummaries } from "../cleanup/summary_store.ts";

export interface DashboardOptions {
  apiKey: string;
  /** No key needed. @default deps.config.dashboardPublic */
  public?: boolean;
  /** @default loaded from (or created in) the data dir on first use */
  sessionSecret?: Uint8Array;
  /** With OAuth on (ARR_MCP_PUBLIC_URL): the authorize and consent pages. */
  oauth?: OAuthServer | undefined;
}

export interface Dashboard {
  routes: Hono;
  /** Auth for `/api/status`: session cookie, bearer key or `?key=`. */
  apiAuth: MiddlewareHandler;
  /** The /api/status document (the runtime client reuses its `/_ping` version facts, runtime_info.ts). */
  status(): Promise<ApiStatus>;
}

export function createDashboard(deps: ToolDeps, options: DashboardOptions): Dashboard {
  const secrets = [options.apiKey];
  let secret: Promise<Uint8Array> | undefined = options.sessionSecret
    ? Promise.resolve(options.sessionSecret)
    : undefined;
  const sessionKeys = async () => {
    secret ??= loadOrCreateSessionSecret(deps.config.dataDir).catch((e) => {
      secret = undefined;
      throw e;
    });
    return { secret: await secret, apiKey: options.apiKey };
  };
  const auth = dashboardAuth({
    apiKey: options.apiKey,
    public: options.public ?? deps.config.dashboardPublic,
    clock: deps.clock,
    sessionKeys,
  });
  const status = () => collectStatus(deps);
  const media = deps.media;
  const nav = { services: media !== undefined };
  const routes = new Hono();

  routes.get(
    "/assets/:file{dashboard\\.(css|js)|(local_time|table_tools|log_view)\\.js|favicon\\.svg}",
    securityHeaders,
    (c) => {
      const asset = readAsset(c.req.param("file"));
      if (asset === null) return c.text("Not found", 404);
      c.header("Cache-Control", "no-cache");
      return c.body(asset.body, 200, { "Content-Type": asset.type });
    },
  );

  routes.get(
    "/",
    securityHeaders,
    auth.pages,
    async (c) => {
      const view = await overviewView(await status(), deps.runtime, secrets, c.req.header("host"));
      const upgrades = dashboardUpgrades(deps);
      return c.html(overviewPage(upgrades === undefined ? view : { ...view, upgrades }, nav));
    },
  );

  routes.get("/stacks/:name", securityHeaders, auth.pages, async (c) => {
    const view = await collectStackView(deps, c.req.param("name"), secrets);
    if (view === null) return c.html(notFoundPage("There is no stack by that name."), 404);
    return c.html(stackPage(view, nav));
  });

  const logStreams = logStreamServer(deps.logFollower);
  routes.get(
    "/containers/:name/logs/stream",
    securityHeaders,
    auth.api,
    async (c) => {
      // The runtime's follow answers nothing until the first line: a missing container is found here.
      const found = await deps.runtime.inspect(c.req.param("name"));
      if (!found.ok) {
        return c.text(redactLine(found.error.message, secrets), found.error.kind === "not_found" ? 404 : 502);
      }
      return logStreams.respond(found.value.name, secrets);
    },
  );

  routes.get("/containers/:name", securityHeaders, auth.pages, async (c) => {
    const found = await collectContainerView(deps, c.req.param("name"), secrets, c.req.header("host"));
    if (!found.found) return c.html(notFoundPage(found.message), 404);
    return c.html(containerPage(found.view, nav));
  });

  // Only when the media-services layer is wired in (sections for absent features are left out, not empty).
  if (media !== undefined) {
    routes.get("/services", securityHeaders, auth.pages, async (c) => {
      const services = (await collectServiceStatus(media)).map((s) => ({
        ...s,
        issues: s.issues.map((i) => redactLine(i, secrets)),
        error: s.error && { kind: s.error.kind, message: redactLine(s.error.message, secrets) },
        ...serviceSetupVars(s.service),
      }));
      // The last full cleanup preview's summary (never a preview per page load); none when unreadable.
      const cleanup = loadSummaries(deps.config.dataDir);
      return c.html(
        servicesPage(services, { summaries: cleanup.ok ? cleanup.value : [], now: deps.clock.now() }),
      );
    });
  }

  // OAuth (docs/oauth.md): only when main.ts built the OAuth server.
  if (options.oauth) {
    routes.route(
      "/",
      consentRoutes({
        oauth: options.oauth,
        apiKey: options.apiKey,
        sessionKeys,
        clock: deps.clock,
        audit: deps.audit,
      }),
    );
  }

  return { routes, apiAuth: auth.api, status };
}
