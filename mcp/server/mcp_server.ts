/** The MCP server factory: a fresh McpServer with every tool family registered (stateless: one per request). */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { SERVER_NAME, SERVER_VERSION } from "../core/server_info.ts";
import type { ToolDeps } from "../toolkit/deps.ts";
import type { RegisterFamily } from "../toolkit/family.ts";

/**
 * What Claude reads once per session. The confirm flow is explained only here; each destructive tool's
 * description ends with `confirmLine()` (mcp/toolkit/confirm_tool.ts) pointing back to it.
 */
export const SERVER_INSTRUCTIONS = [
  "arr-mcp runs a self-hosted media server: containers under rootless Podman, compose stacks, systemd user " +
  "units and quadlets (through arr-helper), files and logs, and the media services' APIs (Sonarr, Radarr, " +
  "Prowlarr, Lidarr, Plex, SABnzbd, qBittorrent).",
  "Start with dashboard_show for an overview; container_list gives exact container names; service_status " +
  "checks the media services' APIs; service_diagnose finds what is wrong with one service's container.",
  "Arguments: container = container name or ID, stack = folder in the stacks dir, unit = systemd user unit " +
  "(a quadlet NAME.container runs as NAME.service), service = media service (sonarr, plex …).",
  "Confirm flow for tools marked Destructive: a call without confirm_token changes nothing and returns status " +
  '"confirmation_required", a preview and a confirm_token. Show the preview to the user; only after they ' +
  "agree, call again with the same arguments plus confirm_token. The token works once, for 5 minutes, and " +
  "only for exactly the previewed operation; if anything changed, call again without it for a new preview.",
  "Secrets in output are shown as [REDACTED]; compose_write and quadlet_write keep the real value of lines " +
  "left as [REDACTED]. Read-only tools never change anything.",
].join("\n\n");

/** `families`: the chosen families (server/families.ts `selectFamilies`) from main.ts; tests pass a subset. */
export function createMcpServer(deps: ToolDeps, families: readonly RegisterFamily[]): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: SERVER_VERSION },
    { capabilities: { tools: {} }, instructions: SERVER_INSTRUCTIONS },
  );
  for (const register of families) register(server, deps);
  return server;
}
