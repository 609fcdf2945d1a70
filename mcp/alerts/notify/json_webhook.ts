/**
 * json://[user:pass@]host[:port]/path (jsons:// for HTTPS): POSTs one JSON object per event, documented in
 * docs/alerts.md: { version: 1, event, severity, title, message, alert, sent_at }.
 */
import { encodeBase64 } from "../../../shared/encoding.ts";
import type { Channel } from "./notice.ts";
import type { ParsedUrl } from "./parsed_url.ts";

export function jsonChannel(url: ParsedUrl): Channel | string {
  const path = url.path.map(encodeURIComponent).join("/");
  const query = url.query.toString();
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (url.user) {
    headers.authorization = `Basic ${encodeBase64(new TextEncoder().encode(`${url.user}:${url.password}`))}`;
  }
  return {
    key: url.key,
    label: url.label,
    secrets: [...(url.password ? [url.password] : []), ...url.path.filter((p) => p.length >= 16)],
    request: (notice) => ({
      url: `${url.httpBase}/${path}${query ? `?${query}` : ""}`,
      headers,
      body: JSON.stringify({
        version: 1,
        event: notice.kind,
        severity: notice.severity,
        title: notice.title,
        message: notice.message,
        alert: notice.alert,
        sent_at: notice.at,
      }),
    }),
  };
}
