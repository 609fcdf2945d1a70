import assert from "node:assert/strict";
import fc from "fast-check";
import { parseChannel, parseChannels } from "../../../../mcp/alerts/notify/channels.ts";
import { DISCORD_LIMITS, discordEmbed } from "../../../../mcp/alerts/notify/discord.ts";
import { type Notice, testNotice } from "../../../../mcp/alerts/notify/notice.ts";

const AT = "2026-11-22T12:00:00.000Z";
const notice = (message: string, title = "Warning: stuck_download h1"): Notice => ({
  kind: "opened",
  severity: "warning",
  title,
  message,
  alert: {
    id: "al_1",
    rule: "stuck_download",
    subject: "h1",
    severity: "warning",
    message,
    first_seen: AT,
    last_seen: AT,
    resolved_at: null,
  },
  at: AT,
});

function channel(url: string, overrides = {}) {
  const parsed = parseChannel(url, overrides);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

Deno.test("each scheme builds the request its service documents; labels show scheme and host only", async (t) => {
  await t.step("ntfy: JSON publish to the root with topic, priority from the URL", () => {
    const c = channel("ntfy://127.0.0.1:8080/secret-topic-123?priority=high");
    const r = c.request(notice("m"));
    assert.equal(r.url, "http://127.0.0.1:8080/");
    assert.deepEqual(JSON.parse(r.body), {
      topic: "secret-topic-123",
      title: "Warning: stuck_download h1",
      message: "m",
      priority: 4,
      tags: ["warning"],
    });
    assert.equal(c.label, "ntfy://127.0.0.1:8080");
  });
  await t.step("ntfys with a token: HTTPS and a bearer header", () => {
    const r = channel("ntfys://ntfy.example/alerts?token=tk_abcdefghijklmnop").request(notice("m"));
    assert.equal(r.url, "https://ntfy.example/");
    assert.equal(r.headers.authorization, "Bearer tk_abcdefghijklmnop");
  });
  await t.step("gotify: POST /message with X-Gotify-Key", () => {
    const c = channel("gotify://gotify.lan:8008/sub/AbCdEfToken");
    const r = c.request(notice("m"));
    assert.equal(r.url, "http://gotify.lan:8008/sub/message");
    assert.equal(r.headers["x-gotify-key"], "AbCdEfToken");
    assert.equal(JSON.parse(r.body).priority, 5);
    assert.ok(!c.label.includes("AbCdEfToken"));
  });
  await t.step("discord: webhook path, override base, label without the token", () => {
    const c = channel("discord://123456789/WebhookTokenXYZ", { discord: "http://127.0.0.1:9" });
    assert.equal(
      c.request(notice("m")).url,
      "http://127.0.0.1:9/api/webhooks/123456789/WebhookTokenXYZ?wait=true",
    );
    assert.equal(c.label, "discord://127.0.0.1:9");
  });
  await t.step("json: one documented object", () => {
    const body = JSON.parse(channel("jsons://hooks.lan/arr/events").request(notice("m")).body);
    assert.deepEqual(Object.keys(body), [
      "version",
      "event",
      "severity",
      "title",
      "message",
      "alert",
      "sent_at",
    ]);
    assert.equal(body.version, 1);
  });
  await t.step("pover: form with token and user; emergency adds retry and expire", () => {
    const c = channel("pover://UserKey123@AppToken456?priority=emergency");
    const form = new URLSearchParams(c.request(notice("m")).body);
    assert.equal(c.request(notice("m")).url, "https://api.pushover.net/1/messages.json");
    assert.deepEqual([form.get("token"), form.get("user"), form.get("priority")], [
      "AppToken456",
      "UserKey123",
      "2",
    ]);
    assert.deepEqual([form.get("retry"), form.get("expire")], ["60", "3600"]);
    const normal = new URLSearchParams(channel("pover://UserKey123@AppToken456").request(notice("m")).body);
    assert.equal(normal.get("retry"), null);
    assert.equal(c.label, "pover://api.pushover.net");
  });
});

Deno.test("an unsupported scheme is an error naming it; a bad URL never echoes its secret", () => {
  const bad = parseChannels("ntfy://h/t,mailto://me@example.com");
  assert.equal(bad.ok, false);
  assert.match(!bad.ok ? bad.error : "", /unsupported notification scheme "mailto"/);
  const malformed = parseChannels("discord://notanid/SuperSecretToken");
  assert.equal(malformed.ok, false);
  assert.ok(!malformed.ok && !malformed.error.includes("SuperSecretToken"));
  const none = parseChannels("");
  assert.deepEqual(none.ok ? none.value : null, []);
});

Deno.test("discord embeds stay within Discord's limits whatever the text", () => {
  fc.assert(fc.property(fc.string({ maxLength: 9000 }), fc.string({ maxLength: 600 }), (message, title) => {
    const embed = discordEmbed(notice(message, title));
    const total = embed.title.length + embed.description.length +
      embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
    assert.ok(embed.title.length <= DISCORD_LIMITS.title);
    assert.ok(embed.description.length <= DISCORD_LIMITS.description);
    assert.ok(embed.fields.every((f) => f.value.length <= DISCORD_LIMITS.field));
    assert.ok(total <= DISCORD_LIMITS.embedTotal);
  }));
});

Deno.test("pushover clips message and title to its limits", () => {
  const form = new URLSearchParams(
    channel("pover://u123@t456").request(notice("x".repeat(5000), "y".repeat(400))).body,
  );
  assert.equal(form.get("message")!.length, 1024);
  assert.equal(form.get("title")!.length, 250);
  assert.equal(testNotice(AT).alert, null);
});
