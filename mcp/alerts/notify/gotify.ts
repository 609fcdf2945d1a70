/**
 * gotify://host[:port][/path]/TOKEN[?priority=0-10] (gotifys:// for HTTPS): POST <base>/message with the app
 * token in X-Gotify-Key (https://gotify.net/api-docs).
 */
import type { AlertSeverity } from "../../toolkit/alerts_port.ts";
import type { Channel } from "./notice.ts";
import type { ParsedUrl } from "./parsed_url.ts";

const BY_SEVERITY: Record<AlertSeverity, number> = { info: 2, warning: 5, critical: 8 };

export function gotifyChannel(url: ParsedUrl): Channel | string {
  const token = url.path.at(-1);
  if (!token) return "expected gotify://host[:port]/TOKEN";
  const prefix = url.path.slice(0, -1).map(encodeURIComponent).join("/");
  const priorityText = url.query.get("priority");
  const priority = priorityText === null ? null : Number(priorityText);
  if (priority !== null && !(Number.isInteger(priority) && priority >= 0 && priority <= 10)) {
    return `priority "${priorityText}" is not 0-10`;
  }
  return {
    key: url.key,
    label: url.label,
    secrets: [token],
    request: (notice) => ({
      url: `${url.httpBase}${prefix ? `/${prefix}` : ""}/message`,
      headers: { "content-type": "application/json", "x-gotify-key": token },
      body: JSON.stringify({
        title: notice.title,
        message: notice.message,
        priority: priority ?? (notice.kind === "resolved" ? 2 : BY_SEVERITY[notice.severity]),
      }),
    }),
  };
}
