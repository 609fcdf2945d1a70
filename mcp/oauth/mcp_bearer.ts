/**
 * Auth on /mcp with OAuth on: the static API key (ARR_MCP_API_KEY, Claude Code and scripts: every tool, as
 * before) or an OAuth access token for this resource, whose scopes decide the tools (`accessOf`). A token in
 * the query string is refused outright (OAuth 2.1 §5.1.2). Every 401 carries the RFC 9728 challenge.
 */
import type { Context, MiddlewareHandler } from "hono";
import { timingSafeEqual } from "hono/utils/buffer";
import type { Result } from "../../shared/result.ts";
import { bearerChallenge, type OAuthUrls } from "./metadata.ts";
import { accessOf, type McpAccess } from "./scopes.ts";

export interface McpBearerOptions {
  apiKey: string;
  urls: OAuthUrls;
  verify(token: string): Result<{ scopes: string[] }, string>;
}

const accessByRequest = new WeakMap<Request, McpAccess>();

/** What the request was allowed: `write` for the API key (and without OAuth), else the token's scopes. */
export function requestAccess(c: Context): McpAccess {
  return accessByRequest.get(c.req.raw) ?? "write";
}

/** Query parameters that must never carry a credential. */
const QUERY_CREDENTIALS = ["access_token", "token", "key", "api_key"];

export function mcpBearer(options: McpBearerOptions): MiddlewareHandler {
  if (options.apiKey.length === 0) throw new Error("Cannot create MCP auth: key is empty");
  const refuse = (status: 400 | 401, code: string, description: string) =>
    new Response(JSON.stringify({ error: code, error_description: description }), {
      status,
      headers: {
        "content-type": "application/json",
        "WWW-Authenticate": bearerChallenge(
          options.urls,
          code === "unauthorized" ? undefined : { code, description },
        ),
      },
    });
  return async function mcpBearer(c, next) {
    const url = new URL(c.req.url);
    if (QUERY_CREDENTIALS.some((name) => url.searchParams.has(name))) {
      return refuse(400, "invalid_request", "Credentials are not accepted in the query string");
    }
    const header = c.req.header("authorization") ?? "";
    const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(header);
    if (!match) return refuse(401, "unauthorized", "Missing bearer token");
    const token = match[1] as string;
    if (await timingSafeEqual(options.apiKey, token)) {
      accessByRequest.set(c.req.raw, "write");
      return await next();
    }
    const verified = options.verify(token);
    if (!verified.ok) return refuse(401, "invalid_token", verified.error);
    accessByRequest.set(c.req.raw, accessOf(verified.value.scopes));
    return await next();
  };
}
