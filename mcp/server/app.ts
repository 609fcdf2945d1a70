/**
 * The HTTP surface: `POST /mcp` (MCP Streamable HTTP, stateless, protocol 2026-07-28 and the 2025 revisions:
 * a pooled server + fresh transport per request, see mcp_endpoint.ts; at most `maxInflight` at once, see
 * inflight_gate.ts), `GET /api/status`, `GET /healthz`, and `/` for the
 * dashboard. Host/Origin checks on every route; the API key
 * on /mcp and /api/status. Tests call `createApp(deps).request(...)` without opening a port.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { createMiddleware } from "hono/factory";
import { createDashboard } from "../dashboard/routes.ts";
import { keyAuth } from "../core/key_auth.ts";
import { hostGuard } from "../core/host_guard.ts";
import { redactText } from "../../shared/redact/mod.ts";
import { createMcpServer } from "./mcp_server.ts";
import { createMcpEndpoint } from "./mcp_endpoint.ts";
import { createToolListCache } from "./tool_list_cache.ts";
import { createInflightGate, type InflightLimits, inflightLimits } from "./inflight_gate.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { RegisterFamily } from "../toolkit/family.ts";
import type { OAuthServer } from "../oauth/oauth_server.ts"; // OAuth
import { requestAccess } from "../oauth/mcp_bearer.ts"; // OAuth

export const MAX_MCP_BODY_BYTES = 4 * 1024 * 1024;
/** Seconds a client is asked to wait when the server is busy (503). */
export const BUSY_RETRY_AFTER_S = 1;

export interface AppOptions {
  /** The key clients must send (never empty; main.ts generates one when none is configured). */
  apiKey: string;
  /** The tool families to offer: TOOL_FAMILIES (server/families.ts) in production. */
  families: readonly RegisterFamily[];
  /** Where unexpected errors are reported (already redacted). @default console.error */
  logError?: (message: string) => void;
  /** MCP requests worked on at once and waiting. @default inflightLimits(deps.config.maxInflight) */
  inflight?: InflightLimits;
  /** OAuth (ARR_MCP_PUBLIC_URL, docs/oauth.md): absent = no OAuth endpoint exists, the API key as before. */
  oauth?: OAuthServer | undefined;
}

export function createApp(deps: ToolDeps, options: AppOptions): Hono {
  const app = new Hono();
  const logError = options.logError ?? ((m: string) => console.error(m));
  const oauth = options.oauth;
  const auth = oauth ? oauth.mcpAuth(options.apiKey) : keyAuth({ key: options.apiKey });
  const families = oauth ? [...options.families, oauth.family] : options.families;

  app.use(
    "*",
    hostGuard({ allowedHosts: deps.config.allowedHosts, allowedOrigins: deps.config.allowedOrigins }),
  );

  app.get("/healthz", (c) => c.text("ok"));

  // One tools/list per endpoint: its families and read-only mode never change (tool_list_cache.ts).
  const endpointFor = (endpointDeps: ToolDeps) => {
    const toolList = createToolListCache();
    return createMcpEndpoint({
      build: () => createMcpServer(endpointDeps, families, toolList),
      maxBodyBytes: MAX_MCP_BODY_BYTES,
    });
  };
  const mcp = endpointFor(deps);
  // An arr:read token gets the servers ARR_READ_ONLY would build: write tools are not even listed.
  const readMcp = endpointFor({ ...deps, config: { ...deps.config, readOnly: true } });
  const limits = options.inflight ?? inflightLimits(deps.config.maxInflight);
  const gate = createInflightGate(limits);
  const inflightCap = createMiddleware(async (c, next) => {
    const release = await gate.enter();
    if (!release) {
      const message = `Server busy: ${limits.maxInflight} MCP requests are being worked on and ` +
        `${limits.maxQueued} are waiting; retry in ${BUSY_RETRY_AFTER_S} s`;
      return c.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, 503, {
        "Retry-After": String(BUSY_RETRY_AFTER_S),
      });
    }
    try {
      await next();
    } finally {
      release();
    }
  });
  app.post(
    "/mcp",
    auth,
    inflightCap,
    bodyLimit({ maxSize: MAX_MCP_BODY_BYTES }),
    (c) => (requestAccess(c) === "read" ? readMcp : mcp).handle(c.req.raw),
  );
  // Stateless: no server-initiated stream and no session to delete.
  app.on(["GET", "DELETE"], "/mcp", auth, (c) =>
    c.json(
      { jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: use POST" }, id: null },
      405,
      { Allow: "POST" },
    ));

  if (oauth) app.route("/", oauth.routes);
  const dashboard = createDashboard(deps, { apiKey: options.apiKey, oauth });
  app.get("/api/status", dashboard.apiAuth, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await dashboard.status());
  });

  app.route("/", dashboard.routes);

  app.onError((e, c) => {
    if (e instanceof HTTPException) return e.getResponse();
    logError(
      redactText(`arr-mcp: unexpected error on ${c.req.method} ${c.req.path}: ${e.message}`, [
        options.apiKey,
      ]),
    );
    return c.json({ error: "internal", message: "Internal server error" }, 500);
  });
  return app;
}
