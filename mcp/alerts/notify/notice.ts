/** One message to the user's channels, and the HTTP request each channel makes of it. */
import type { AlertSeverity, AlertView } from "../../toolkit/alerts_port.ts";

export type NoticeKind = "opened" | "resolved" | "test";

export interface Notice {
  kind: NoticeKind;
  severity: AlertSeverity;
  title: string;
  message: string;
  /** The alert it is about; null for a test message. */
  alert: AlertView | null;
  /** ISO time the notice was made. */
  at: string;
}

export interface ChannelRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Channel {
  /** sha256 of the URL: how delivery state names the channel without storing its secret. */
  key: string;
  /** Scheme and host only, e.g. "ntfys://ntfy.sh", safe to show. */
  label: string;
  /** Parts of the URL that are secret (tokens, topics, keys), scrubbed from anything shown. */
  secrets: string[];
  request(notice: Notice): ChannelRequest;
}

export function noticeFor(kind: Exclude<NoticeKind, "test">, alert: AlertView, at: string): Notice {
  const title = kind === "resolved"
    ? `Resolved: ${alert.rule} ${alert.subject}`
    : `${alert.severity === "critical" ? "Critical" : alert.severity === "warning" ? "Warning" : "Info"}: ` +
      `${alert.rule} ${alert.subject}`;
  const message = kind === "resolved"
    ? `Resolved at ${alert.resolved_at ?? at}. It was: ${alert.message}`
    : alert.message;
  return { kind, severity: alert.severity, title: title.slice(0, 200), message, alert, at };
}

export function testNotice(at: string): Notice {
  return {
    kind: "test",
    severity: "info",
    title: "arr-mcp test notification",
    message: "This is a test message from arr-mcp (notify_test). Alerts will arrive here.",
    alert: null,
    at,
  };
}

/** Cuts `text` to `max` characters, marking the cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
