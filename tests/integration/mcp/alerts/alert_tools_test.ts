/**
 * The five alert tools through the real app on loopback with a real MCP client: a check finds a Sonarr health
 * problem from a loopback fake, rules are changed and kept, notify_test reaches a real ntfy-shaped receiver and
 * names it by scheme and host only; the audit log and the answers never hold the channel's secret.
 */
import assert from "node:assert/strict";
import { parseAlertConfig } from "../../../../mcp/alerts/alert_config.ts";
import { registerAlertTools } from "../../../../mcp/alerts/alert_tools.ts";
import { startAlerts, type StartedAlerts } from "../../../../mcp/alerts/start_alerts.ts";
import { startFakeArr } from "../../../fakes/arr_fake.ts";
import { ntfyReceiver } from "../../../fakes/notify_receivers.ts";
import { serveArrMcp } from "../../_support/harness.ts";
import { memoryMediaServices } from "../../_support/memory_media_services.ts";

const TOPIC = "tools-test-topic-0123456789abcdef";
const KEY = "sonarr-key-tools-0123456789";

Deno.test("alert tools: check now, recent, rules list and set (kept), notify_test", async () => {
  const sonarr = startFakeArr({
    app: "sonarr",
    apiKey: KEY,
    health: [{
      source: "DownloadClientCheck",
      type: "error",
      message: "Unable to communicate with qBittorrent",
    }],
  });
  const ntfy = ntfyReceiver();
  const config = parseAlertConfig({ ARR_NOTIFY_URLS: `ntfy://127.0.0.1:${ntfy.port}/${TOPIC}` });
  if (!config.ok) throw new Error(config.error);
  let alerts: StartedAlerts | undefined;
  const served = await serveArrMcp({
    families: [registerAlertTools],
    env: { ARR_MEDIA_DIR: "/", ARR_STACKS_DIR: "/" },
    withDeps: async (deps) => {
      const withMedia = {
        ...deps,
        media: memoryMediaServices({ SONARR_URL: sonarr.url, SONARR_API_KEY: KEY }, {
          clientOptions: { retries: 0, timeoutMs: 5_000 },
        }),
      };
      // Disk space of a roomy fake disk: this test is about the tools, not the host's free space.
      const usageOf = () =>
        Promise.resolve({ totalBytes: 1e12, usedBytes: 0, availableBytes: 1e12, usedPercent: 0 });
      alerts = await startAlerts(withMedia, config.value, { noWatcher: true, send: { fetch }, usageOf });
      return { ...withMedia, alerts: alerts.engine };
    },
  });
  try {
    const check = await served.call("alerts_check_now");
    assert.equal(check.isError, undefined);
    const health = check.structuredContent.findings.filter((f: { rule: string }) => f.rule === "arr_health");
    assert.equal(health.length, 1);
    assert.match(health[0].message, /Unable to communicate with qBittorrent/);
    await alerts!.engine.delivered();
    assert.equal(ntfy.received.length, 1);

    const open = await served.call("alerts_recent", {});
    assert.deepEqual(
      open.structuredContent.alerts.map((a: { subject: string }) => a.subject),
      ["sonarr:DownloadClientCheck"],
    );

    const set = await served.call("alert_rule_set", {
      rule: "disk_space",
      threshold: 5,
      cooldown_seconds: 60,
    });
    assert.deepEqual(set.structuredContent.rule.threshold, 5);
    const listed = await served.call("alert_rules_list");
    const disk = listed.structuredContent.rules.find((r: { name: string }) => r.name === "disk_space");
    assert.deepEqual([disk.threshold, disk.cooldown_seconds, disk.enabled], [5, 60, true]);
    const bad = await served.call("alert_rule_set", { rule: "no_such_rule", enabled: false });
    assert.equal(bad.isError, true);

    const test = await served.call("notify_test");
    assert.deepEqual(test.structuredContent.channels, [
      { channel: `ntfy://127.0.0.1:${ntfy.port}`, ok: true, attempts: 1, error: null },
    ]);
    assert.equal(ntfy.received.length, 2);
    assert.match(ntfy.received[1]!.body, /arr-mcp test notification/);
    const audit = JSON.stringify(served.deps.audit.recent(50));
    assert.ok(audit.includes("notify_test") && audit.includes("alert_rule_set"));
    assert.equal(audit.includes(TOPIC), false);
    assert.equal(JSON.stringify([check, open, test]).includes(TOPIC), false);
  } finally {
    await served.close();
    await alerts?.stop();
    await ntfy.close();
    await sonarr.close();
  }
});
