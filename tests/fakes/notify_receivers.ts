/**
 * Loopback receivers shaped like the services arr-mcp notifies, each recording exactly what arrived:
 * ntfy (JSON publish to /), Gotify (POST /message, X-Gotify-Key checked), Discord (POST
 * /api/webhooks/{id}/{token}, 2,000/6,000/1,024 limits checked: 400 like Discord when broken), a JSON webhook
 * and Pushover (form POST /1/messages.json, token/user checked, retry+expire required for priority 2).
 * `status` makes a receiver answer that HTTP status instead (500 to test retries).
 */
import { json, type LoopbackServer, serveLoopback, text } from "./serve.ts";

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface Receiver extends LoopbackServer {
  received: Received[];
  /** Answer every request with this status instead (0: behave normally). */
  status: number;
}

function receiver(check: (req: Request, url: URL, body: string) => Response | null): Receiver {
  const received: Received[] = [];
  const server = serveLoopback(async (request) => {
    const url = new URL(request.url);
    const body = await request.text();
    received.push({ path: url.pathname + url.search, headers: Object.fromEntries(request.headers), body });
    if (self.status) return text("failing on purpose", self.status);
    return check(request, url, body) ?? json({ ok: true });
  });
  const self: Receiver = Object.assign(server, { received, status: 0 });
  return self;
}

export function ntfyReceiver(): Receiver {
  return receiver((req, url, body) => {
    if (req.method !== "POST" || url.pathname !== "/") return text("not found", 404);
    const msg = JSON.parse(body);
    return typeof msg.topic === "string" && typeof msg.message === "string"
      ? json({ id: "x", event: "message", topic: msg.topic })
      : text("bad", 400);
  });
}

export function gotifyReceiver(token: string): Receiver {
  return receiver((req, url) => {
    if (url.pathname !== "/message") return text("not found", 404);
    if (req.headers.get("x-gotify-key") !== token) return json({ error: "Unauthorized" }, 401);
    return json({ id: 1 });
  });
}

export function discordReceiver(id: string, token: string): Receiver {
  return receiver((_req, url, body) => {
    if (url.pathname !== `/api/webhooks/${id}/${token}`) return json({ message: "Unknown Webhook" }, 404);
    const payload = JSON.parse(body) as { content?: string; embeds?: Array<Record<string, unknown>> };
    const embeds = payload.embeds ?? [];
    const total = embeds.reduce((n, e) => {
      const fields = (e.fields as Array<{ name: string; value: string }> | undefined) ?? [];
      return n + String(e.title ?? "").length + String(e.description ?? "").length +
        fields.reduce((m, f) => m + f.name.length + f.value.length, 0);
    }, 0);
    const fieldTooLong = embeds.some((e) =>
      ((e.fields as Array<{ value: string }> | undefined) ?? []).some((f) => f.value.length > 1024)
    );
    if ((payload.content ?? "").length > 2000 || total > 6000 || fieldTooLong) {
      return json({ message: "Invalid Form Body", code: 50035 }, 400);
    }
    return json({ id: "1", channel_id: "2" });
  });
}

export function jsonReceiver(): Receiver {
  return receiver(() => null);
}

export function pushoverReceiver(token: string, user: string): Receiver {
  return receiver((_req, url, body) => {
    if (url.pathname !== "/1/messages.json") return text("not found", 404);
    const form = new URLSearchParams(body);
    if (form.get("token") !== token) {
      return json({ status: 0, errors: ["application token is invalid"] }, 400);
    }
    if (form.get("user") !== user) return json({ status: 0, errors: ["user identifier is invalid"] }, 400);
    if (form.get("priority") === "2" && (!form.get("retry") || !form.get("expire"))) {
      return json({ status: 0, errors: ["retry and expire are required"] }, 400);
    }
    return json({ status: 1, request: "r" });
  });
}
