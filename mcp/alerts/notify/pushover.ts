/**
 * pover://USER_KEY@APP_TOKEN[?priority=-2..2|lowest|low|normal|high|emergency][&retry=60][&expire=3600]:
 * POST https://api.pushover.net/1/messages.json (form). Message ≤1,024 and title ≤250 characters; priority 2
 * (emergency) needs retry (≥30 s) and expire (≤10,800 s).
 */
import type { AlertSeverity } from "../../toolkit/alerts_port.ts";
import { type Channel, clip } from "./notice.ts";
import type { ParsedUrl } from "./parsed_url.ts";

export const PUSHOVER_BASE = "https://api.pushover.net";
const NAMED: Record<string, number> = { lowest: -2, low: -1, normal: 0, high: 1, emergency: 2 };
const BY_SEVERITY: Record<AlertSeverity, number> = { info: -1, warning: 0, critical: 1 };

export function pushoverChannel(url: ParsedUrl, base: string = PUSHOVER_BASE): Channel | string {
  const user = url.user;
  const token = url.host;
  if (!user || url.path.length > 0) return "expected pover://USER_KEY@APP_TOKEN";
  const priorityText = url.query.get("priority");
  const priority = priorityText === null ? null : NAMED[priorityText] ?? Number(priorityText);
  if (priority !== null && !(Number.isInteger(priority) && priority >= -2 && priority <= 2)) {
    return `priority "${priorityText}" is not -2..2 or lowest|low|normal|high|emergency`;
  }
  const retry = Number(url.query.get("retry") ?? 60);
  const expire = Number(url.query.get("expire") ?? 3600);
  if (!(retry >= 30) || !(expire > 0 && expire <= 10800)) {
    return "retry must be ≥30 and expire 1-10800 seconds";
  }
  return {
    key: url.key,
    label: `pover://${new URL(base).host}`,
    secrets: [user, token],
    request: (notice) => {
      const p = priority ?? (notice.kind === "resolved" ? -1 : BY_SEVERITY[notice.severity]);
      const form = new URLSearchParams({
        token,
        user,
        title: clip(notice.title, 250),
        message: clip(notice.message, 1024),
        priority: String(p),
        timestamp: String(Math.floor(Date.parse(notice.at) / 1000)),
      });
      if (p === 2) {
        form.set("retry", String(retry));
        form.set("expire", String(expire));
      }
      return {
        url: `${base}/1/messages.json`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
      };
    },
  };
}
