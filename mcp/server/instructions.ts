/**
 * What Claude reads once: in `server/discover` (2026-07-28) or `initialize` (2025 revisions). The confirm flow
 * and the tool families are explained only here; each destructive tool's description ends with `confirmLine()`
 * (mcp/toolkit/confirm_tool.ts) pointing back to it.
 */
export const SERVER_INSTRUCTIONS = [
  "arr-mcp runs a self-hosted media server: containers under rootless Podman, compose stacks, systemd user " +
  "units and quadlets (through arr-helper), files and logs, and the media services' APIs (Sonarr, Radarr, " +
  "Prowlarr, Lidarr, Plex, SABnzbd, qBittorrent).",
  "Start with dashboard_show for an overview; container_list gives exact container names; service_status " +
  "checks the media services' APIs; service_diagnose finds what is wrong with one service's container.",
  "Arguments: container = container name or ID, stack = folder in the stacks dir, unit = systemd user unit " +
  "(a quadlet NAME.container runs as NAME.service), service = media service (sonarr, plex …).",
  "Confirm flow for tools marked Destructive. If your client shows confirmation dialogs (elicitation), the " +
  "user sees what will change and approves or denies it there; nothing runs without their approval. " +
  'Otherwise a call without confirm_token changes nothing and returns status "confirmation_required", a ' +
  "preview and a confirm_token: show the preview to the user and, only after they agree, call again with the " +
  "same arguments plus confirm_token. A token works once, for 5 minutes, for exactly the previewed " +
  "operation; if anything changed, call again without it for a new preview.",
  "Secrets in output are shown as [REDACTED]; compose_write and quadlet_write keep the real value of lines " +
  "left as [REDACTED]. Read-only tools never change anything.",
].join("\n\n");
