/**
 * ARR_NOTIFY_URLS → channels. Each URL's scheme picks its channel; an unknown scheme or a malformed URL is an
 * error naming the scheme (the URL itself is never shown: it holds secrets).
 */
import { err, ok, type Result } from "../../../shared/result.ts";
import { discordChannel } from "./discord.ts";
import { gotifyChannel } from "./gotify.ts";
import { jsonChannel } from "./json_webhook.ts";
import type { Channel } from "./notice.ts";
import { ntfyChannel } from "./ntfy.ts";
import { parseNotifyUrl, splitScheme } from "./parsed_url.ts";
import { pushoverChannel } from "./pushover.ts";

export const NOTIFY_SCHEMES = [
  "ntfy",
  "ntfys",
  "gotify",
  "gotifys",
  "discord",
  "json",
  "jsons",
  "pover",
] as const;

/** Base URLs that replace discord's and Pushover's fixed endpoints (ARR_NOTIFY_ENDPOINT_OVERRIDES, for tests). */
export interface EndpointOverrides {
  discord?: string;
  pover?: string;
}

export function parseChannel(text: string, overrides: EndpointOverrides = {}): Result<Channel, string> {
  const scheme = splitScheme(text);
  if (scheme === null) return err("a notification URL has no scheme://");
  if (!(NOTIFY_SCHEMES as readonly string[]).includes(scheme)) {
    return err(`unsupported notification scheme "${scheme}" (supported: ${NOTIFY_SCHEMES.join(", ")})`);
  }
  const url = parseNotifyUrl(text);
  if (!url) return err(`a ${scheme}:// URL is malformed`);
  const made = scheme.startsWith("ntfy")
    ? ntfyChannel(url)
    : scheme.startsWith("gotify")
    ? gotifyChannel(url)
    : scheme.startsWith("json")
    ? jsonChannel(url)
    : scheme === "discord"
    ? discordChannel(url, overrides.discord)
    : pushoverChannel(url, overrides.pover);
  return typeof made === "string" ? err(`a ${scheme}:// URL is malformed: ${made}`) : ok(made);
}

/** Comma-separated URLs; blank entries are skipped. */
export function parseChannels(
  text: string | undefined,
  overrides: EndpointOverrides = {},
): Result<Channel[], string> {
  const channels: Channel[] = [];
  for (const part of (text ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const channel = parseChannel(part, overrides);
    if (!channel.ok) return err(`Invalid ARR_NOTIFY_URLS: ${channel.error}`);
    if (!channels.some((c) => c.key === channel.value.key)) channels.push(channel.value);
  }
  return ok(channels);
}
