/**
 * discord://WEBHOOK_ID/WEBHOOK_TOKEN: one embed per notice, POSTed to the webhook
 * (https://discord.com/developers/docs/resources/webhook#execute-webhook), within Discord's limits: content
 * 2,000, embed title 256, description 4,096, field value 1,024, all embed text 6,000 characters.
 */
import type { AlertSeverity } from "../../toolkit/alerts_port.ts";
import { type Channel, clip, type Notice } from "./notice.ts";
import type { ParsedUrl } from "./parsed_url.ts";

export const DISCORD_BASE = "https://discord.com";
export const DISCORD_LIMITS = { content: 2000, title: 256, description: 4096, field: 1024, embedTotal: 6000 };
const COLOR: Record<AlertSeverity, number> = { info: 0x3498db, warning: 0xf1c40f, critical: 0xe74c3c };
const RESOLVED_COLOR = 0x2ecc71;

export function discordEmbed(notice: Notice) {
  const title = clip(notice.title, DISCORD_LIMITS.title);
  const fields = notice.alert
    ? [
      { name: "Rule", value: clip(notice.alert.rule, DISCORD_LIMITS.field), inline: true },
      { name: "Severity", value: notice.alert.severity, inline: true },
      { name: "Subject", value: clip(notice.alert.subject, DISCORD_LIMITS.field), inline: false },
    ]
    : [];
  const used = title.length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const description = clip(
    notice.message,
    Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.embedTotal - used),
  );
  return {
    title,
    description,
    color: notice.kind === "resolved" ? RESOLVED_COLOR : COLOR[notice.severity],
    fields,
    timestamp: notice.at,
  };
}

export function discordChannel(url: ParsedUrl, base: string = DISCORD_BASE): Channel | string {
  const id = url.host;
  const token = url.path[0];
  if (!token || url.path.length !== 1 || !/^\d+$/.test(id)) {
    return "expected discord://WEBHOOK_ID/WEBHOOK_TOKEN";
  }
  return {
    key: url.key,
    label: `discord://${new URL(base).host}`,
    secrets: [token],
    request: (notice) => ({
      url: `${base}/api/webhooks/${id}/${encodeURIComponent(token)}?wait=true`,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "arr-mcp", embeds: [discordEmbed(notice)] }),
    }),
  };
}
