/**
 * ntfy://[user:pass@]host[:port]/topic[?priority=1-5|min|low|default|high|max|urgent][&token=tk_…]
 * (ntfys:// for HTTPS): a JSON publish to the server root (https://docs.ntfy.sh/publish/#publish-as-json).
 */
import type { AlertSeverity } from "../../toolkit/alerts_port.ts";
import { encodeBase64 } from "../../../shared/encoding.ts";
import type { Channel } from "./notice.ts";
import type { ParsedUrl } from "./parsed_url.ts";

const NAMED: Record<string, number> = { min: 1, low: 2, default: 3, high: 4, max: 5, urgent: 5 };
const BY_SEVERITY: Record<AlertSeverity, number> = { info: 3, warning: 4, critical: 5 };
const TAGS: Record<AlertSeverity, string> = {
  info: "information_source",
  warning: "warning",
  critical: "rotating_light",
};

export function ntfyChannel(url: ParsedUrl): Channel | string {
  const topic = url.path[0];
  if (!topic || url.path.length !== 1) return "expected ntfy://host[:port]/topic";
  const priorityText = url.query.get("priority");
  const priority = priorityText === null ? null : NAMED[priorityText] ?? Number(priorityText);
  if (priority !== null && !(Number.isInteger(priority) && priority >= 1 && priority <= 5)) {
    return `priority "${priorityText}" is not 1-5 or min|low|default|high|max|urgent`;
  }
  const token = url.query.get("token");
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  else if (url.user) {
    headers.authorization = `Basic ${encodeBase64(new TextEncoder().encode(`${url.user}:${url.password}`))}`;
  }
  return {
    key: url.key,
    label: url.label,
    secrets: [topic, ...(token ? [token] : []), ...(url.password ? [url.password] : [])],
    request: (notice) => ({
      url: `${url.httpBase}/`,
      headers,
      body: JSON.stringify({
        topic,
        title: notice.title,
        message: notice.message,
        priority: priority ?? (notice.kind === "resolved" ? 3 : BY_SEVERITY[notice.severity]),
        tags: [notice.kind === "resolved" ? "white_check_mark" : TAGS[notice.severity]],
      }),
    }),
  };
}
