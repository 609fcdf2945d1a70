/**
 * The alert settings from the environment. Pure: main.ts passes the variables.
 * ARR_ALERT_INTERVAL_S (default 300, at least 5), ARR_NOTIFY_URLS, ARR_NOTIFY_QUIET_HOURS and
 * ARR_NOTIFY_ENDPOINT_OVERRIDES (`discord=http://127.0.0.1:9001,pover=…`, for tests and proxies).
 */
import { err, ok, type Result } from "../../shared/result.ts";
import { type EndpointOverrides, parseChannels } from "./notify/channels.ts";
import type { Channel } from "./notify/notice.ts";
import { parseQuietHours, type QuietHours } from "./quiet_hours.ts";

export const DEFAULT_ALERT_INTERVAL_S = 300;
export const MIN_ALERT_INTERVAL_S = 5;

export const ALERT_ENV_VARS = [
  "ARR_ALERT_INTERVAL_S",
  "ARR_NOTIFY_URLS",
  "ARR_NOTIFY_QUIET_HOURS",
  "ARR_NOTIFY_ENDPOINT_OVERRIDES",
] as const;

export interface AlertConfig {
  intervalSeconds: number;
  channels: Channel[];
  quietHours: QuietHours | null;
}

export function parseAlertConfig(
  env: Readonly<Record<string, string | undefined>>,
): Result<AlertConfig, string> {
  const intervalText = env.ARR_ALERT_INTERVAL_S?.trim() || String(DEFAULT_ALERT_INTERVAL_S);
  const interval = Number(intervalText);
  if (!/^\d+$/.test(intervalText) || interval < MIN_ALERT_INTERVAL_S) {
    return err(
      `Invalid ARR_ALERT_INTERVAL_S "${intervalText}": expected whole seconds, at least ${MIN_ALERT_INTERVAL_S}`,
    );
  }
  const overrides = parseOverrides(env.ARR_NOTIFY_ENDPOINT_OVERRIDES);
  if (!overrides.ok) return overrides;
  const channels = parseChannels(env.ARR_NOTIFY_URLS, overrides.value);
  if (!channels.ok) return channels;
  const quiet = parseQuietHours(env.ARR_NOTIFY_QUIET_HOURS);
  if (!quiet.ok) return quiet;
  return ok({ intervalSeconds: interval, channels: channels.value, quietHours: quiet.value });
}

function parseOverrides(text: string | undefined): Result<EndpointOverrides, string> {
  const overrides: EndpointOverrides = {};
  for (const part of (text ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const [name, base] = [part.slice(0, part.indexOf("=")), part.slice(part.indexOf("=") + 1)];
    if ((name !== "discord" && name !== "pover") || !/^https?:\/\/[^/]+$/.test(base.replace(/\/$/, ""))) {
      return err(
        `Invalid ARR_NOTIFY_ENDPOINT_OVERRIDES entry "${part}": expected discord=http(s)://host:port or pover=…`,
      );
    }
    overrides[name] = base.replace(/\/$/, "");
  }
  return ok(overrides);
}
